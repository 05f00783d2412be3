// A definition's zod schemas as JSON Schema, the way Botpress's CLI makes them
// (packages/cli/src/utils/schema-utils.ts, mapZodToJsonSchema): the SDK's
// transformer (the legacy one with `target: 'jsonSchema7'` when the definition
// asks for it), local `$ref`s dereferenced, then the entry's `ui` titles and
// examples set on the matching properties of an object schema.

import { setOwn } from '../base/own.js'

type Json = Record<string, unknown>

/** The part of `@botpress/sdk`'s `z.transforms` this uses: the repository's own SDK, the one that made the schemas. */
export interface SchemaTransforms {
  toJSONSchema: (schema: unknown, options?: unknown) => unknown
  toJSONSchemaLegacy?: (schema: unknown, options?: unknown) => unknown
}

/** A definition's `__advanced` options that choose the transformer. */
export interface TransformOptions {
  useLegacyZuiTransformer?: boolean
  toJSONSchemaOptions?: Json
}

/** An entry that holds a schema: an event, a state, an action's input or output, a message, a configuration. */
export interface SchemaEntry {
  schema?: unknown
  ui?: Record<string, { title?: unknown; examples?: unknown } | undefined>
}

/** Turns one entry's schema into JSON Schema. */
export type ToJsonSchema = (entry: SchemaEntry) => Json

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null

export function schemaMapper(transforms: SchemaTransforms, advanced: TransformOptions): ToJsonSchema {
  const legacy = advanced.useLegacyZuiTransformer === true
  if (legacy && !transforms.toJSONSchemaLegacy) {
    throw new Error('the definition asks for the legacy schema transformer (__advanced.useLegacyZuiTransformer), which this @botpress/sdk does not have')
  }
  return (entry) => {
    const made = legacy
      ? transforms.toJSONSchemaLegacy!(entry.schema, { target: 'jsonSchema7', ...advanced.toJSONSchemaOptions })
      : transforms.toJSONSchema(entry.schema, advanced.toJSONSchemaOptions)
    const schema = dereferenceLocal(made)
    if (!isObject(schema) || schema.type !== 'object' || !entry.ui) return schema as Json
    const properties = isObject(schema.properties) ? schema.properties : {}
    for (const [key, options] of Object.entries(entry.ui)) {
      const property = Object.hasOwn(properties, key) ? properties[key] : undefined
      if (!isObject(property)) continue
      // Truthy values only, as the CLI does (an empty title is not set).
      if (options?.title) property.title = options.title
      if (options?.examples) property.examples = options.examples
    }
    return schema
  }
}

/** The value a JSON Pointer (`#/properties/p`, RFC 6901) names in `root`, or undefined. */
function pointerTarget(root: unknown, ref: string): unknown {
  if (ref === '#') return root
  if (!ref.startsWith('#/')) return undefined
  let value = root
  for (const raw of ref.slice(2).split('/')) {
    let token: string
    try {
      token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    } catch {
      return undefined
    }
    if (!isObject(value) || !Object.hasOwn(value, token)) return undefined
    value = value[token]
  }
  return value
}

/**
 * `schema` with every local `$ref` replaced by what it points at, as
 * json-schema-ref-parser's `dereference` does for the CLI: the same object
 * wherever it is referenced (so a `ui` title set on one property shows on
 * every property that shares it, as in `bp deploy`'s body), a `$ref` with keys
 * beside it merged (those keys first, then the target's others), references
 * outside the document left as they are. A circular reference, which the body
 * could not hold as JSON, stays a `$ref`.
 */
export function dereferenceLocal(schema: unknown): unknown {
  const resolved = new Map<string, unknown>()
  // The objects being walked: a reference to one of them is circular.
  const active = new Set<unknown>()
  const done = new Set<unknown>()

  const resolveRef = (ref: string): unknown => {
    if (resolved.has(ref)) return resolved.get(ref)
    const target = pointerTarget(schema, ref)
    if (target === undefined || active.has(target)) return undefined
    const value = walk(target)
    if (value !== undefined) resolved.set(ref, value)
    return value
  }

  const walk = (value: unknown): unknown => {
    if (!isObject(value) || done.has(value) || active.has(value)) return value
    if (typeof value.$ref === 'string' && value.$ref.startsWith('#')) {
      active.add(value)
      const target = resolveRef(value.$ref)
      active.delete(value)
      if (target === undefined) return value
      const siblings = Object.keys(value).filter((key) => key !== '$ref')
      if (!siblings.length || !isObject(target)) return target
      const merged: Json = {}
      for (const key of siblings) setOwn(merged, key, walk(value[key]))
      for (const key of Object.keys(target)) if (!Object.hasOwn(merged, key)) setOwn(merged, key, target[key])
      return merged
    }
    active.add(value)
    for (const key of Object.keys(value)) {
      const item = value[key]
      const replaced = walk(item)
      if (replaced !== item) setOwn(value, key, replaced)
    }
    active.delete(value)
    done.add(value)
    return value
  }
  return walk(schema)
}
