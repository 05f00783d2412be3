import { afterEach, describe, expect, it } from '@jest/globals'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { exampleDefinitionBody, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// The release lifecycle: versions found by name@version, created when missing.

type Api = Awaited<ReturnType<typeof startBotpressApi>>
const API_KEY = 'sk_live_lifecycle_api_key_0001'
const NAME = encodeURIComponent('acme/acme-crm')

let api: Api
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

async function deploy(
  extra: Record<string, string> = {},
  options: { edit?: (manifest: string) => string; env?: Record<string, string>; secrets?: Record<string, string> } = {},
) {
  // No `integration-id`: the version is found by the manifest's name and version.
  const { workspace, manifest } = await exampleWorkspace(options.edit)
  return runAction({
    workspace,
    inputs: exampleInputs(api, options.secrets ?? { API_KEY }, { manifest, 'integration-id': '', ...extra }),
    ...(options.env && { env: options.env }),
  })
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)
const hasNull = (value: unknown): boolean => value === null || (typeof value === 'object' && Object.values(value as object).some(hasNull))

/** Version 1.4.0 as an earlier release left it: an action since dropped, and both secrets. */
function release140(overrides: Record<string, unknown> = {}) {
  return seedIntegration({
    version: '1.4.0',
    actions: {
      deleteLead: { title: 'Delete lead', description: '', billable: false, cacheable: false, input: { schema: {} }, output: { schema: {} }, attributes: {} },
    },
    secrets: ['API_KEY', 'WEBHOOK_SECRET'],
    ...overrides,
  })
}

describe('the first deploy of a new integration', () => {
  it('creates the version, sets what only an update can, and a second run updates it', async () => {
    api = await startBotpressApi()
    const first = await deploy()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(calls()).toEqual([
      `GET /v1/admin/workspaces/${api.workspaceId}`,
      `GET /v1/admin/integrations/${NAME}/1.4.0`,
      `GET /v1/admin/integrations/${NAME}/%3C1.4.0`,
      'POST /v1/admin/integrations',
      expect.stringMatching(/^PUT \/v1\/admin\/integrations\/intver_/),
    ])
    const create = api.requests[3]!
    // The whole body: maxExecutionTime waits for the update that follows, which alone may set it.
    const { maxExecutionTime: _later, ...definition } = await exampleDefinitionBody()
    expect(create.body).toEqual({ name: 'acme/acme-crm', version: '1.4.0', ...definition, secrets: { API_KEY } })
    expect(hasNull(create.body)).toBe(false)
    expect(api.requests[4]!.body).toEqual({ maxExecutionTime: 60 })

    const [created] = api.all()
    expect(created).toMatchObject({ name: 'acme/acme-crm', version: '1.4.0', maxExecutionTime: 60 })
    expect(api.secretValues(created!.id)).toEqual({ API_KEY })
    expect(first.outputs).toMatchObject({ operation: 'created', created: 'true', 'version-id': created!.id, name: 'acme/acme-crm', version: '1.4.0' })
    expect(first.stdout).toContain('::group::Plan: create acme/acme-crm@1.4.0\n')
    expect(first.stdout).toContain(`Created acme/acme-crm@1.4.0 (${created!.id})`)
    expect(first.summary).toContain('**✅ created**')
    expect(first.summary).toContain('### Plan: create `acme/acme-crm@1.4.0`')

    api.requests.length = 0
    const second = await deploy()
    expect(second.code).toBe(0)
    expect(calls()).toEqual([
      `GET /v1/admin/workspaces/${api.workspaceId}`,
      `GET /v1/admin/integrations/${NAME}/1.4.0`,
      `PUT /v1/admin/integrations/${created!.id}`,
    ])
    expect(second.outputs).toMatchObject({ operation: 'updated', created: 'false', 'version-id': created!.id })
    expect(api.all()).toHaveLength(1)
  })

  it('warns, naming the key, when Botpress refuses the update that follows the create', async () => {
    api = await startBotpressApi()
    // workspace, lookup, previous version, create: then the PUT of maxExecutionTime is refused.
    api.fail({}, {}, {}, {}, { status: 400, body: { id: 'err_mx', code: 400, type: 'InvalidPayload', message: 'maxExecutionTime is too large' } })
    const run = await deploy()
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::warning::acme\/acme-crm@1\.4\.0 was created, but Botpress refused maxExecutionTime in the update that follows: .*maxExecutionTime is too large/,
    )
    expect(run.outputs).toMatchObject({ operation: 'created', created: 'true' })
  })

  it('requests verification of a public version it creates: the release flow of a public integration', async () => {
    api = await startBotpressApi()
    const run = await deploy({ 'request-verification': 'true' }, { edit: (text) => text.replace('visibility: private', 'visibility: public') })
    expect(run.code).toBe(0)
    expect(calls().slice(3)).toEqual([
      'POST /v1/admin/integrations',
      expect.stringMatching(/^PUT /),
      'POST /v1/admin/integrations/request-verification',
      expect.stringMatching(/^GET \/v1\/admin\/integrations\/intver_/),
    ])
    expect(run.outputs).toMatchObject({ operation: 'created', 'verification-status': 'pending', visibility: 'public' })
  })

  it('in a dry run sends only the validation of the create', async () => {
    api = await startBotpressApi()
    const run = await deploy({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(calls().filter((call) => !call.startsWith('GET'))).toEqual(['POST /v1/admin/integrations/validate'])
    expect(api.all()).toEqual([])
    expect(run.outputs).toMatchObject({ operation: 'validated-create', created: 'false', 'dry-run': 'true', name: 'acme/acme-crm', version: '1.4.0' })
    expect(run.outputs['version-id']).toBeUndefined()
    expect(run.summary).toContain('**🧪 dry run: creation validated, nothing created**')
  })

  it('fails with if-missing: fail, and says how to create the version', async () => {
    api = await startBotpressApi()
    const run = await deploy({ 'if-missing': 'fail' })
    expect(run.code).toBe(1)
    expect(calls()).toEqual([`GET /v1/admin/workspaces/${api.workspaceId}`, `GET /v1/admin/integrations/${NAME}/1.4.0`])
    expect(run.stdout).toContain('acme/acme-crm@1.4.0 does not exist on Botpress, and `if-missing` is `fail`; nothing was sent.')
  })

  it('needs a required secret that neither the step nor a previous version has, before any write', async () => {
    api = await startBotpressApi()
    const run = await deploy({}, { secrets: {} })
    expect(run.code).toBe(1)
    expect(calls().every((call) => call.startsWith('GET'))).toBe(true)
    expect(run.stdout).toContain('No value for secret API_KEY')
  })
})

describe('a release tag', () => {
  it('creates 1.5.0 from tag v1.5.0, keeping the secrets of 1.4.0 and listing what it drops', async () => {
    const previous = release140()
    api = await startBotpressApi({ integrations: [previous], secretValues: { [previous.id]: { API_KEY: 'kept-key', WEBHOOK_SECRET: 'kept-webhook' } } })
    const run = await deploy(
      { 'expected-version': 'v1.5.0' },
      { edit: (text) => text.replace('version: 1.4.0', 'version: ${GITHUB_REF_NAME#v}'), env: { GITHUB_REF_NAME: 'v1.5.0' }, secrets: {} },
    )
    expect(run.code).toBe(0)
    expect(calls().slice(1, 4)).toEqual([
      `GET /v1/admin/integrations/${NAME}/1.5.0`,
      `GET /v1/admin/integrations/${NAME}/%3C1.5.0`,
      'POST /v1/admin/integrations',
    ])
    expect(api.requests[3]!.body.version).toBe('1.5.0')
    expect(api.requests[3]!.body.secrets).toBeUndefined()
    const created = api.all().find((i) => i.version === '1.5.0')!
    expect(api.secretValues(created.id)).toEqual({ API_KEY: 'kept-key', WEBHOOK_SECRET: 'kept-webhook' })
    expect(api.integration(previous.id)!.version).toBe('1.4.0')
    expect(run.stdout).toContain('::group::Plan: create acme/acme-crm@1.5.0 (previous version 1.4.0)')
    expect(run.stdout).toContain('dropped since 1.4.0: deleteLead')
    expect(run.summary).toContain('| | Added | Changed | Dropped since 1.4.0 |')
    expect(run.summary).toContain('| secrets |  | `API_KEY`, `WEBHOOK_SECRET` kept |  |')
    expect(run.outputs).toMatchObject({ operation: 'created', created: 'true', version: '1.5.0' })
  })

  it('stops before any request when expected-version is not the manifest version', async () => {
    api = await startBotpressApi()
    const run = await deploy({ 'expected-version': 'v1.5.0' })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('`expected-version` is 1.5.0 but integrations/acme-crm/integration.yml says version 1.4.0')
  })

  it('refuses a tag that is not a version, before any request', async () => {
    api = await startBotpressApi()
    const run = await deploy({}, { edit: (text) => text.replace('version: 1.4.0', 'version: ${GITHUB_REF_NAME#v}'), env: { GITHUB_REF_NAME: 'main' } })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('is "main", which is not a semantic version')
    // At its line and column, with the value interpolation gave it.
    expect(run.stdout).toMatch(
      /::error title=Invalid integration manifest,file=integrations\/acme-crm\/integration\.yml,line=6,col=10::version: is "main", which is not a semantic version such as 1\.5\.0/,
    )
  })
})

describe('names and handles', () => {
  it('gives a bare name the workspace handle', async () => {
    api = await startBotpressApi({ integrations: [release140()] })
    const run = await deploy({}, { edit: (text) => text.replace('name: acme/acme-crm', 'name: acme-crm') })
    expect(run.code).toBe(0)
    expect(calls()).toEqual([`GET /v1/admin/workspaces/${api.workspaceId}`, `GET /v1/admin/integrations/${NAME}/1.4.0`, expect.stringMatching(/^PUT /)])
  })

  it("refuses a name with another workspace's handle, naming both, before any write", async () => {
    api = await startBotpressApi()
    const run = await deploy({}, { edit: (text) => text.replace('name: acme/acme-crm', 'name: globex/acme-crm') })
    expect(run.code).toBe(1)
    expect(calls()).toEqual([`GET /v1/admin/workspaces/${api.workspaceId}`])
    expect(run.stdout).toContain('is "globex/acme-crm", with handle "globex", but this workspace\'s handle is "acme"')
  })

  it('with an id, matches a bare name against the remote name with its handle', async () => {
    const remote = release140()
    api = await startBotpressApi({ integrations: [remote] })
    const run = await deploy({ 'integration-id': remote.id }, { edit: (text) => text.replace('name: acme/acme-crm', 'name: acme-crm') })
    expect(run.code).toBe(0)
    expect(calls()).toEqual([`GET /v1/admin/integrations/${remote.id}`, `PUT /v1/admin/integrations/${remote.id}`])
  })

  it('with an id, fails on a name mismatch alone, before any write', async () => {
    const remote = release140({ name: 'acme/other-crm' })
    api = await startBotpressApi({ integrations: [remote] })
    const run = await deploy({ 'integration-id': remote.id })
    expect(run.code).toBe(1)
    expect(calls()).toEqual([`GET /v1/admin/integrations/${remote.id}`])
    expect(run.stdout).toContain('name is "acme/acme-crm" in integrations/acme-crm/integration.yml but "acme/other-crm" on Botpress')
    expect(run.stdout).not.toContain('version is')
  })

  it('needs an id, or a name and a version, before any request', async () => {
    api = await startBotpressApi()
    const run = await deploy({}, { edit: (text) => text.replace(/^version: .*\n/m, '') })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('says neither which version to deploy nor its id: set `name` and `version`')
  })
})

describe('public versions and breaking changes', () => {
  it('never updates a public version found by name, and says to bump the version', async () => {
    api = await startBotpressApi({ integrations: [release140({ visibility: 'public', public: true })] })
    const run = await deploy()
    expect(run.code).toBe(1)
    expect(calls().every((call) => call.startsWith('GET'))).toBe(true)
    expect(run.stdout).toContain('acme/acme-crm@1.4.0 is public, and Botpress does not update public or unlisted versions: bump `version`')
  })

  it('still validates it in a dry run, with a warning', async () => {
    const remote = release140({ visibility: 'unlisted' })
    api = await startBotpressApi({ integrations: [remote], updatablePublic: true })
    const run = await deploy({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(calls().at(-1)).toBe(`PUT /v1/admin/integrations/${remote.id}/validate`)
    expect(run.stdout).toMatch(/::warning::acme\/acme-crm@1\.4\.0 is unlisted, and Botpress does not update/)
  })

  it('with an id, attempts the update and explains the refusal', async () => {
    const remote = release140({ visibility: 'public', public: true })
    api = await startBotpressApi({ integrations: [remote] })
    const run = await deploy({ 'integration-id': remote.id })
    expect(run.code).toBe(1)
    expect(calls()).toEqual([`GET /v1/admin/integrations/${remote.id}`, `PUT /v1/admin/integrations/${remote.id}`])
    expect(run.stdout).toContain('failed: HTTP 403 Forbidden')
    expect(run.stdout).toContain('bump `version` in integrations/acme-crm/integration.yml to publish a new one')
  })

  it('sends the bypass header on the write with bypass-breaking-changes', async () => {
    const remote = release140({ visibility: 'public', public: true, verificationStatus: 'approved' })
    api = await startBotpressApi({ integrations: [remote], updatablePublic: true })
    const run = await deploy({ 'integration-id': remote.id, 'bypass-breaking-changes': 'true' })
    expect(run.code).toBe(0)
    expect(api.requests[0]!.headers['x-bypass-breaking-changes-detection']).toBeUndefined()
    expect(api.requests[1]!.headers['x-bypass-breaking-changes-detection']).toBe('true')
    expect(api.integration(remote.id)!.actions.deleteLead).toBeUndefined()
  })
})

describe('two runs creating the same version at once', () => {
  it('the loser reads the version again and updates it, once', async () => {
    api = await startBotpressApi()
    const winner = release140({ version: '1.4.0' })
    api.before('POST /v1/admin/integrations', () => api.add(winner))
    const run = await deploy()
    expect(run.code).toBe(0)
    expect(calls().slice(3)).toEqual(['POST /v1/admin/integrations', `GET /v1/admin/integrations/${NAME}/1.4.0`, `PUT /v1/admin/integrations/${winner.id}`])
    expect(run.stdout).toContain('::warning::acme/acme-crm@1.4.0 was created by another run since this one looked; updating it instead.')
    expect(run.outputs).toMatchObject({ operation: 'updated', created: 'false', 'version-id': winner.id })
    expect(api.all()).toHaveLength(1)
    // Updated with prune, as any update: the winner's extra action is gone.
    expect(api.integration(winner.id)!.actions.deleteLead).toBeUndefined()
  })
})

describe('interfaces by name', () => {
  const withInterface = (text: string) =>
    `${text}\ninterfaces:\n  leads:\n    name: lead-sync\n    version: ^1.0.0\n    actions:\n      syncLead:\n        name: createLead\n`
  const IFACE_WS = 'iface_01WORKSPACELEADSYNC0000000'
  const IFACE_HUB = 'iface_01HUBLEADSYNC000000000000'

  it("resolves the id from the workspace's interfaces first, and sends the id only", async () => {
    api = await startBotpressApi({
      interfaces: [
        { id: IFACE_WS, name: 'lead-sync', version: '1.2.0' },
        { id: IFACE_HUB, name: 'lead-sync', version: '1.3.0', public: true },
      ],
    })
    const run = await deploy({}, { edit: withInterface })
    expect(run.code).toBe(0)
    expect(calls()).toContain(`GET /v1/admin/interfaces/lead-sync/${encodeURIComponent('^1.0.0')}`)
    expect(calls()).not.toContain(`GET /v1/admin/hub/interfaces/lead-sync/${encodeURIComponent('^1.0.0')}`)
    const create = api.requests.find((r) => r.method === 'POST')!
    expect(create.body.interfaces).toEqual({ leads: { id: IFACE_WS, actions: { syncLead: { name: 'createLead' } } } })
  })

  it("falls back to the hub's public interfaces", async () => {
    api = await startBotpressApi({ interfaces: [{ id: IFACE_HUB, name: 'lead-sync', version: '1.3.0', public: true }] })
    const run = await deploy({}, { edit: withInterface })
    expect(run.code).toBe(0)
    expect(api.requests.find((r) => r.method === 'POST')!.body.interfaces.leads.id).toBe(IFACE_HUB)
  })

  it('reports an interface that does not exist at its line, and writes nothing', async () => {
    api = await startBotpressApi({ interfaces: [{ id: IFACE_HUB, name: 'lead-sync', version: '2.0.0', public: true }] })
    const run = await deploy({}, { edit: withInterface })
    expect(run.code).toBe(1)
    expect(calls().every((call) => call.startsWith('GET'))).toBe(true)
    expect(run.stdout).toMatch(
      /::error title=Invalid integration manifest,file=integrations\/acme-crm\/integration\.yml,line=12\d,col=3::interfaces\.leads: no interface lead-sync@\^1\.0\.0/,
    )
  })

  it('refuses an entry with both an id and a name, before any request', async () => {
    api = await startBotpressApi()
    const run = await deploy({}, { edit: (text) => `${withInterface(text)}    id: ${IFACE_HUB}\n` })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(visibleLog(run.stdout)).toContain('interfaces.leads: give either `id`, or `name` and `version`, not both')
  })
})
