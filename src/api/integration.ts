import { z } from 'zod'

const definitions = z.record(z.string(), z.record(z.string(), z.unknown()))

/**
 * The integration as GET and PUT return it: the fields this action relies on
 * are checked, the rest is kept as it came (and compared when planning).
 */
export const remoteIntegrationSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  version: z.string(),
  title: z.string(),
  updatedAt: z.string(),
  visibility: z.enum(['public', 'private', 'unlisted']),
  verificationStatus: z.enum(['unapproved', 'pending', 'approved', 'rejected']),
  secrets: z.array(z.string()),
  actions: definitions.optional(),
  events: definitions.optional(),
  states: definitions.optional(),
  entities: definitions.optional(),
  interfaces: definitions.optional(),
  configurations: definitions.optional(),
  channels: definitions.optional(),
  attributes: z.record(z.string(), z.string()).optional(),
})

export type RemoteIntegration = z.infer<typeof remoteIntegrationSchema>

export const integrationResponseSchema = z.object({ integration: remoteIntegrationSchema })

/** A version as Botpress writes one (semver), not a range or `latest`. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/

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
