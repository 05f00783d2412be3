import { afterEach, describe, expect, it } from '@jest/globals'
import { BotpressClient } from '../../src/api/client.js'
import { InputError } from '../../src/base/errors.js'
import type { Log } from '../../src/base/log.js'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import { createVersion, updateVersion, type ApplyOptions } from '../../src/lifecycle/apply.js'
import { findAfterConflict, findTarget, type ExistingVersion, type FindOptions } from '../../src/lifecycle/find.js'
import { resolveInterfaces } from '../../src/lifecycle/interfaces.js'
import type { Manifest } from '../../src/manifest/load.js'
import type { Plan } from '../../src/plan/plan.js'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'

// find.ts and apply.ts with the real client, against the Botpress-compatible API in this process.

type Api = Awaited<ReturnType<typeof startBotpressApi>>
let api: Api
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

function clientFor(server: Api) {
  return new BotpressClient({
    baseUrl: server.url,
    token: server.token,
    workspaceId: server.workspaceId,
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 2,
    sleep: async () => undefined,
  })
}

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    debug: () => undefined,
    info: (message) => lines.push(`info: ${message}`),
    notice: (message) => lines.push(`notice: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    group: (title) => lines.push(`group: ${title}`),
    mask: () => undefined,
  }
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)
const manifest = (fields: Partial<Manifest> = {}): Manifest => ({
  displayPath: 'integration.yml',
  definition: {},
  secrets: [],
  files: [],
  interfaceLookups: [],
  ...fields,
})
const findOptions = (fields: Partial<FindOptions> = {}): FindOptions => ({ workspaceId: api.workspaceId, ifMissing: 'create', ...fields })
const NAME = encodeURIComponent('acme/acme-crm')

describe('findTarget', () => {
  it('finds a version by id, and updates it', async () => {
    const seeded = seedIntegration({ id: 'intver_01FINDBYID00000000000' })
    api = await startBotpressApi({ integrations: [seeded] })
    const target = await findTarget(clientFor(api), { by: 'id', id: seeded.id }, manifest({ name: 'acme-crm', version: '1.4.0' }), findOptions())
    expect(target).toEqual({ operation: 'update', integration: seeded, foundBy: 'id' })
    expect(calls()).toEqual([`GET /v1/admin/integrations/${seeded.id}`])
  })

  it('refuses an id whose version is not the manifest’s, naming every mismatch', async () => {
    const seeded = seedIntegration({ id: 'intver_01WRONGONE00000000000', name: 'acme/other', version: '2.0.0' })
    api = await startBotpressApi({ integrations: [seeded] })
    const error = await findTarget(
      clientFor(api),
      { by: 'id', id: seeded.id },
      manifest({ name: 'acme-crm', version: '1.4.0' }),
      findOptions({ expectedVersion: '1.4.1' }),
    ).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toBe(
      'Integration intver_01WRONGONE00000000000 is acme/other@2.0.0, not what this run expects: name is "acme-crm" in integration.yml but "acme/other" on Botpress; ' +
        'version is "1.4.0" in integration.yml but "2.0.0" on Botpress; `expected-version` is 1.4.1 but the id points at version 2.0.0. ' +
        'Nothing was sent. Point `integration-id` at the right version, or fix the manifest.',
    )
  })

  it('finds a version by name, with the workspace’s handle', async () => {
    const seeded = seedIntegration({ id: 'intver_01BYNAME0000000000000' })
    api = await startBotpressApi({ integrations: [seeded] })
    const target = await findTarget(clientFor(api), { by: 'name', name: 'acme-crm', version: '1.4.0' }, manifest(), findOptions())
    expect(target).toEqual({ operation: 'update', integration: seeded, foundBy: 'name' })
    expect(calls()).toEqual([`GET /v1/admin/workspaces/${api.workspaceId}`, `GET /v1/admin/integrations/${NAME}/1.4.0`])
  })

  it('plans a create of a missing version, beside the highest version below it', async () => {
    const older = ['1.2.0', '1.3.9', '2.0.0'].map((version, i) => seedIntegration({ id: `intver_01OLDER${i}${'0'.repeat(13)}`, version }))
    api = await startBotpressApi({ integrations: older })
    const target = await findTarget(clientFor(api), { by: 'name', name: 'acme/acme-crm', version: '1.4.0' }, manifest(), findOptions())
    expect(target).toEqual({ operation: 'create', name: 'acme/acme-crm', version: '1.4.0', previous: older[1] })
    expect(calls().slice(1)).toEqual([`GET /v1/admin/integrations/${NAME}/1.4.0`, `GET /v1/admin/integrations/${NAME}/%3C1.4.0`])
  })

  it('plans a create with no previous version when there is none below', async () => {
    api = await startBotpressApi({ integrations: [seedIntegration({ id: 'intver_01NEWER00000000000000', version: '2.0.0' })] })
    const target = await findTarget(clientFor(api), { by: 'name', name: 'acme-crm', version: '1.4.0' }, manifest(), findOptions())
    expect(target).toEqual({ operation: 'create', name: 'acme/acme-crm', version: '1.4.0', previous: undefined })
  })

  it('fails on a missing version with if-missing: fail, and looks no further', async () => {
    api = await startBotpressApi()
    await expect(
      findTarget(clientFor(api), { by: 'name', name: 'acme-crm', version: '1.4.0' }, manifest(), findOptions({ ifMissing: 'fail' })),
    ).rejects.toThrow('acme/acme-crm@1.4.0 does not exist on Botpress, and `if-missing` is `fail`; nothing was sent.')
    expect(calls()).toHaveLength(2)
  })
})

describe('findAfterConflict', () => {
  it('finds the version another run created', async () => {
    const seeded = seedIntegration({ id: 'intver_01RACE000000000000000' })
    api = await startBotpressApi({ integrations: [seeded] })
    await expect(findAfterConflict(clientFor(api), 'acme/acme-crm', '1.4.0')).resolves.toEqual({ operation: 'update', integration: seeded, foundBy: 'name' })
  })

  it('says to run again when Botpress cannot find what it said exists', async () => {
    api = await startBotpressApi()
    await expect(findAfterConflict(clientFor(api), 'acme/acme-crm', '1.4.0')).rejects.toThrow(
      'Botpress said acme/acme-crm@1.4.0 already exists, but cannot find it; run the workflow again.',
    )
  })
})

const createPlan = (afterCreate?: Record<string, unknown>): Plan => ({
  operation: 'create',
  name: 'acme/acme-crm',
  version: '1.4.0',
  body: { name: 'acme/acme-crm', version: '1.4.0', title: 'Acme CRM', visibility: 'public' },
  ...(afterCreate && { afterCreate }),
  settingsChanged: [],
  schemaChanges: [],
  breaking: [],
  sections: [],
  secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
  files: [],
})
const options = (fields: Partial<ApplyOptions> = {}): ApplyOptions => ({ dryRun: false, requestVerification: false, displayPath: 'integration.yml', ...fields })

describe('createVersion', () => {
  it('validates, and only validates, in a dry run', async () => {
    api = await startBotpressApi()
    const log = recordingLog()
    const applied = await createVersion(clientFor(api), createPlan({ maxExecutionTime: 60 }), options({ dryRun: true, requestVerification: true }), log)
    expect(applied).toEqual({ operation: 'validated-create' })
    expect(calls()).toEqual(['POST /v1/admin/integrations/validate'])
    expect(api.requests[0]!.body).toEqual(createPlan().body)
    expect(log.lines).toEqual([
      'info: Dry run: Botpress validated the creation of acme/acme-crm@1.4.0; nothing was created.',
      'info: maxExecutionTime would be set by an update right after the create, which a dry run does not check.',
      'info: Verification is not requested in a dry run.',
    ])
  })

  it('creates, then sets what only an update can, then asks for verification of a public version', async () => {
    api = await startBotpressApi({ updatablePublic: true })
    const log = recordingLog()
    const applied = await createVersion(clientFor(api), createPlan({ maxExecutionTime: 60 }), options({ requestVerification: true }), log)
    const [created] = api.all()
    expect(applied).toEqual({ operation: 'created', integration: created })
    expect(created).toMatchObject({ maxExecutionTime: 60, verificationStatus: 'pending' })
    expect(calls()).toEqual([
      'POST /v1/admin/integrations',
      `PUT /v1/admin/integrations/${created!.id}`,
      'POST /v1/admin/integrations/request-verification',
      `GET /v1/admin/integrations/${created!.id}`,
    ])
    expect(api.requests[0]!.body).toEqual(createPlan().body)
    expect(api.requests[1]!.body).toEqual({ maxExecutionTime: 60 })
    expect(api.requests[2]!.body).toEqual({ integrationId: created!.id })
    expect(log.lines.at(-1)).toBe('info: Verification requested; status now pending.')
  })

  it('says the version exists when another run created it first', async () => {
    api = await startBotpressApi({ integrations: [seedIntegration({ id: 'intver_01FIRST00000000000000' })] })
    await expect(createVersion(clientFor(api), createPlan(), options(), recordingLog())).resolves.toBe('exists')
  })

  it('keeps a created version when the update after it is refused, and warns', async () => {
    api = await startBotpressApi()
    api.fail({}, { status: 400, body: { id: 'err_1', code: 400, type: 'InvalidPayload', message: 'maxExecutionTime is too large' } })
    const log = recordingLog()
    const applied = await createVersion(clientFor(api), createPlan({ maxExecutionTime: 9999 }), options(), log)
    expect(applied).toMatchObject({ operation: 'created' })
    expect(log.lines.at(-1)).toMatch(
      /^warning: acme\/acme-crm@1\.4\.0 was created, but Botpress refused maxExecutionTime in the update that follows: .*maxExecutionTime is too large/s,
    )
  })
})

const updatePlan: Plan = { ...createPlan(), operation: 'update', body: { title: 'Acme CRM 2' } }
const existing = (integration: RemoteIntegration, foundBy: 'id' | 'name'): ExistingVersion => ({ operation: 'update', integration, foundBy })

describe('updateVersion', () => {
  it('updates a private version and says so', async () => {
    const seeded = seedIntegration({ id: 'intver_01PRIVATE000000000000' }) as RemoteIntegration
    api = await startBotpressApi({ integrations: [seeded] })
    const log = recordingLog()
    const applied = await updateVersion(clientFor(api), existing(seeded, 'name'), updatePlan, options(), log)
    expect(applied).toEqual({ operation: 'updated', integration: api.integration(seeded.id) })
    expect(api.requests.map((r) => [r.method, r.path, r.body])).toEqual([['PUT', `/v1/admin/integrations/${seeded.id}`, { title: 'Acme CRM 2' }]])
    expect(log.lines).toEqual([`info: Deployed acme/acme-crm@1.4.0 (${seeded.id}); verification status: unapproved.`])
  })

  it('never writes a public version found by name, and says to bump the version', async () => {
    const seeded = seedIntegration({ id: 'intver_01PUBLIC0000000000000', visibility: 'public' }) as RemoteIntegration
    api = await startBotpressApi({ integrations: [seeded], updatablePublic: true })
    await expect(updateVersion(clientFor(api), existing(seeded, 'name'), updatePlan, options(), recordingLog())).rejects.toThrow(
      'acme/acme-crm@1.4.0 is public, and Botpress does not update public or unlisted versions: bump `version` in integration.yml to publish a new one. Nothing was written.',
    )
    expect(calls()).toEqual([])
  })

  it('validates an unlisted version found by name in a dry run, with the same advice as a warning', async () => {
    const seeded = seedIntegration({ id: 'intver_01UNLISTED00000000000', visibility: 'unlisted' }) as RemoteIntegration
    api = await startBotpressApi({ integrations: [seeded], updatablePublic: true })
    const log = recordingLog()
    const applied = await updateVersion(clientFor(api), existing(seeded, 'name'), updatePlan, options({ dryRun: true }), log)
    expect(applied).toEqual({ operation: 'validated-update', integration: seeded })
    expect(calls()).toEqual([`PUT /v1/admin/integrations/${seeded.id}/validate`])
    expect(log.lines[1]).toMatch(/^warning: acme\/acme-crm@1\.4\.0 is unlisted, .* A run that is not a dry run stops before the update\.$/)
  })

  it('lets Botpress decide for a public version given by id, and asks for verification once', async () => {
    const seeded = seedIntegration({ id: 'intver_01PUBID00000000000000', visibility: 'public' }) as RemoteIntegration
    api = await startBotpressApi({ integrations: [seeded], updatablePublic: true })
    const log = recordingLog()
    const applied = await updateVersion(clientFor(api), existing(seeded, 'id'), updatePlan, options({ requestVerification: true }), log)
    expect(applied.integration).toMatchObject({ verificationStatus: 'pending', title: 'Acme CRM 2' })
    expect(calls()).toEqual([
      `PUT /v1/admin/integrations/${seeded.id}`,
      'POST /v1/admin/integrations/request-verification',
      `GET /v1/admin/integrations/${seeded.id}`,
    ])
  })

  it('asks no verification of a private version, nor of one already pending', async () => {
    const privateOne = seedIntegration({ id: 'intver_01PRIV200000000000000' }) as RemoteIntegration
    const pending = seedIntegration({
      id: 'intver_01PEND000000000000000',
      version: '1.5.0',
      visibility: 'public',
      verificationStatus: 'pending',
    }) as RemoteIntegration
    api = await startBotpressApi({ integrations: [privateOne, pending], updatablePublic: true })
    const log = recordingLog()
    await updateVersion(clientFor(api), existing(privateOne, 'id'), updatePlan, options({ requestVerification: true }), log)
    await updateVersion(clientFor(api), existing(pending, 'id'), updatePlan, options({ requestVerification: true }), log)
    expect(calls().filter((call) => call.includes('request-verification'))).toEqual([])
    expect(log.lines).toContain('warning: Verification was not requested: acme/acme-crm@1.4.0 is private, and only public integrations are verified.')
    expect(log.lines).toContain('info: Verification was not requested: its status is already pending.')
  })
})

describe('resolveInterfaces', () => {
  const entities = { item: { name: 'contact' } }
  const withLookups = (entries: Record<string, { name: string; version: string }>, located = true): Manifest =>
    manifest({
      definition: { title: 'T', interfaces: Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, { ...entry, entities }])) },
      interfaceLookups: Object.entries(entries).map(([key, entry]) => ({
        key,
        ...entry,
        locate: async () => (located ? { file: 'integration.yml', line: 7, column: 5 } : undefined),
      })),
    })

  it('sends the manifest’s definition untouched when no interface is named by version', async () => {
    api = await startBotpressApi()
    const definition = { title: 'T', interfaces: { listable: { id: 'intver_given', entities } } }
    expect(await resolveInterfaces(clientFor(api), manifest({ definition }))).toBe(definition)
    expect(calls()).toEqual([])
  })

  it('takes this workspace’s version first, then the hub’s, and sends each by id only', async () => {
    api = await startBotpressApi({
      interfaces: [
        { id: 'intver_01OWNLISTABLE0000000000', name: 'listable', version: '1.2.0' },
        { id: 'intver_01HUBLISTABLE0000000000', name: 'listable', version: '1.3.0', public: true },
        { id: 'intver_01HUBCREATABLE000000000', name: 'creatable', version: '2.1.0', public: true },
      ],
    })
    const resolved = await resolveInterfaces(
      clientFor(api),
      withLookups({ listable: { name: 'listable', version: '^1.0.0' }, creatable: { name: 'creatable', version: '2.1.0' } }),
    )
    expect(resolved).toEqual({
      title: 'T',
      interfaces: { listable: { id: 'intver_01OWNLISTABLE0000000000', entities }, creatable: { id: 'intver_01HUBCREATABLE000000000', entities } },
    })
    expect(calls()).toEqual([
      `GET /v1/admin/interfaces/listable/${encodeURIComponent('^1.0.0')}`,
      'GET /v1/admin/interfaces/creatable/2.1.0',
      'GET /v1/admin/hub/interfaces/creatable/2.1.0',
    ])
  })

  it('reports every interface Botpress does not have, at its line, and sends nothing', async () => {
    api = await startBotpressApi({ interfaces: [{ id: 'intver_01HUBLISTABLE0000000000', name: 'listable', version: '1.3.0', public: true }] })
    const error = await resolveInterfaces(
      clientFor(api),
      withLookups({
        listable: { name: 'listable', version: '1.3.0' },
        typo: { name: 'lsitable', version: '1.0.0' },
        old: { name: 'listable', version: '0.9.0' },
      }),
    ).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message.split('\n')[0]).toBe('integration.yml names interfaces Botpress does not have; nothing was written')
    expect((error as InputError).problems).toEqual([
      {
        keyPath: 'interfaces.typo',
        location: { file: 'integration.yml', line: 7, column: 5 },
        message: 'no interface lsitable@1.0.0 in this workspace or on the Botpress hub; check its name and version (a version or a range such as ^1.0.0)',
      },
      {
        keyPath: 'interfaces.old',
        location: { file: 'integration.yml', line: 7, column: 5 },
        message: 'no interface listable@0.9.0 in this workspace or on the Botpress hub; check its name and version (a version or a range such as ^1.0.0)',
      },
    ])
    expect(api.requests.every((r) => r.method === 'GET')).toBe(true)
  })

  it('reports a missing interface without a place when the manifest cannot say where it is', async () => {
    api = await startBotpressApi()
    const error = (await resolveInterfaces(clientFor(api), withLookups({ typo: { name: 'nope', version: '1.0.0' } }, false)).catch(
      (thrown: unknown) => thrown,
    )) as InputError
    expect(error.problems).toEqual([{ keyPath: 'interfaces.typo', message: expect.stringContaining('no interface nope@1.0.0') }])
    expect('location' in error.problems[0]!).toBe(false)
  })
})
