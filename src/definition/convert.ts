import type { z } from 'zod'
import { unwrap } from '../manifest/issues.js'
import { setOwn } from '../base/own.js'
import type { ToJsonSchema } from './schemas.js'

type Entry = Record<string, unknown>
type Records = Record<string, Entry> | undefined

function mapValues(record: Records, map: (entry: Entry) => Entry): Record<string, Entry> | undefined {
  return record ? Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, map(entry)])) : undefined
}

/**
 * A definition (an `IntegrationDefinition` of `@botpress/sdk`) as the data a
 * YAML manifest holds, with each schema in JSON Schema, as Botpress's CLI
 * builds its body (packages/cli/src/api/integration-body.ts). File keys stay
 * paths relative to the definition; the code is what `bp build` writes.
 */
export function definitionToManifest(definition: Entry, toJson: ToJsonSchema): Record<string, unknown> {
  const withSchema = (entry: Entry) => (entry.schema === undefined ? entry : { ...entry, schema: toJson(entry) })
  const d = definition as Record<string, Records & Entry>
  const metadata = d.metadata as { sdkVersion?: string } | undefined
  const data: Record<string, unknown> = {
    name: d.name,
    version: d.version,
    title: d.title,
    description: d.description,
    icon: d.icon,
    readme: d.readme,
    code: '.botpress/dist/index.cjs',
    sdkVersion: metadata?.sdkVersion,
    configuration: d.configuration && withSchema(d.configuration),
    configurations: mapValues(d.configurations, withSchema),
    events: mapValues(d.events, withSchema),
    actions: mapValues(d.actions, (action) => ({
      ...action,
      input: withSchema(action.input as Entry),
      output: withSchema(action.output as Entry),
    })),
    channels: mapValues(d.channels, (channel) => ({ ...channel, messages: mapValues(channel.messages as Records, withSchema) })),
    states: mapValues(d.states, withSchema),
    entities: mapValues(d.entities, withSchema),
    user: d.user,
    identifier: d.identifier,
    attributes: d.attributes,
    secrets: mapValues(d.secrets, (secret) => ({
      ...(secret.optional !== undefined && { optional: secret.optional }),
      ...(typeof secret.description === 'string' && { description: secret.description }),
    })),
    // By id when `bp add` left one, else by name and version, which the lifecycle resolves.
    interfaces: mapValues(d.interfaces, (entry) => (entry.id ? { ...entry, name: undefined, version: undefined } : entry)),
  }
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>
}

type AnySchema = z.core.$ZodType

/**
 * `value` with every key the manifest's schema does not allow left out (the
 * SDK's `ui`, a renamed action's `name`, …), each dropped key path added to
 * `dropped`. One general rule, from the schema, rather than a list of keys.
 */
export function keepWhatTheBodyAllows(value: unknown, schema: AnySchema, dropped: string[], path = ''): unknown {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema>; valueType?: AnySchema }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  if (def.type === 'object' && def.shape) {
    const kept: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const inner = def.shape[key]
      if (!inner) {
        dropped.push(`${path}${key}`)
        continue
      }
      setOwn(kept, key, keepWhatTheBodyAllows(item, inner, dropped, `${path}${key}.`))
    }
    return kept
  }
  if (def.type === 'record' && def.valueType) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keepWhatTheBodyAllows(item, def.valueType!, dropped, `${path}${key}.`)]))
  }
  return value
}
