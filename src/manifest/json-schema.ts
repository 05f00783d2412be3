import type { Finding } from './issues.js'
import type { KeyPath } from '../base/key-path.js'
import { isRecord } from '../base/record.js'
import { closestKey } from '../base/suggest.js'
import { append } from '../base/arrays.js'

// The schemas inside a manifest are plain JSON Schema, which Botpress checks
// only once it has the whole update. The mistakes that slip past a reader most
// often are caught here, where the line can be shown.

const MAX_SUGGESTIONS = 20
const MAX_SUGGESTION_CANDIDATES = 500

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs']
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems']
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'contains', 'if', 'then', 'else']

function checkType(type: unknown, path: KeyPath): Finding[] {
  const types = Array.isArray(type) ? type : [type]
  return types.flatMap((t, index): Finding[] => {
    const at = Array.isArray(type) ? [...path, 'type', index] : [...path, 'type']
    if (typeof t === 'string' && TYPES.includes(t)) return []
    const suggestion = typeof t === 'string' ? closestKey(t, TYPES) : undefined
    const hint = suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${TYPES.join(', ')}`
    return [{ path: at, at: 'value', message: `\`${String(t)}\` is not a JSON Schema type; ${hint}` }]
  })
}

/** The findings in one JSON Schema, and in the schemas inside it. */
export function checkJsonSchema(schema: unknown, path: KeyPath): Finding[] {
  if (typeof schema === 'boolean') return []
  if (!isRecord(schema)) return [{ path, at: 'value', message: 'must be a JSON Schema (a map)' }]
  const findings: Finding[] = []
  if (schema.type !== undefined) append(findings, checkType(schema.type, path))
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    findings.push({ path: [...path, 'enum'], at: 'value', message: 'must be a list of the allowed values' })
  }
  const properties = schema.properties
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || schema.required.some((name) => typeof name !== 'string')) {
      findings.push({ path: [...path, 'required'], at: 'value', message: 'must be a list of property names' })
    } else if (isRecord(properties)) {
      const names = Object.keys(properties)
      let suggestions = MAX_SUGGESTIONS
      schema.required.forEach((name: string, index) => {
        if (Object.hasOwn(properties, name)) return
        // Suggestions compare with every property: a few are worth it, thousands are not.
        const suggestion = suggestions-- > 0 && names.length <= MAX_SUGGESTION_CANDIDATES ? closestKey(name, names) : undefined
        const hint = suggestion ? `; did you mean \`${suggestion}\`?` : ''
        findings.push({ path: [...path, 'required', index], at: 'value', message: `\`${name}\` is required but not among \`properties\`${hint}` })
      })
    }
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key]
    if (map === undefined) continue
    if (!isRecord(map)) {
      findings.push({ path: [...path, key], at: 'value', message: 'must be a map of property name → schema' })
      continue
    }
    for (const [name, sub] of Object.entries(map)) append(findings, checkJsonSchema(sub, [...path, key, name]))
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key]
    if (list === undefined) continue
    if (!Array.isArray(list)) findings.push({ path: [...path, key], at: 'value', message: 'must be a list of schemas' })
    else list.forEach((sub, index) => append(findings, checkJsonSchema(sub, [...path, key, index])))
  }
  for (const key of SUBSCHEMAS) {
    const sub = schema[key]
    if (sub === undefined) continue
    // Draft 7 also writes tuples as a list of `items`.
    if (key === 'items' && Array.isArray(sub)) sub.forEach((item, index) => append(findings, checkJsonSchema(item, [...path, key, index])))
    else append(findings, checkJsonSchema(sub, [...path, key]))
  }
  return findings
}

/** Where a manifest holds JSON Schemas: the key paths of each. */
export function schemaLocations(manifest: Record<string, unknown>): KeyPath[] {
  const paths: KeyPath[] = []
  const each = (section: unknown, prefix: string, inner: readonly string[][]) => {
    if (!isRecord(section)) return
    for (const [name, entry] of Object.entries(section)) {
      for (const keys of inner) {
        let value: unknown = entry
        for (const key of keys) value = isRecord(value) ? value[key] : undefined
        if (value !== undefined) paths.push([prefix, name, ...keys])
      }
    }
  }
  if (isRecord(manifest.configuration) && manifest.configuration.schema !== undefined) paths.push(['configuration', 'schema'])
  each(manifest.configurations, 'configurations', [['schema']])
  each(manifest.actions, 'actions', [
    ['input', 'schema'],
    ['output', 'schema'],
  ])
  each(manifest.events, 'events', [['schema']])
  each(manifest.states, 'states', [['schema']])
  each(manifest.entities, 'entities', [['schema']])
  if (isRecord(manifest.channels)) {
    for (const [name, channel] of Object.entries(manifest.channels)) {
      if (!isRecord(channel) || !isRecord(channel.messages)) continue
      for (const [message, definition] of Object.entries(channel.messages)) {
        if (isRecord(definition) && definition.schema !== undefined) paths.push(['channels', name, 'messages', message, 'schema'])
      }
    }
  }
  return paths
}
