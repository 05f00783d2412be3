import { afterEach, describe, expect, it } from '@jest/globals'
import { BotpressClient, type ClientOptions } from '../../src/api/client.js'
import { ApiError } from '../../src/api/errors.js'
import type { CreateBody, RemoteIntegration } from '../../src/botpress/integration.js'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'

// Every endpoint of the client against the Botpress-compatible API in this
// process: the path and method it calls, what it sends, and what it accepts back.

type Api = Awaited<ReturnType<typeof startBotpressApi>>
let api: Api
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

const waits: number[] = []
const retries: string[] = []
function clientFor(server: Api, options: Partial<ClientOptions> = {}) {
  waits.length = 0
  retries.length = 0
  return new BotpressClient({
    baseUrl: server.url,
    token: server.token,
    workspaceId: server.workspaceId,
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 3,
    sleep: async (ms) => {
      waits.push(ms)
    },
    onRetry: (message) => retries.push(message),
    ...options,
  })
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: unknown) => error as ApiError,
  )
const seeded = (fields: Record<string, unknown> = {}) => seedIntegration({ id: 'intver_01ENDPOINTS00000000000', ...fields }) as RemoteIntegration

describe('getIntegration', () => {
  it('reads a version by id, with the credentials and the workspace', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    expect(await clientFor(api).getIntegration(version.id)).toEqual(version)
    const [request] = api.requests
    expect(`${request!.method} ${request!.path}`).toBe(`GET /v1/admin/integrations/${version.id}`)
    expect(request!.headers.authorization).toBe(`Bearer ${api.token}`)
    expect(request!.headers['x-workspace-id']).toBe(api.workspaceId)
    expect(request!.headers['user-agent']).toBe('test')
  })

  it('says which id was missing', async () => {
    api = await startBotpressApi()
    const error = await failure(clientFor(api).getIntegration('intver_01MISSING0000000000000'))
    expect(error.message.split('\n')[0]).toBe(
      'Reading integration intver_01MISSING0000000000000 (GET /v1/admin/integrations/intver_01MISSING0000000000000) failed: HTTP 404 ResourceNotFound',
    )
    expect(error.status).toBe(404)
  })

  it('refuses an answer about another version', async () => {
    api = await startBotpressApi({ integrations: [seeded()] })
    api.fail({ status: 200, body: { integration: seeded({ id: 'intver_01SOMEONEELSE0000000000' }) } })
    const error = await failure(clientFor(api).getIntegration('intver_01ENDPOINTS00000000000'))
    expect(error.message).toMatch(
      /^Reading integration intver_01ENDPOINTS00000000000 .+ answered with another integration \(acme\/acme-crm@1\.4\.0, intver_01SOMEONEELSE0000000000\)/,
    )
  })
})

describe('findIntegration', () => {
  it('finds an exact version, and undefined when Botpress has none', async () => {
    const version = seeded({ version: '1.4.0' })
    api = await startBotpressApi({ integrations: [version] })
    const client = clientFor(api)
    expect(await client.findIntegration('acme/acme-crm', '1.4.0')).toEqual(version)
    expect(await client.findIntegration('acme/acme-crm', '9.9.9')).toBeUndefined()
    expect(calls()).toEqual([
      `GET /v1/admin/integrations/${encodeURIComponent('acme/acme-crm')}/1.4.0`,
      `GET /v1/admin/integrations/${encodeURIComponent('acme/acme-crm')}/9.9.9`,
    ])
  })

  it('takes any version of the name for a range, but only the version asked for when it is exact', async () => {
    const version = seeded({ version: '1.4.0' })
    api = await startBotpressApi({ integrations: [version] })
    const client = clientFor(api)
    expect(await client.findIntegration('acme/acme-crm', '<1.5.0')).toEqual(version)
    expect(await client.findIntegration('acme/acme-crm', 'latest')).toEqual(version)
    api.fail({ status: 200, body: { integration: version } })
    const error = await failure(client.findIntegration('acme/acme-crm', '1.3.0'))
    expect(error.message).toMatch(/^Looking up acme\/acme-crm@1\.3\.0 \(GET .+\) answered with another integration/)
    api.fail({ status: 200, body: { integration: seeded({ name: 'acme/other' }) } })
    await expect(client.findIntegration('acme/acme-crm', 'latest')).rejects.toThrow(/answered with another integration/)
  })
})

