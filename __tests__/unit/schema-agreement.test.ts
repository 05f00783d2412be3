import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { manifestSchema } from '../../src/manifest/schema.js'
import { ACTION_VERSION } from '../../src/version.js'
import { openapi } from '../support/openapi.mjs'

type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  required?: string[]
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  anyOf?: JsonSchema[]
}

const body: JsonSchema = openapi.components.requestBodies.updateIntegrationBody.content['application/json'].schema
const manifest = z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema

/** Keys where the manifest differs from the body on purpose, by the path of their object. */
const MANIFEST_ONLY: Record<string, string[]> = {
  '': ['id', 'name', 'version'],
  // An interface by name and version, resolved to its `id` before sending; so `id` is not required here.
  'interfaces.*': ['name', 'version'],
}
const REQUIRED_DIFFERENTLY = new Set(['interfaces.*'])
/** Deprecated: `visibility` says it. */
const BODY_ONLY = ['public']
/** Declarations in the manifest, values in the body. */
const DIFFERENT_ON_PURPOSE = ['secrets']
/** Paths of files in the manifest: the body's limits apply to the files, and are checked on them. */
const FILE_PATHS = new Set([
  'code',
  'icon',
  'readme',
  'identifier.extractScript',
  'identifier.fallbackHandlerScript',
  'configuration.identifier.linkTemplateScript',
  'configurations.*.identifier.linkTemplateScript',
])

/** The body marks deletable values `nullable`, which this comparison leaves aside. */
function stripNullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== 'null')
    return { ...schema, ...(types.length === 1 && { type: types[0] }) }
  }
  const options = schema.anyOf?.filter((s) => s.type !== 'null')
  return options?.length === 1 ? options[0]! : schema
}

/** Every difference in keys, required keys, types, enums and lengths. */
function differences(ours: JsonSchema, theirs: JsonSchema, path: string): string[] {
  ours = stripNullable(ours)
  const found: string[] = []
  const type = (s: JsonSchema) => (s.type === 'integer' ? 'number' : s.type)
  if (type(ours) !== type(theirs)) found.push(`${path}: type ${ours.type} ≠ ${theirs.type}`)
  if (JSON.stringify(ours.enum) !== JSON.stringify(theirs.enum)) found.push(`${path}: enum differs`)
  if (!FILE_PATHS.has(path)) {
    if (ours.maxLength !== theirs.maxLength) found.push(`${path}: maxLength ${ours.maxLength} ≠ ${theirs.maxLength}`)
    if ((ours.minLength ?? 0) !== (theirs.minLength ?? 0)) found.push(`${path}: minLength ${ours.minLength} ≠ ${theirs.minLength}`)
  }
  if (theirs.properties) {
    const ourKeys = Object.keys(ours.properties ?? {}).filter((k) => !MANIFEST_ONLY[path]?.includes(k))
    const theirKeys = Object.keys(theirs.properties).filter((k) => !(path === '' && BODY_ONLY.includes(k)))
    if (ourKeys.sort().join() !== theirKeys.sort().join()) found.push(`${path}: keys [${ourKeys}] ≠ [${theirKeys}]`)
    const required = (s: JsonSchema) => [...(s.required ?? [])].sort().join()
    if (required(ours) !== required(theirs) && !REQUIRED_DIFFERENTLY.has(path))
      found.push(`${path}: required [${ours.required ?? []}] ≠ [${theirs.required ?? []}]`)
    if ((ours.additionalProperties === false) !== (theirs.additionalProperties === false)) found.push(`${path}: unknown keys treated differently`)
    for (const key of theirKeys) {
      if (path === '' && DIFFERENT_ON_PURPOSE.includes(key)) continue
      const child = `${path ? `${path}.` : ''}${key}`
      if (ours.properties?.[key]) found.push(...differences(ours.properties[key]!, theirs.properties[key]!, child))
    }
  }
  if (typeof theirs.additionalProperties === 'object') {
    if (typeof ours.additionalProperties !== 'object') found.push(`${path}: not a record`)
    else found.push(...differences(ours.additionalProperties, theirs.additionalProperties, `${path}.*`))
  }
  if (theirs.items && ours.items) found.push(...differences(ours.items, theirs.items, `${path}[]`))
  return found
}

describe('the manifest schema', () => {
  it('agrees with the official updateIntegration body: keys, required keys, types, enums, lengths', () => {
    expect(differences(manifest, body, '')).toEqual([])
  })

  it('would notice a drift', () => {
    const drifted = structuredClone(body)
    drifted.properties!.title!.maxLength = 100
    drifted.properties!.actions!.additionalProperties = { ...(drifted.properties!.actions!.additionalProperties as JsonSchema), required: ['input'] }
    delete drifted.properties!.layers
    expect(differences(manifest, drifted, '')).toEqual([
      expect.stringMatching(/^: keys \[.*layers.*\] ≠ \[/),
      'actions.*: required [input,output] ≠ [input]',
      'title: maxLength 64 ≠ 100',
    ])
  })
})

describe('the action version', () => {
  it('is the version of package.json, sent as the User-Agent', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(ACTION_VERSION).toBe(pkg.version)
  })
})
