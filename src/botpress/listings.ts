import { z } from 'zod'
import { isRecord } from '../base/record.js'
import { BOTPRESS_ID } from './integration.js'

// The answers of the calls previews make: lists in pages, and bots. Only what
// the action relies on is checked; the rest is kept as it came.

const id = z.string().regex(BOTPRESS_ID, 'is not a Botpress id')
const page = z.looseObject({ nextToken: z.string().optional() })
const stringMap = z.custom<Record<string, string>>(
  (value) => isRecord(value) && Object.values(value).every((item) => typeof item === 'string'),
  'must be a map of strings',
)

/** A version as `GET /v1/admin/integrations` lists it. */
export const listedVersionSchema = z.looseObject({
  id,
  name: z.string(),
  version: z.string(),
  updatedAt: z.string(),
  visibility: z.enum(['public', 'private', 'unlisted']),
})
export type ListedVersion = z.infer<typeof listedVersionSchema>

export const listIntegrationsResponseSchema = z.object({ integrations: z.array(listedVersionSchema), meta: page })

/** A bot as `GET /v1/admin/bots` lists it. */
export const listedBotSchema = z.looseObject({ id, name: z.string(), tags: stringMap, updatedAt: z.string() })
export type ListedBot = z.infer<typeof listedBotSchema>

export const listBotsResponseSchema = z.object({ bots: z.array(listedBotSchema), meta: page })

/** An integration installed in a bot, keyed by its alias. */
export const installedIntegrationSchema = z.looseObject({
  id,
  name: z.string(),
  version: z.string(),
  enabled: z.boolean(),
  webhookUrl: z.string(),
  status: z.enum(['registration_pending', 'registered', 'registration_failed', 'unregistration_pending', 'unregistered', 'unregistration_failed']),
  statusReason: z.string().nullable().optional(),
})
export type InstalledIntegration = z.infer<typeof installedIntegrationSchema>

export const botSchema = z.looseObject({
  id,
  name: z.string(),
  tags: stringMap,
  integrations: z.record(z.string(), installedIntegrationSchema),
})
export type Bot = z.infer<typeof botSchema>

export const botResponseSchema = z.object({ bot: botSchema })