describe('getWorkspaceHandle', () => {
  it('reads the handle, and undefined when the workspace has none', async () => {
    api = await startBotpressApi()
    expect(await clientFor(api).getWorkspaceHandle(api.workspaceId)).toBe('acme')
    expect(calls()).toEqual([`GET /v1/admin/workspaces/${api.workspaceId}`])
    await api.close()
    api = await startBotpressApi({ handle: null })
    expect(await clientFor(api).getWorkspaceHandle(api.workspaceId)).toBeUndefined()
  })
})

describe('writes', () => {
  const body: CreateBody = { name: 'acme/acme-crm', version: '2.0.0', title: 'Acme CRM' }

  it('creates a version with the body given, and without the bypass header unless asked', async () => {
    api = await startBotpressApi()
    const created = await clientFor(api).createIntegration(body)
    expect(created).toMatchObject({ name: 'acme/acme-crm', version: '2.0.0', title: 'Acme CRM' })
    const [request] = api.requests
    expect(`${request!.method} ${request!.path}`).toBe('POST /v1/admin/integrations')
    expect(request!.body).toEqual(body)
    expect(request!.headers['x-bypass-breaking-changes-detection']).toBeUndefined()
  })

  it('sends the bypass header on every write when asked, and never on reads', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    const client = clientFor(api, { bypassBreakingChanges: true })
    await client.validateCreate(body)
    await client.createIntegration(body)
    await client.validateUpdate(version.id, { title: 'New' })
    await client.updateIntegration(version, { title: 'New' })
    await client.getIntegration(version.id)
    expect(api.requests.map((r) => [`${r.method} ${r.path}`, r.headers['x-bypass-breaking-changes-detection']])).toEqual([
      ['POST /v1/admin/integrations/validate', 'true'],
      ['POST /v1/admin/integrations', 'true'],
      [`PUT /v1/admin/integrations/${version.id}/validate`, 'true'],
      [`PUT /v1/admin/integrations/${version.id}`, 'true'],
      [`GET /v1/admin/integrations/${version.id}`, undefined],
    ])
    expect(api.requests[2]!.body).toEqual({ title: 'New' })
  })

  it('says what a refused validation would have refused, and writes nothing', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    api.fail({ status: 400, body: { id: 'err_1', code: 400, type: 'InvalidPayload', message: 'title is too long' } })
    const error = await failure(clientFor(api).validateUpdate(version.id, { title: 'x' }))
    expect(error.message).toBe(
      `Validating the update of integration ${version.id} (PUT /v1/admin/integrations/${version.id}/validate) failed: HTTP 400 InvalidPayload\n` +
        'Botpress says: title is too long\nError id: err_1 (quote it to Botpress support)',
    )
    api.fail({ status: 409, body: { type: 'AlreadyExists', message: 'exists' } })
    expect((await failure(clientFor(api).validateCreate(body))).message.split('\n')[0]).toBe(
      'Validating the creation of acme/acme-crm@2.0.0 (POST /v1/admin/integrations/validate) failed: HTTP 409 AlreadyExists',
    )
    expect(api.integration(version.id)).toEqual(version)
  })

  it('updates a version, and refuses an answer that changed its name or version', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    const client = clientFor(api)
    expect(await client.updateIntegration(version, { title: 'Renamed' })).toMatchObject({ id: version.id, title: 'Renamed' })
    api.fail({ status: 200, body: { integration: { ...version, version: '9.0.0' } } })
    expect((await failure(client.updateIntegration(version, { title: 'Again' }))).message).toMatch(
      new RegExp(
        `^Updating integration ${version.id} \\(PUT /v1/admin/integrations/${version.id}\\) answered with another integration \\(acme/acme-crm@9\\.0\\.0`,
      ),
    )
    api.fail({ status: 201, body: { integration: { ...body, id: 'intver_x' } } })
    await expect(client.createIntegration(body)).rejects.toThrow(/^Creating acme\/acme-crm@2\.0\.0 \(POST \/v1\/admin\/integrations\) answered with/)
  })
})

