import { z } from 'zod'
import { isRecord } from '../base/record.js'
import { RECORD_SECTIONS, type RecordSection } from './definition-keys.js'

/** A Botpress id: a lower-case prefix, an underscore, letters and digits (`intver_01JDEMO…`). */
export const BOTPRESS_ID = /^[a-z]+_[0-9A-Za-z]{1,64}$/
/** An integration's name, with its workspace's handle or without: letters, digits, `-`, `_`, `.`. */
const INTEGRATION_NAME = /^([A-Za-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** A semantic version exactly as semver.org defines one: no leading zeros, no empty identifiers. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/

/** A version as Botpress writes one (semver), not a range or `latest`. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/

// Checked, not rebuilt: zod's records drop a key named `__proto__`, which is an
// ordinary name on Botpress (and must be pruned like any other).
const definitions = z.custom<Record<string, Record<string, unknown>>>(
  (value) => isRecord(value) && Object.values(value).every(isRecord),
  'must be a map of definitions',
)
const stringMap = z.custom<Record<string, string>>(
  (value) => isRecord(value) && Object.values(value).every((item) => typeof item === 'string'),
  'must be a map of strings',
)

/**
 * The integration as GET and PUT return it: the fields this action relies on
 * are checked, the rest is kept as it came (and compared when planning).
 */
export const remoteIntegrationSchema = z.looseObject({
  // What becomes the step's outputs must look like what its name says.
  id: z.string().regex(BOTPRESS_ID, 'is not a Botpress id (such as intver_01J…)'),
  name: z.string().regex(INTEGRATION_NAME, 'is not an integration name (such as acme/acme-crm)'),
  version: z.string().regex(EXACT_VERSION, 'is not a semantic version'),
  title: z.string(),
  updatedAt: z.string().regex(ISO_DATE_TIME, 'is not an ISO 8601 date and time'),
  visibility: z.enum(['public', 'private', 'unlisted']),
  verificationStatus: z.enum(['unapproved', 'pending', 'approved', 'rejected']),
  secrets: z.array(z.string()),
  ...(Object.fromEntries(RECORD_SECTIONS.map((section) => [section, definitions.optional()])) as Record<RecordSection, z.ZodOptional<typeof definitions>>),
  attributes: stringMap.optional(),
})

export type RemoteIntegration = z.infer<typeof remoteIntegrationSchema>

export const integrationResponseSchema = z.object({ integration: remoteIntegrationSchema })

/** The body of an update: the definition, with `null` for what is deleted. */
export type UpdateBody = Record<string, unknown>

/** The body of a create: `name`, `version` and the definition, with no `null`s. */
export type CreateBody = Record<string, unknown> & { name: string; version: string }

/** Of a workspace, only its handle matters here: the prefix of its integrations' names. */
export const workspaceResponseSchema = z.looseObject({ id: z.string(), handle: z.string().optional() })

/** An interface version, as the workspace's and the hub's lookups return it. */
export const interfaceResponseSchema = z.object({
  interface: z.looseObject({ id: z.string().min(1), name: z.string(), version: z.string() }),
})

export type RemoteInterface = z.infer<typeof interfaceResponseSchema>['interface']
