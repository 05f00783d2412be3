import type { PreviewClient } from '../api/preview-client.js'
import type { Log } from '../base/log.js'
import type { InstalledIntegration } from '../botpress/listings.js'
import { splitName } from '../lifecycle/lookup.js'
import { previewBotTags } from './version.js'

/** Bot names are cut to this many characters, keeping their `-pr-<number>` end. */
const MAX_BOT_NAME = 64
const POLL_FIRST_MS = 1000
const POLL_CAP_MS = 10_000

export interface PreviewBotRequest {
  /** The integration's name with its handle (`acme/acme-crm`): one of the bot's tags. */
  name: string
  number: number
  /** The preview version's id. */
  integrationId: string
  configuration: Record<string, unknown>
}

export interface PreviewBotResult {
  id: string
  name: string
  status: InstalledIntegration['status']
  /** Botpress's reason when registration failed (unscrubbed: the caller scrubs what it shows). */
  reason?: string
  /** Anyone holding it can post events to the bot: an output only, masked. */
  webhookUrl: string
}

export interface PollOptions {
  timeoutMs: number
  sleep: (ms: number) => Promise<void>
  now?: () => number
}

/** `acme-crm-pr-42`, cut to what Botpress shows whole, the pull request's number kept. */
export function previewBotName(integrationName: string, number: number): string {
  const suffix = `-pr-${number}`
  return `${splitName(integrationName).bare.slice(0, MAX_BOT_NAME - suffix.length)}${suffix}`
}

/**
 * Installs the preview version in the pull request's own bot (found by its
 * tags, or created), so that Botpress runs the integration's registration for
 * real, then reads the bot until registration ends or `timeoutMs` passes.
 */
export async function installInPreviewBot(client: PreviewClient, request: PreviewBotRequest, log: Log, options: PollOptions): Promise<PreviewBotResult> {
  const tags = previewBotTags(request.name, request.number)
  const [found, ...others] = await client.listBots(tags)
  if (others.length) log.warning(`${others.length + 1} bots are tagged as the preview bot of pull request #${request.number}; ${found!.id} is used.`)
  const bot = found ?? (await client.createBot(previewBotName(request.name, request.number), tags))
  if (!found) log.info(`Created preview bot ${bot.name} (${bot.id}).`)
  const alias = splitName(request.name).bare
  await client.install(bot.id, { alias, integrationId: request.integrationId, configuration: request.configuration })
  log.info(`Installed ${request.name} (${request.integrationId}) in preview bot ${bot.name} as ${alias}; waiting for its registration.`)

  const now = options.now ?? Date.now
  const deadline = now() + options.timeoutMs
  for (let wait = POLL_FIRST_MS; ; wait = Math.min(POLL_CAP_MS, wait * 2)) {
    const entry = (await client.getBot(bot.id)).integrations[alias]
    const result = { id: bot.id, name: bot.name, webhookUrl: entry?.webhookUrl ?? '' }
    if (entry && entry.id === request.integrationId && (entry.status === 'registered' || entry.status === 'registration_failed')) {
      return { ...result, status: entry.status, ...(entry.statusReason && { reason: entry.statusReason }) }
    }
    const left = deadline - now()
    if (left <= 0) return { ...result, status: entry?.status ?? 'registration_pending' }
    await options.sleep(Math.min(wait, left))
  }
}
