import { EXACT_VERSION } from '../botpress/integration.js'
import { z } from 'zod'

// The manifest's shape. It mirrors the `updateIntegration` request body of the
// official OpenAPI document (lengths, enums, required keys, no unknown keys);
// __tests__/unit/schema-agreement.test.ts walks both and fails when they drift.
// Where the manifest differs from the body on purpose, it says so below.

const title = z.string().max(64)
const description = z.string().max(256)
const name = z.string().max(200)
const attributes = z.record(z.string(), z.string().max(200))
/** A plain JSON Schema object, sent as it is. */
const jsonSchema = z.record(z.string(), z.unknown())
const withSchema = z.object({ schema: jsonSchema }).strict()
const tag = z.object({ title: title.optional(), description: description.optional() }).strict()
const tags = z.record(z.string(), tag)
const creation = z.object({ enabled: z.boolean(), requiredTags: z.array(z.string()) }).strict()

/** Paths of `.vrl` files; the body carries their text (at most 2000 characters). */
const vrlPath = z.string().min(1)

const configuration = z
  .object({
    title: title.optional(),
    description: description.optional(),
    schema: jsonSchema.optional(),
    identifier: z.object({ linkTemplateScript: vrlPath.optional(), required: z.boolean().optional() }).strict().optional(),
  })
  .strict()

const channel = z
  .object({
    title: title.optional(),
    description: description.optional(),
    messages: z.record(z.string(), z.object({ schema: jsonSchema }).strict().describe('Message definition')).optional(),
    conversation: z.object({ creation: creation.optional(), tags: tags.optional() }).strict().optional(),
    message: z.object({ tags: tags.optional() }).strict().optional(),
  })
  .strict()

const action = z
  .object({
    title: title.optional(),
    description: description.optional(),
    billable: z.boolean().optional(),
    cacheable: z.boolean().optional(),
    input: withSchema,
    output: withSchema,
    attributes: attributes.optional(),
  })
  .strict()

const event = z
  .object({
    title: title.optional(),
    description: description.optional(),
    schema: jsonSchema,
    attributes: attributes.optional(),
  })
  .strict()

const state = z.object({ type: z.enum(['conversation', 'user', 'integration']), schema: jsonSchema }).strict()

const entity = z.object({ title: title.optional(), description: description.optional(), schema: jsonSchema }).strict()

const implementedAs = z.record(z.string(), z.object({ name }).strict())
// An interface by its version id, or by `name` and `version` (a version or a
// range), which the action resolves to the id before sending (lifecycle/interfaces.ts).
const interfaceRef = z
  .object({
    id: z.string().min(28).max(36).optional(),
    name: name.min(1).optional(),
    version: name.min(1).optional(),
    entities: implementedAs.optional(),
    actions: implementedAs.optional(),
    events: implementedAs.optional(),
    channels: implementedAs.optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    const byName = entry.name !== undefined || entry.version !== undefined
    if (entry.id !== undefined && byName) {
      context.addIssue({ code: 'custom', message: 'give either `id`, or `name` and `version`, not both' })
    } else if (entry.id === undefined && (entry.name === undefined || entry.version === undefined)) {
      context.addIssue({ code: 'custom', message: 'needs the interface version `id`, or its `name` and `version` (a version or a range such as ^1.0.0)' })
    }
  })

export const manifestSchema = z
  .object({
    // Not part of the body: which version to update, and what it must be.
    id: z.string().min(1).optional(),
    name: name.min(1).optional(),
    // Checked here, not at the lookup, so that the problem is shown at its line, with the value `${…}` gave.
    version: name
      .min(1)
      .superRefine((value, context) => {
        if (!EXACT_VERSION.test(value)) {
          context.addIssue({ code: 'custom', message: `is "${value}", which is not a semantic version such as 1.5.0` })
        }
      })
      .optional(),

    title: title.min(1).optional(),
    description: description.optional(),
    url: z.string().nullable().optional(),
    visibility: z.enum(['public', 'private', 'unlisted']).optional(),
    layers: z.array(z.string()).optional(),
    maxExecutionTime: z.number().int().positive().optional(),
    // Which @botpress/sdk the code was built with; a definition sets it from its metadata.
    sdkVersion: z.string().max(200).optional(),
    configuration: configuration.optional(),
    configurations: z.record(z.string(), configuration).optional(),
    channels: z.record(z.string(), channel).optional(),
    actions: z.record(z.string(), action).optional(),
    events: z.record(z.string(), event).optional(),
    states: z.record(z.string(), state).optional(),
    user: z.object({ creation: creation.optional(), tags: tags.optional() }).strict().optional(),
    entities: z.record(z.string(), entity).optional(),
    interfaces: z.record(z.string(), interfaceRef).optional(),
    attributes: attributes.optional(),
    extraOperations: z.record(z.string(), z.object({ enabled: z.boolean() }).strict()).optional(),
    identifier: z.object({ extractScript: vrlPath.optional(), fallbackHandlerScript: vrlPath.optional() }).strict().optional(),
    // Declarations only, checked by ./secrets.ts so that no value is ever echoed.
    secrets: z.unknown().optional(),
    // Paths in the manifest; the body carries the file contents.
    code: z.string().min(1).optional(),
    icon: z.string().min(1).optional(),
    readme: z.string().min(1).optional(),
  })
  .strict()

export type ManifestData = z.infer<typeof manifestSchema>

/** Limits that apply to file contents once read, as the body schema sets them. */
export const VRL_MAX_LENGTH = 2000
