import { describe, expect, it } from '@jest/globals'
import { dereferenceLocal, schemaMapper, type SchemaTransforms } from '../../src/definition/schemas.js'

// The JSON Schema of a definition's entries as Botpress's CLI makes it
// (packages/cli/src/utils/schema-utils.ts): here with stand-in transformers
// that record how they were called and give back a fixed schema.

const calls: Array<{ which: string; options: unknown }> = []
const transforms = (made: () => unknown): SchemaTransforms => ({
  toJSONSchema: (_schema, options) => (calls.push({ which: 'toJSONSchema', options }), made()),
  toJSONSchemaLegacy: (_schema, options) => (calls.push({ which: 'legacy', options }), made()),
})
const objectSchema = () => ({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } })

describe('schemaMapper', () => {
  it('calls the legacy transformer with target jsonSchema7, the definition options over it', () => {
    calls.length = 0
    schemaMapper(transforms(objectSchema), { useLegacyZuiTransformer: true, toJSONSchemaOptions: { $refStrategy: 'none' } })({ schema: {} })
    schemaMapper(transforms(objectSchema), { useLegacyZuiTransformer: true, toJSONSchemaOptions: { target: 'openApi3' } })({ schema: {} })
    schemaMapper(transforms(objectSchema), { toJSONSchemaOptions: { unrepresentable: 'any' } })({ schema: {} })
    expect(calls).toEqual([
      { which: 'legacy', options: { target: 'jsonSchema7', $refStrategy: 'none' } },
      { which: 'legacy', options: { target: 'openApi3' } },
      { which: 'toJSONSchema', options: { unrepresentable: 'any' } },
    ])
  })

  it('refuses the legacy transformer when the SDK has none', () => {
    expect(() => schemaMapper({ toJSONSchema: objectSchema }, { useLegacyZuiTransformer: true })).toThrow(/legacy schema transformer/)
  })

  it('sets truthy ui titles and examples on the properties the object schema has, and nothing else', () => {
    const toJson = schemaMapper(transforms(objectSchema), {})
    const schema = toJson({
      schema: {},
      ui: { a: { title: 'A', examples: ['x'] }, b: { title: '', examples: [] }, missing: { title: 'M' }, toString: { title: 'T' } },
    })
    expect(schema).toEqual({ type: 'object', properties: { a: { type: 'string', title: 'A', examples: ['x'] }, b: { type: 'number', examples: [] } } })
  })

  it('leaves ui aside for a schema whose type is not exactly object (a nullable object is a type list)', () => {
    const nullable = () => ({ type: ['object', 'null'], properties: { a: { type: 'string' } } })
    expect(schemaMapper(transforms(nullable), {})({ schema: {}, ui: { a: { title: 'A' } } })).toEqual(nullable())
  })
})

describe('dereferenceLocal', () => {
  it('replaces a local $ref by the very object it points at, wherever it is used', () => {
    const schema = dereferenceLocal({
      properties: { p: { type: 'object' }, q: { $ref: '#/properties/p' }, r: { $ref: '#/$defs/r' } },
      $defs: { r: { type: 'string' } },
    }) as { properties: Record<string, unknown> }
    expect(schema.properties.q).toBe(schema.properties.p)
    expect(schema.properties.r).toEqual({ type: 'string' })
  })

  it('follows JSON Pointer escapes, chains of references, and references inside what it resolves', () => {
    expect(
      dereferenceLocal({
        $defs: { 'a/b': { type: 'string' }, 'c~d': { $ref: '#/$defs/a~1b' }, 'e f': { items: { $ref: '#/$defs/c~0d' } } },
        x: { $ref: '#/$defs/e%20f' },
      }),
    ).toMatchObject({ x: { items: { type: 'string' } } })
  })

  it('merges the keys beside a $ref first, then the target keys they do not override', () => {
    const schema = dereferenceLocal({ $defs: { s: { type: 'string', description: 'old' } }, x: { $ref: '#/$defs/s', description: 'new' } }) as Record<
      string,
      unknown
    >
    expect(schema.x).toEqual({ description: 'new', type: 'string' })
    expect(Object.keys(schema.x as object)).toEqual(['description', 'type'])
  })

  it('leaves references outside the document, unresolvable ones and circular ones as they are', () => {
    const circular = {
      type: 'object',
      properties: { self: { $ref: '#' }, child: { $ref: '#/properties/child' }, other: { $ref: 'Other' }, none: { $ref: '#/nope' } },
    }
    const schema = dereferenceLocal(structuredClone(circular))
    expect(schema).toEqual(circular)
    expect(() => JSON.stringify(schema)).not.toThrow()
  })

  it('keeps mutual references finite', () => {
    const schema = dereferenceLocal({ $defs: { a: { properties: { b: { $ref: '#/$defs/b' } } }, b: { properties: { a: { $ref: '#/$defs/a' } } } } })
    expect(() => JSON.stringify(schema)).not.toThrow()
    expect(schema).toEqual({
      $defs: { a: { properties: { b: { properties: { a: { $ref: '#/$defs/a' } } } } }, b: { properties: { a: { $ref: '#/$defs/a' } } } },
    })
  })
})
