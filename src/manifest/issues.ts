import type { z } from 'zod'
import { closestKey } from '../base/suggest.js'
import type { KeyPath } from '../base/key-path.js'

/** What a zod issue means for a manifest author, in plain words. */
export interface Finding {
  path: KeyPath
  /** Unknown keys point at the key; everything else at the value. */
  at: 'key' | 'value'
  message: string
}

/** The most problems one run reports, each with its place; a manifest with more gets a count of the rest. */
export const MAX_PROBLEMS = 100
/** The most problems past those the log lists, unlocated, a line each: a bounded log, however hostile the manifest. */
export const MAX_LOGGED_PROBLEMS = 100_000

type AnySchema = z.core.$ZodType

/** The schema inside optional, nullable and default wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema }
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      current = def.innerType
    } else {
      return current
    }
  }
}

/** The keys an object at `path` of `schema` may have, for suggestions. */
export function knownKeysAt(schema: AnySchema, path: KeyPath): string[] {
  let current: AnySchema | undefined = unwrap(schema)
  for (const segment of path) {
    if (!current) return []
    const def = current._zod.def as {
      type: string
      shape?: Record<string, AnySchema>
      valueType?: AnySchema
      element?: AnySchema
    }
    if (def.type === 'object' && def.shape) current = def.shape[String(segment)]
    else if (def.type === 'record') current = def.valueType
    else if (def.type === 'array') current = def.element
    else return []
    current = current && unwrap(current)
  }
  const def = current?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : []
}

/** The value at `path` inside parsed data, or undefined where the path goes further than the data. */
export function valueAt(data: unknown, path: KeyPath): unknown {
  let current = data
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[segment as string]
  }
  return current
}

function describeType(value: unknown): string {
  if (value === null) return 'nothing (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  return `a ${typeof value}`
}

const typeNames: Record<string, string> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
}

/** Turns zod's issues into findings, one per problem (an unknown key each). */
export function describeIssues(schema: AnySchema, data: unknown, issues: readonly z.core.$ZodIssue[]): Finding[] {
  return issues.flatMap((issue): Finding[] => {
    const path = issue.path as KeyPath
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path)
        return issue.keys.map((key) => {
          const suggestion = closestKey(key, known)
          const hint = suggestion ? `did you mean \`${suggestion}\`?` : `known keys here: ${known.join(', ')}`
          return { path: [...path, key], at: 'key', message: `unknown key \`${key}\`; ${hint}` }
        })
      }
      case 'invalid_type': {
        const actual = valueAt(data, path)
        const expected = typeNames[issue.expected] ?? issue.expected
        if (actual === undefined) {
          return [{ path, at: 'value', message: `is required (${expected})` }]
        }
        // YAML reads `version: 1.0` as a number and `on` as a boolean.
        const quote = issue.expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean') ? ' (put it in quotes)' : ''
        return [{ path, at: 'value', message: `must be ${expected}, not ${describeType(actual)}${quote}` }]
      }
      case 'too_big':
      case 'too_small': {
        const bound = issue.code === 'too_big' ? 'at most' : 'at least'
        const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum
        const actual = valueAt(data, path)
        if (issue.origin === 'string' && typeof actual === 'string') {
          return [{ path, at: 'value', message: `must be ${bound} ${String(limit)} characters long (it has ${actual.length})` }]
        }
        return [{ path, at: 'value', message: `must be ${bound} ${String(limit)}` }]
      }
      case 'invalid_value': {
        const choices = issue.values.map(String).join(', ')
        if (valueAt(data, path) === undefined) return [{ path, at: 'value', message: `is required (one of: ${choices})` }]
        return [{ path, at: 'value', message: `must be one of: ${choices}` }]
      }
      default:
        return [{ path, at: 'value', message: issue.message }]
    }
  })
}