describe('requestVerification', () => {
  const path = '/v1/admin/integrations/request-verification'

  it('asks once, for the version given', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    await clientFor(api).requestVerification(version.id)
    expect(calls()).toEqual([`POST ${path}`])
    expect(api.requests[0]!.body).toEqual({ integrationId: version.id })
    expect(api.integration(version.id)?.verificationStatus).toBe('pending')
  })

  it('gives up at once when Botpress refuses', async () => {
    api = await startBotpressApi({ integrations: [seeded()] })
    api.fail({ status: 403, body: { type: 'Forbidden', message: 'no' } })
    expect((await failure(clientFor(api).requestVerification('intver_01ENDPOINTS00000000000'))).status).toBe(403)
    expect(calls()).toEqual([`POST ${path}`])
    expect(waits).toEqual([])
  })

  it('does not ask again when the failed request was applied anyway', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    api.fail({ resetMidBody: true })
    await clientFor(api).requestVerification(version.id)
    expect(calls()).toEqual([`POST ${path}`, `GET /v1/admin/integrations/${version.id}`])
    expect(waits).toHaveLength(1)
    expect(retries).toEqual([])
  })

  it('asks again while the status is still unapproved, and stops after max attempts', async () => {
    const version = seeded()
    api = await startBotpressApi({ integrations: [version] })
    api.fail({ status: 503 })
    await clientFor(api).requestVerification(version.id)
    expect(calls()).toEqual([`POST ${path}`, `GET /v1/admin/integrations/${version.id}`, `POST ${path}`])
    expect(retries).toEqual([
      `Requesting verification of integration intver_01ENDPOINTS00000000000 (POST ${path}) failed: HTTP 503 Internal (attempt 1 of 3); the status is still unapproved, so it is asked again`,
    ])

    api.requests.length = 0
    api.add({ ...version, verificationStatus: 'unapproved' })
    api.fail({ status: 503 }, {}, { status: 503 }, {}, { status: 502 })
    const error = await failure(clientFor(api).requestVerification(version.id))
    expect(error.status).toBe(502)
    expect(calls().filter((call) => call.startsWith('POST'))).toHaveLength(3)
  })
})

describe('findInterface', () => {
  it('looks in the workspace or on the hub, and undefined when neither has it', async () => {
    api = await startBotpressApi({ interfaces: [{ id: 'intver_01HUBLISTABLE0000000000', name: 'listable', version: '1.0.0', public: true }] })
    const client = clientFor(api)
    expect(await client.findInterface('listable', '^1.0.0', false)).toBeUndefined()
    expect(await client.findInterface('listable', '^1.0.0', true)).toMatchObject({ id: 'intver_01HUBLISTABLE0000000000', name: 'listable', version: '1.0.0' })
    expect(calls()).toEqual([
      `GET /v1/admin/interfaces/listable/${encodeURIComponent('^1.0.0')}`,
      `GET /v1/admin/hub/interfaces/listable/${encodeURIComponent('^1.0.0')}`,
    ])
  })
})

describe('a workspace that cannot be read', () => {
  it.each([
    [404, 'ResourceNotFound', /^Botpress has no workspace wkspace_01NOTMINE that the token's user can see: check `workspace-id`/m],
    [403, 'Forbidden', /^The token's user may not read workspace wkspace_01NOTMINE: check that `workspace-id` is the workspace/m],
  ])('answers %i: the message speaks of the workspace, never of an integration id', async (status, type, advice) => {
    api = await startBotpressApi()
    api.fail({ status, body: { type, message: 'no' } })
    const error = await failure(clientFor(api).getWorkspaceHandle('wkspace_01NOTMINE'))
    expect(error.message.split('\n')[0]).toBe(`Reading workspace wkspace_01NOTMINE (GET /v1/admin/workspaces/wkspace_01NOTMINE) failed: HTTP ${status} ${type}`)
    expect(error.message).toMatch(advice)
    expect(error.message).not.toMatch(/integration-id|integration id/)
  })
})
