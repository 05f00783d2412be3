// @ts-check
// A Botpress-compatible admin API on 127.0.0.1, for the tests and `npm run demo`.
// It answers the calls the action makes: GET by id and by name@version (exact,
// a semver range or `latest`), POST (create) and PUT (applied as a patch: null
// deletes) with their …/validate, the workspace, interfaces by name (the
// workspace's and the hub's) and verification requests. It checks every request
// body and its own responses against the official OpenAPI document, refuses what
// Botpress refuses (a second create of a name@version, updates of public or
// unlisted versions, a name with another workspace's handle), and can be told
// to fail: a status, a delay, a dropped connection.
import { createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { randomBytes } from 'node:crypto'
import semver from 'semver'
import { violations } from './openapi.mjs'
import { botRoutes } from './botpress-bots.mjs'

/**
 * @typedef {{ status?: number, headers?: Record<string, string>, body?: unknown, delayMs?: number, drop?: boolean, trickleMs?: number, resetMidBody?: boolean }} Fault
 * trickleMs: the answer's headers at once, then a space every 100 ms for that long, then its body.
 * resetMidBody: the answer's headers and half its body, then the connection is reset.
 * @typedef {{ method: string, path: string, query: URLSearchParams, headers: import('node:http').IncomingHttpHeaders, body: any, raw: string, violations: string[], abandoned?: boolean }} ReceivedRequest
 * @typedef {Record<string, any>} Integration
 * @typedef {{ id: string, name: string, version: string, public?: boolean }} InterfaceVersion
 */

export const TEST_TOKEN = 'bp_pat_test_0123456789abcdef'
export const TEST_WORKSPACE = 'wkspace_01J0TESTWORKSPACE0000000'
export const TEST_HANDLE = 'acme'

/** An id of the length Botpress uses (28 to 36 characters). */
export function makeId(prefix = 'intver') {
  return `${prefix}_01${randomBytes(12).toString('hex').toUpperCase().slice(0, 24)}`
}

/**
 * A complete integration as the API returns it, with `overrides` on top.
 * @param {Partial<Integration>} [overrides]
 * @returns {Integration}
 */
export function seedIntegration(overrides = {}) {
  const now = new Date().toISOString()
  return {
    id: makeId(),
    createdAt: now,
    updatedAt: now,
    identifier: {},
    url: '',
    name: 'acme/acme-crm',
    version: '1.4.0',
    interfaces: {},
    configuration: { identifier: { required: false }, schema: { type: 'object', properties: {} } },
    configurations: {},
    channels: {},
    states: {},
    events: {},
    actions: {},
    user: { tags: {}, creation: { enabled: false, requiredTags: [] } },
    entities: {},
    dev: false,
    title: 'Acme CRM',
    description: '',
    iconUrl: '',
    readmeUrl: '',
    public: false,
    visibility: 'private',
    verificationStatus: 'unapproved',
    lifecycleStatus: 'published',
    secrets: [],
    ...overrides,
  }
}

/**
 * Applies a record of the body: null deletes an entry, anything else is
 * normalised to what the API returns.
 * @param {Record<string, any> | undefined} current
 * @param {Record<string, any> | undefined} patch
 * @param {(entry: any, previous: any) => any} [normalise]
 */
function applyRecord(current, patch, normalise = (entry) => entry) {
  const next = { ...current }
  for (const [key, value] of Object.entries(patch ?? {})) {
    // Own properties only: `__proto__` is an ordinary name here.
    const previous = Object.hasOwn(next, key) ? next[key] : undefined
    if (value === null) delete next[key]
    else Object.defineProperty(next, key, { value: normalise(value, previous), enumerable: true, writable: true, configurable: true })
  }
  return next
}

/** @param {any} tags @param {any} patch */
const applyTags = (tags, patch) => applyRecord(tags, patch, (tag) => ({ ...tag }))

const normalisers = {
  /** @param {any} a @param {any} prev */
  actions: (a, prev) => ({ title: '', description: '', billable: false, cacheable: false, ...a, attributes: applyRecord(prev?.attributes, a.attributes) }),
  /** @param {any} e @param {any} prev */
  events: (e, prev) => ({ title: '', description: '', ...e, attributes: applyRecord(prev?.attributes, e.attributes) }),
  /** @param {any} s */
  states: (s) => ({ ...s }),
  /** @param {any} e */
  entities: (e) => ({ title: '', description: '', ...e }),
  /** @param {any} i */
  interfaces: (i) => ({ name: 'acme/interface', version: '1.0.0', entities: {}, actions: {}, events: {}, channels: {}, ...i }),
  /** @param {any} c @param {any} prev */
  configurations: (c, prev) => applyConfiguration(prev, c),
  /** @param {any} c @param {any} prev */
  channels: (c, prev) => ({
    title: c.title ?? prev?.title ?? '',
    description: c.description ?? prev?.description ?? '',
    messages: applyRecord(prev?.messages, c.messages),
    conversation: {
      creation: c.conversation?.creation ?? prev?.conversation?.creation ?? { enabled: false, requiredTags: [] },
      tags: applyTags(prev?.conversation?.tags, c.conversation?.tags),
    },
    message: { tags: applyTags(prev?.message?.tags, c.message?.tags) },
  }),
}

/** @param {any} previous @param {any} patch */
function applyConfiguration(previous, patch) {
  const identifier = { required: false, ...previous?.identifier, ...patch.identifier }
  if (identifier.linkTemplateScript === null) delete identifier.linkTemplateScript
  return { schema: { type: 'object', properties: {} }, ...previous, ...patch, identifier }
}

/**
 * The integration after an update body is applied, as Botpress would store it.
 * @param {Integration} current
 * @param {Record<string, any>} body
 * @param {Map<string, string>} secretValues the server's secret values, updated in place
 */
export function applyUpdate(current, body, secretValues) {
  const next = { ...current }
  for (const [key, value] of Object.entries(body)) {
    if (key in normalisers) {
      next[key] = applyRecord(current[key], value, normalisers[/** @type {keyof typeof normalisers} */ (key)])
    } else if (key === 'attributes') {
      next.attributes = applyRecord(current.attributes, value)
    } else if (key === 'secrets') {
      for (const [name, secret] of Object.entries(value)) {
        if (secret === null) secretValues.delete(name)
        else secretValues.set(name, secret)
      }
    } else if (key === 'identifier') {
      next.identifier = applyRecord(current.identifier, value)
    } else if (key === 'configuration') {
      next.configuration = applyConfiguration(current.configuration, value)
    } else if (key === 'user') {
      next.user = { creation: value.creation ?? current.user.creation, tags: applyTags(current.user.tags, value.tags) }
    } else if (key === 'code') {
      next.codeBytes = undefined
    } else if (key === 'icon') {
      next.iconUrl = `https://media.botpress.test/${current.id}/icon.svg?v=${Date.now()}`
    } else if (key === 'readme') {
      next.readmeUrl = `https://media.botpress.test/${current.id}/readme.md?v=${Date.now()}`
    } else if (key === 'visibility') {
      next.visibility = value
      next.public = value === 'public'
    } else if (key === 'url') {
      next.url = value ?? ''
    } else if (!['layers', 'extraOperations', 'sdkVersion', 'name', 'version', 'dev', 'public'].includes(key)) {
      next[key] = value
    }
  }
  delete next.codeBytes
  next.secrets = [...secretValues.keys()]
  next.updatedAt = new Date().toISOString()
  return next
}

/**
 * @param {number} status
 * @param {string} type
 * @param {string} message
 */
function botpressError(status, type, message) {
  return { status, body: { id: `err_${randomBytes(6).toString('hex')}`, code: status, type, message } }
}

/**
 * Starts the API. `integrations` are what the server holds at first.
 * With `tls` it serves https (for tests that go through a proxy, which loopback http never does).
 * `handle` is the workspace's (null for none); `interfaces` are interface versions, public ones on the hub;
 * with `updatablePublic`, public and unlisted versions may be updated, as in Botpress's own workspace.
 * Lists (versions, bots) come in pages of `pageSize` (20); `registration` says how bots' installations end (botpress-bots.mjs);
 * `latencyMs` delays every answer (to see how many requests a client keeps in flight: `peakInFlight`).
 * @param {{ integrations?: Integration[], secretValues?: Record<string, Record<string, string>>, token?: string, workspaceId?: string, handle?: string | null, interfaces?: InterfaceVersion[], updatablePublic?: boolean, port?: number, tls?: { key: string, cert: string }, log?: (line: string) => void, pageSize?: number, latencyMs?: number, registration?: import('./botpress-bots.mjs').RegistrationBehaviour }} [options]
 */
export async function startBotpressApi(options = {}) {
  const token = options.token ?? TEST_TOKEN
  const workspaceId = options.workspaceId ?? TEST_WORKSPACE
  const workspaceHandle = options.handle === undefined ? TEST_HANDLE : options.handle
  const interfaces = options.interfaces ?? []
  /** Run once before the request they name is answered (`POST /v1/admin/integrations`). @type {Map<string, () => void>} */
  const hooks = new Map()
  /** @type {Map<string, Integration>} */
  const integrations = new Map((options.integrations ?? []).map((i) => [i.id, i]))
  /** @type {Map<string, Map<string, string>>} */
  const secrets = new Map()
  for (const integration of integrations.values()) {
    const values = Object.entries(options.secretValues?.[integration.id] ?? {})
    for (const name of integration.secrets) if (!values.some(([n]) => n === name)) values.push([name, 'stored-value'])
    secrets.set(integration.id, new Map(values))
  }
  /** @type {ReceivedRequest[]} */
  const requests = []
  /** @type {Fault[]} */
  const faults = []
  const pageSize = options.pageSize ?? 20
  // Requests being answered now, and the most at once (a client's parallelism, seen from here).
  let inFlight = 0
  let peakInFlight = 0
  const bots = botRoutes({
    makeId,
    error: botpressError,
    integration: (id) => integrations.get(id),
    pageSize,
    registration: options.registration ?? {},
    violations,
  })
  /** Responses of ours that break the document: a bug in this fake, surfaced by the tests. */
  /** @type {string[]} */
  const ownViolations = []

  /**
   * The version of `name` that `range` finds: an exact version, a semver range, or `latest`.
   * @param {string} name @param {string} range
   */
  function findVersion(name, range) {
    const versions = [...integrations.values()].filter((i) => i.name === name)
    const best = semver.maxSatisfying(
      versions.map((i) => i.version),
      range === 'latest' ? '*' : range,
    )
    return versions.find((i) => i.version === best)
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {any} body
   * @param {import('node:http').IncomingHttpHeaders} headers
   * @param {URLSearchParams} query
   * @returns {{ status: number, body: any }}
   */
  function route(method, path, body, headers, query) {
    if (headers.authorization !== `Bearer ${token}`) return botpressError(401, 'Unauthorized', 'Invalid or expired token')
    if (headers['x-workspace-id'] !== workspaceId) return botpressError(403, 'Forbidden', `You are not a member of workspace ${headers['x-workspace-id']}`)
    if (path.startsWith('/v1/admin/bots')) {
      // Without this header Botpress keys a bot's integrations by id, not by alias.
      if (headers['x-multiple-integrations'] !== 'true') return botpressError(400, 'InvalidPayload', 'This client must send x-multiple-integrations: true')
      return bots.route(method, path, query, body) ?? botpressError(404, 'NotFound', `No route for ${method} ${path}`)
    }
    if (method === 'GET' && path === '/v1/admin/integrations') {
      const name = query.get('name')
      const matching = [...integrations.values()].filter((i) => name === null || i.name === name)
      const start = Number(query.get('nextToken') ?? 0)
      const next = start + pageSize < matching.length ? String(start + pageSize) : undefined
      const listed = matching.slice(start, start + pageSize).map((i) => {
        const { id, name, version, createdAt, updatedAt, title, description, iconUrl, public: isPublic, visibility, verificationStatus, lifecycleStatus } = i
        return { id, name, version, createdAt, updatedAt, title, description, iconUrl, public: isPublic, visibility, verificationStatus, lifecycleStatus }
      })
      return { status: 200, body: { integrations: listed, meta: next ? { nextToken: next } : {} } }
    }
    const byName = /^\/v1\/admin\/integrations\/([^/]+)\/([^/]+)$/.exec(path)
    if (method === 'GET' && byName && byName[2] !== 'validate') {
      const name = decodeURIComponent(/** @type {string} */ (byName[1]))
      const found = findVersion(name, decodeURIComponent(/** @type {string} */ (byName[2])))
      return found ? { status: 200, body: { integration: found } } : botpressError(404, 'ResourceNotFound', `Integration "${name}" doesn't exist`)
    }
    if (method === 'GET' && path === `/v1/admin/workspaces/${encodeURIComponent(workspaceId)}`) {
      const now = new Date().toISOString()
      return {
        status: 200,
        body: {
          id: workspaceId,
          name: 'Acme',
          ownerId: 'user_01',
          createdAt: now,
          updatedAt: now,
          botCount: 1,
          billingVersion: 'v4',
          plan: 'team',
          blocked: false,
          spendingLimit: 100,
          activeTrialId: null,
          ...(workspaceHandle !== null && { handle: workspaceHandle }),
        },
      }
    }
    const interfaceByName = /^\/v1\/admin\/(hub\/)?interfaces\/([^/]+)\/([^/]+)$/.exec(path)
    if (method === 'GET' && interfaceByName) {
      const [, hub, name, range] = interfaceByName.map((part) => part && decodeURIComponent(part))
      const candidates = interfaces.filter((i) => i.name === name && Boolean(hub) === Boolean(i.public))
      const version =
        range === 'latest'
          ? semver.maxSatisfying(
              candidates.map((i) => i.version),
              '*',
            )
          : semver.maxSatisfying(
              candidates.map((i) => i.version),
              /** @type {string} */ (range),
            )
      const found = candidates.find((i) => i.version === version)
      if (!found) return botpressError(404, 'ResourceNotFound', `Interface "${name}" doesn't exist`)
      const now = new Date().toISOString()
      return {
        status: 200,
        body: {
          interface: {
            createdAt: now,
            updatedAt: now,
            entities: {},
            events: {},
            actions: {},
            channels: {},
            title: found.name,
            description: '',
            iconUrl: '',
            readmeUrl: '',
            public: Boolean(found.public),
            ...found,
          },
        },
      }
    }
    if (method === 'POST' && (path === '/v1/admin/integrations' || path === '/v1/admin/integrations/validate')) {
      const validate = path.endsWith('/validate')
      const problems = violations('requestBodies', validate ? 'validateIntegrationCreationBody' : 'createIntegrationBody', body)
      if (problems.length) return botpressError(400, 'InvalidPayload', problems.join('; '))
      const owner = String(body.name).includes('/') ? String(body.name).split('/')[0] : null
      if (owner !== workspaceHandle)
        return botpressError(403, 'Forbidden', `Integration name "${body.name}" must start with this workspace's handle "${workspaceHandle}/"`)
      if ([...integrations.values()].some((i) => i.name === body.name && i.version === body.version)) {
        return botpressError(409, 'AlreadyExists', `Integration ${body.name} version ${body.version} already exists`)
      }
      if (validate) return { status: 200, body: {} }
      // Secrets the body leaves out keep the previous version's values.
      const previous = findVersion(body.name, `<${body.version}`)
      const values = new Map(previous ? secrets.get(previous.id) : [])
      const created = applyUpdate(
        seedIntegration({
          id: makeId(),
          name: body.name,
          version: body.version,
          title: body.name,
          configuration: { identifier: { required: false }, schema: {} },
        }),
        body,
        values,
      )
      integrations.set(created.id, created)
      secrets.set(created.id, values)
      return { status: 200, body: { integration: created } }
    }
    const match = /^\/v1\/admin\/integrations\/([^/]+)(\/validate)?$/.exec(path)
    if (method === 'POST' && path === '/v1/admin/integrations/request-verification') {
      const problems = violations('requestBodies', 'requestIntegrationVerificationBody', body)
      if (problems.length) return botpressError(400, 'InvalidPayload', problems.join('; '))
      const integration = integrations.get(body.integrationId)
      if (!integration) return botpressError(404, 'ResourceNotFound', `Integration ${body.integrationId} not found`)
      integrations.set(integration.id, { ...integration, verificationStatus: 'pending', updatedAt: new Date().toISOString() })
      return { status: 200, body: {} }
    }
    if (!match) return botpressError(404, 'NotFound', `No route for ${method} ${path}`)
    const id = decodeURIComponent(/** @type {string} */ (match[1]))
    const integration = integrations.get(id)
    if (!integration) return botpressError(404, 'ResourceNotFound', `Integration "${id}" doesn't exist`)
    if (method === 'GET' && !match[2]) return { status: 200, body: { integration } }
    if (method === 'DELETE' && !match[2]) {
      if (bots.installs(id)) return botpressError(409, 'ReferenceConstraint', `Integration ${id} is installed in a bot; uninstall it first`)
      integrations.delete(id)
      secrets.delete(id)
      return { status: 200, body: {} }
    }
    if (method !== 'PUT') return botpressError(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`)
    if (!String(headers['content-type']).startsWith('application/json')) {
      return botpressError(400, 'InvalidPayload', 'Content-Type must be application/json')
    }
    const problems = violations('requestBodies', match[2] ? 'validateIntegrationUpdateBody' : 'updateIntegrationBody', body)
    if (problems.length) return botpressError(400, 'InvalidPayload', problems.join('; '))
    if (integration.visibility !== 'private' && !options.updatablePublic) {
      return botpressError(
        403,
        'Forbidden',
        `Integration ${integration.name}@${integration.version} is ${integration.visibility}; public integrations cannot be updated without creating a new version`,
      )
    }
    if (
      integration.visibility === 'public' &&
      integration.verificationStatus === 'approved' &&
      body.actions &&
      !headers['x-bypass-breaking-changes-detection']
    ) {
      const removed = Object.entries(body.actions)
        .filter(([, v]) => v === null)
        .map(([k]) => k)
      if (removed.length) return botpressError(400, 'BreakingChanges', `Removing actions ${removed.join(', ')} from a public integration is a breaking change`)
    }
    const values = secrets.get(id) ?? new Map()
    if (match[2]) {
      applyUpdate(integration, body, new Map(values))
      return { status: 200, body: {} }
    }
    const updated = applyUpdate(integration, body, values)
    secrets.set(id, values)
    integrations.set(id, updated)
    return { status: 200, body: { integration: updated } }
  }

  /** @param {string} method @param {string} path */
  function responseName(method, path) {
    if (path === '/v1/admin/bots') return method === 'POST' ? 'createBotResponse' : 'listBotsResponse'
    if (path.startsWith('/v1/admin/bots/')) return { GET: 'getBotResponse', PUT: 'updateBotResponse', DELETE: 'deleteBotResponse' }[method] ?? 'getBotResponse'
    if (path === '/v1/admin/integrations' && method === 'GET') return 'listIntegrationsResponse'
    if (method === 'DELETE') return 'deleteIntegrationResponse'
    if (method === 'POST' && path === '/v1/admin/integrations/validate') return 'validateIntegrationCreationResponse'
    if (path.endsWith('/validate')) return 'validateIntegrationUpdateResponse'
    if (path.endsWith('/request-verification')) return 'requestIntegrationVerificationResponse'
    if (path.startsWith('/v1/admin/workspaces/')) return 'getWorkspaceResponse'
    if (path.startsWith('/v1/admin/hub/interfaces/')) return 'getPublicInterfaceResponse'
    if (path.startsWith('/v1/admin/interfaces/')) return 'getInterfaceByNameResponse'
    if (method === 'POST') return 'createIntegrationResponse'
    if (method === 'GET') return path.split('/').length === 6 ? 'getIntegrationByNameResponse' : 'getIntegrationResponse'
    return 'updateIntegrationResponse'
  }

  /** The request body's name in the document, to check what the action sent. @param {string} method @param {string} path */
  function requestBodyName(method, path) {
    if (method === 'POST' && path === '/v1/admin/bots') return 'createBotBody'
    if (method === 'PUT' && path.startsWith('/v1/admin/bots/')) return 'updateBotBody'
    if (method === 'POST' && path === '/v1/admin/integrations') return 'createIntegrationBody'
    if (method === 'POST' && path === '/v1/admin/integrations/validate') return 'validateIntegrationCreationBody'
    if (method === 'POST' && path === '/v1/admin/integrations/request-verification') return 'requestIntegrationVerificationBody'
    if (method === 'PUT') return path.endsWith('/validate') ? 'validateIntegrationUpdateBody' : 'updateIntegrationBody'
    return undefined
  }

  /** @type {import('node:http').RequestListener} */
  const handle = (req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const method = req.method ?? 'GET'
      const [path = '/', search = ''] = (req.url ?? '/').split('?')
      const query = new URLSearchParams(search)
      /** @type {any} */
      let body
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = text
      }
      const bodyName = requestBodyName(method, path)
      /** @type {ReceivedRequest} */
      const received = {
        method,
        path,
        query,
        headers: req.headers,
        body,
        raw: text,
        violations: bodyName ? violations('requestBodies', bodyName, body) : [],
      }
      requests.push(received)
      inFlight++
      peakInFlight = Math.max(peakInFlight, inFlight)
      // A client that gives up closes the connection before the answer.
      res.on('close', () => {
        inFlight--
        if (!res.writableFinished) received.abandoned = true
      })
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
      options.log?.(`${method} ${path}`)
      const hook = hooks.get(`${method} ${path}`)
      hooks.delete(`${method} ${path}`)
      hook?.()
      const fault = faults.shift()
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
      if (fault?.drop) {
        req.socket.destroy()
        return
      }
      /** @type {{ status: number, body: any, headers?: Record<string, string> }} */
      let answer = fault?.status
        ? {
            status: fault.status,
            body: fault.body ?? botpressError(fault.status, fault.status === 429 ? 'RateLimited' : 'Internal', 'Injected failure').body,
            ...(fault.headers && { headers: fault.headers }),
          }
        : route(method, path, body, req.headers, query)
      // Injected faults may break the document on purpose; routed answers never should.
      if (answer.status === 200 && !fault?.status) {
        ownViolations.push(...violations('responses', responseName(method, path), answer.body).map((v) => `${method} ${path} response: ${v}`))
      }
      const payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
      res.writeHead(answer.status, {
        'content-type': typeof answer.body === 'string' ? 'text/html' : 'application/json',
        ...answer.headers,
      })
      if (fault?.resetMidBody) {
        res.flushHeaders()
        res.write(payload.slice(0, Math.floor(payload.length / 2)))
        setTimeout(() => req.socket.destroy(), 50)
        return
      }
      for (let waited = 0; waited < (fault?.trickleMs ?? 0) && !res.destroyed; waited += 100) {
        res.write(' ')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      if (!res.destroyed) res.end(payload)
    })
  }
  const server = options.tls ? createTlsServer(options.tls, handle) : createServer(handle)
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    port: address.port,
    token,
    workspaceId,
    handle: workspaceHandle,
    requests,
    ownViolations,
    /** @param {string} id */
    integration: (id) => integrations.get(id),
    /** @param {string} id */
    secretValues: (id) => Object.fromEntries(secrets.get(id) ?? []),
    /** @param {Integration} integration @param {Record<string, string>} [values] */
    add(integration, values = {}) {
      integrations.set(integration.id, integration)
      secrets.set(integration.id, new Map([...integration.secrets.map((/** @type {string} */ n) => [n, 'stored-value']), ...Object.entries(values)]))
    },
    /** Runs `hook` once, just before the next `METHOD /path` request is answered. @param {string} request @param {() => void} hook */
    before(request, hook) {
      hooks.set(request, hook)
    },
    /** Every version the server holds. */
    all: () => [...integrations.values()],
    /** The most requests that were being answered at once. */
    peakInFlight: () => peakInFlight,
    /** The bots: every one the server holds, and `add` to seed one (`seedBot` makes a complete one). */
    bots: { all: bots.all, add: bots.add, seed: bots.seedBot },
    /** Queues faults, one per coming request, in order. @param {Fault[]} list */
    fail(...list) {
      faults.push(...list)
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
