import type { z } from 'zod'
import { ApiError } from './errors.js'
import { Transport, type TransportOptions } from './transport.js'
import {
  botResponseSchema,
  listBotsResponseSchema,
  listIntegrationsResponseSchema,
  type Bot,
  type ListedBot,
  type ListedVersion,
} from '../botpress/listings.js'

/** Bots' integrations are keyed by alias, which Botpress does only for clients that send this header. */
const BOT_HEADERS = { 'x-multiple-integrations': 'true' }

/** A list longer than this many pages is refused rather than read on: a server that never ends a list would hold the step. */
const MAX_PAGES = 100

/** What the bot of a preview gets installed: one integration, by its alias. */
export interface Installation {
  alias: string
  integrationId: string
  configuration: Record<string, unknown>
}

/**
 * The calls previews make beside a deploy: bots (found by tags, created,
 * installed into, read, deleted) and the versions of one integration (listed,
 * deleted). Same transport as every other call: retries, bounds, scrubbing.
 */
export class PreviewClient {
  private readonly transport: Transport

  constructor(options: TransportOptions) {
    this.transport = new Transport(options)
  }

  /** Every version Botpress lists under `name` (all pages); only those whose name is exactly `name`. */
  async listVersions(name: string): Promise<ListedVersion[]> {
    const listed = await this.pages(
      `Listing the versions of ${name}`,
      '/v1/admin/integrations',
      { name },
      {},
      listIntegrationsResponseSchema,
      (a) => a.integrations,
    )
    return listed.filter((version) => version.name === name)
  }

  /** Deletes a version; false when it was already gone. */
  async deleteVersion(version: Pick<ListedVersion, 'id' | 'name' | 'version'>): Promise<boolean> {
    const path = `/v1/admin/integrations/${encodeURIComponent(version.id)}`
    const operation = `Deleting ${version.name}@${version.version} (DELETE ${path})`
    return (await this.transport.callOrMissing({ operation, method: 'DELETE', path })) !== undefined
  }

  /** Every bot of the workspace that has all of `tags` (all pages). */
  async listBots(tags: Record<string, string>): Promise<ListedBot[]> {
    const listed = await this.pages('Listing the preview bots', '/v1/admin/bots', { tags }, BOT_HEADERS, listBotsResponseSchema, (a) => a.bots)
    // The filter is the server's; checked again here, since what matches is deleted.
    return listed.filter((bot) => Object.entries(tags).every(([key, value]) => bot.tags[key] === value))
  }

  async createBot(name: string, tags: Record<string, string>): Promise<Bot> {
    const path = '/v1/admin/bots'
    return this.bot(`Creating bot ${name} (POST ${path})`, 'POST', path, { name, tags })
  }

  async getBot(id: string): Promise<Bot> {
    const path = `/v1/admin/bots/${encodeURIComponent(id)}`
    return this.bot(`Reading bot ${id} (GET ${path})`, 'GET', path)
  }

  /** Installs one integration version in a bot, under its alias, enabled, with its configuration. */
  async install(botId: string, installation: Installation): Promise<Bot> {
    const path = `/v1/admin/bots/${encodeURIComponent(botId)}`
    const { alias, integrationId, configuration } = installation
    return this.bot(`Installing the preview in bot ${botId} (PUT ${path})`, 'PUT', path, {
      integrations: { [alias]: { integrationId, enabled: true, configuration } },
    })
  }

  /** Deletes a bot; false when it was already gone. */
  async deleteBot(id: string): Promise<boolean> {
    const path = `/v1/admin/bots/${encodeURIComponent(id)}`
    const operation = `Deleting bot ${id} (DELETE ${path})`
    return (await this.transport.callOrMissing({ operation, method: 'DELETE', path, headers: BOT_HEADERS })) !== undefined
  }

  private async bot(operation: string, method: string, path: string, body?: object): Promise<Bot> {
    const text = await this.transport.call({ operation, method, path, headers: BOT_HEADERS, ...(body && { body }) })
    const { bot } = this.transport.parse(operation, text, botResponseSchema)
    if (method !== 'POST' && !path.endsWith(`/${encodeURIComponent(bot.id)}`)) {
      throw new ApiError(`${operation} answered with another bot (${bot.id}); nothing was done with it. Check \`api-url\`.`)
    }
    return bot
  }

  /** Reads a list through its `nextToken` pages, at most MAX_PAGES of them. */
  private async pages<A extends { meta: { nextToken?: string | undefined } }, T>(
    what: string,
    path: string,
    query: { name?: string; tags?: Record<string, string> },
    headers: Record<string, string>,
    schema: z.ZodType<A>,
    items: (answer: A) => T[],
  ): Promise<T[]> {
    const all: T[] = []
    const seen = new Set<string>()
    let nextToken: string | undefined
    for (let page = 1; ; page++) {
      const url = `${path}?${queryString({ ...query, ...(nextToken && { nextToken }) })}`
      const operation = `${what} (GET ${path}, page ${page})`
      const answer = this.transport.parse(operation, await this.transport.call({ operation, method: 'GET', path: url, headers }), schema)
      all.push(...items(answer))
      nextToken = answer.meta.nextToken || undefined
      if (nextToken === undefined) return all
      if (seen.has(nextToken) || page >= MAX_PAGES) {
        throw new ApiError(`${what}: the list did not end after ${page} pages (its next page token repeats or never ends); nothing was deleted from it.`)
      }
      seen.add(nextToken)
    }
  }
}

/** `name=…&tags[key]=value&nextToken=…`, each part encoded: tags as Botpress's clients send them. */
function queryString(query: { name?: string; tags?: Record<string, string>; nextToken?: string }): string {
  const parts: string[] = []
  if (query.name !== undefined) parts.push(`name=${encodeURIComponent(query.name)}`)
  for (const [key, value] of Object.entries(query.tags ?? {})) parts.push(`tags[${encodeURIComponent(key)}]=${encodeURIComponent(value)}`)
  if (query.nextToken !== undefined) parts.push(`nextToken=${encodeURIComponent(query.nextToken)}`)
  return parts.join('&')
}
