// @ts-check
// The bots of the Botpress-compatible API (botpress-api.mjs): create, list by
// tags in pages, get, update (integrations keyed by alias), delete. An installed
// integration is `registration_pending` for a few reads, then `registered`, or
// `registration_failed` with a `statusReason` when its configuration does not
// validate against the version's configuration schema, as Botpress's
// registration would refuse it.
import { randomBytes } from 'node:crypto'
import { Ajv } from 'ajv'

/**
 * @typedef {{ status: number, body: any }} Answer
 * @typedef {{ readsUntilDone?: number, never?: boolean, failWith?: string }} RegistrationBehaviour
 *   readsUntilDone: reads of the bot that see `registration_pending` first (2 by default);
 *   never: stays pending; failWith: fails with this reason whatever the configuration.
 */

const ajv = new Ajv({ strict: false, allErrors: true })

/**
 * @param {{
 *   makeId: (prefix: string) => string,
 *   error: (status: number, type: string, message: string) => Answer,
 *   integration: (id: string) => Record<string, any> | undefined,
 *   pageSize: number,
 *   registration: RegistrationBehaviour,
 *   violations: (kind: 'requestBodies', name: string, value: unknown) => string[],
 * }} deps
 */
export function botRoutes(deps) {
  /** @type {Map<string, Record<string, any>>} */
  const bots = new Map()
  /** Reads left before an installation's registration ends, by `botId alias`. @type {Map<string, number>} */
  const pending = new Map()

  /** A complete bot as the API returns it. @param {string} name @param {Record<string, string>} tags @returns {Record<string, any>} */
  function seedBot(name, tags) {
    const now = new Date().toISOString()
    return {
      id: deps.makeId('bot'),
      createdAt: now,
      updatedAt: now,
      signingSecret: randomBytes(16).toString('hex'),
      integrations: {},
      plugins: {},
      user: { tags: {} },
      conversation: { tags: {} },
      message: { tags: {} },
      states: {},
      configuration: { data: {}, schema: {} },
      events: {},
      recurringEvents: {},
      subscriptions: { events: null },
      actions: {},
      tags,
      name,
      dev: false,
      alwaysAlive: false,
      status: 'active',
      medias: [],
    }
  }

  /** What registration made of an installation, once its reads are done. @param {Record<string, any>} entry */
  function register(entry) {
    if (deps.registration.failWith) return { status: 'registration_failed', statusReason: deps.registration.failWith }
    const schema = deps.integration(entry.id)?.configuration?.schema ?? {}
    const validate = ajv.compile(schema)
    if (validate(entry.configuration)) return { status: 'registered', statusReason: null }
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || 'configuration'} ${e.message}`)
    return { status: 'registration_failed', statusReason: `Invalid configuration: ${problems.join('; ')}` }
  }

  /** The bot as a read sees it: each pending installation one read nearer its end. @param {Record<string, any>} bot */
  function read(bot) {
    for (const [alias, entry] of Object.entries(bot.integrations)) {
      const key = `${bot.id} ${alias}`
      const left = pending.get(key)
      if (left === undefined || deps.registration.never) continue
      if (left > 1) pending.set(key, left - 1)
      else {
        pending.delete(key)
        Object.assign(entry, register(entry), { updatedAt: new Date().toISOString() })
      }
    }
    return bot
  }

  /** @param {Record<string, any>} bot @param {Record<string, any>} patch @returns {Answer | undefined} */
  function applyIntegrations(bot, patch) {
    for (const [alias, change] of Object.entries(patch ?? {})) {
      if (change === null) {
        delete bot.integrations[alias]
        continue
      }
      const version = deps.integration(change.integrationId)
      if (!version) return deps.error(404, 'ResourceNotFound', `Integration "${change.integrationId}" doesn't exist`)
      const now = new Date().toISOString()
      bot.integrations[alias] = {
        enabled: change.enabled ?? true,
        name: version.name,
        version: version.version,
        webhookUrl: `https://webhook.botpress.test/${randomBytes(12).toString('hex')}`,
        webhookId: randomBytes(8).toString('hex'),
        identifier: '',
        configurationType: change.configurationType ?? null,
        configuration: change.configuration ?? {},
        status: 'registration_pending',
        statusReason: null,
        disabledChannels: [],
        id: version.id,
        createdAt: now,
        updatedAt: now,
        title: version.title || version.name,
        description: version.description ?? '',
        iconUrl: version.iconUrl ?? '',
        public: version.visibility === 'public',
        visibility: version.visibility,
        verificationStatus: version.verificationStatus,
        lifecycleStatus: version.lifecycleStatus ?? 'published',
      }
      pending.set(`${bot.id} ${alias}`, deps.registration.readsUntilDone ?? 2)
    }
    return undefined
  }

  /**
   * @param {string} method @param {string} path @param {URLSearchParams} query @param {any} body
   * @returns {Answer | undefined} undefined when the path is not a bot's
   */
  function route(method, path, query, body) {
    if (path === '/v1/admin/bots' && method === 'POST') {
      const problems = deps.violations('requestBodies', 'createBotBody', body)
      if (problems.length) return deps.error(400, 'InvalidPayload', problems.join('; '))
      const bot = seedBot(body.name ?? `bot-${randomBytes(3).toString('hex')}`, body.tags ?? {})
      bots.set(bot.id, bot)
      return { status: 200, body: { bot } }
    }
    if (path === '/v1/admin/bots' && method === 'GET') {
      /** @type {Record<string, string>} */
      const tags = {}
      for (const [key, value] of query) {
        const tag = /^tags\[(.+)\]$/.exec(key)
        if (tag) tags[/** @type {string} */ (tag[1])] = value
      }
      const matching = [...bots.values()].filter((bot) => Object.entries(tags).every(([k, v]) => bot.tags[k] === v))
      const start = Number(query.get('nextToken') ?? 0)
      const slice = matching.slice(start, start + deps.pageSize)
      const next = start + deps.pageSize < matching.length ? String(start + deps.pageSize) : undefined
      return {
        status: 200,
        body: {
          bots: slice.map(({ id, createdAt, updatedAt, name, tags }) => ({ id, createdAt, updatedAt, name, tags })),
          meta: next ? { nextToken: next } : {},
        },
      }
    }
    const byId = /^\/v1\/admin\/bots\/([^/]+)$/.exec(path)
    if (!byId) return undefined
    const bot = bots.get(decodeURIComponent(/** @type {string} */ (byId[1])))
    if (!bot) return deps.error(404, 'ResourceNotFound', `Bot "${byId[1]}" doesn't exist`)
    if (method === 'GET') return { status: 200, body: { bot: read(bot) } }
    if (method === 'DELETE') {
      bots.delete(bot.id)
      return { status: 200, body: {} }
    }
    if (method !== 'PUT') return deps.error(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`)
    const problems = deps.violations('requestBodies', 'updateBotBody', body)
    if (problems.length) return deps.error(400, 'InvalidPayload', problems.join('; '))
    const refused = applyIntegrations(bot, body.integrations)
    if (refused) return refused
    if (body.tags) bot.tags = { ...bot.tags, ...body.tags }
    if (typeof body.name === 'string') bot.name = body.name
    bot.updatedAt = new Date().toISOString()
    return { status: 200, body: { bot } }
  }

  return {
    route,
    /** Whether a bot has this version installed: Botpress refuses to delete it then. @param {string} integrationId */
    installs: (integrationId) => [...bots.values()].some((bot) => Object.values(bot.integrations).some((entry) => entry.id === integrationId)),
    /** @param {Record<string, any>} bot */
    add: (bot) => bots.set(bot.id, bot),
    seedBot,
    all: () => [...bots.values()],
  }
}
