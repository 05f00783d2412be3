import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleDefinitionBody, exampleInputs, exampleWorkspace } from '../support/workspace.js'

type Api = Awaited<ReturnType<typeof startBotpressApi>>
const API_KEY = 'sk_live_51HxT9cKq-secret-api-key'
const MULTILINE = '-----BEGIN KEY-----\nMIIBVwIBADANBgkqhkiG9w0BAQ\n-----END KEY-----'

let api: Api

function remote(overrides: Record<string, unknown> = {}) {
  return seedIntegration({
    id: EXAMPLE_ID,
    title: 'Acme CRM (old)',
    actions: {
      deleteLead: { title: 'Delete lead', description: '', billable: false, cacheable: false, input: { schema: {} }, output: { schema: {} }, attributes: {} },
    },
    channels: {
      leadNotes: {
        title: 'Lead notes',
        description: '',
        messages: { text: { schema: {} }, image: { schema: {} } },
        conversation: { creation: { enabled: false, requiredTags: [] }, tags: { leadId: {}, legacyId: {} } },
        message: { tags: {} },
      },
    },
    secrets: ['LEGACY_TOKEN'],
    ...overrides,
  })
}

beforeEach(async () => {
  api = await startBotpressApi({ integrations: [remote()] })
})
afterEach(async () => {
  expect(api.ownViolations).toEqual([])
  await api.close()
})

function inputs(extra: Record<string, string> = {}) {
  return exampleInputs(api, { API_KEY, GITHUB_TOKEN: 'ghs_unrelated' }, extra)
}

function expectNoLeak(run: Awaited<ReturnType<typeof runAction>>, values: string[]) {
  const visible = [visibleLog(run.stdout), run.stderr, JSON.stringify(run.outputs), run.summary]
  for (const value of values) {
    for (const text of visible) expect(text).not.toContain(value)
  }
}

describe('a deploy of the example integration', () => {
  it('reads the integration, sends one conforming PUT and writes outputs and summary', async () => {
    const run = await runAction({ inputs: inputs() })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/admin/integrations/${EXAMPLE_ID}`, `PUT /v1/admin/integrations/${EXAMPLE_ID}`])
    const put = api.requests[1]!
    expect(put.violations).toEqual([])
    expect(put.headers.authorization).toBe(`Bearer ${api.token}`)
    expect(put.headers['x-workspace-id']).toBe(api.workspaceId)
    expect(put.headers['content-type']).toMatch(/^application\/json/)
    expect(put.headers['user-agent']).toMatch(/^deploy-botpress-integration\/\d+\.\d+\.\d+/)

    // The whole body: the manifest's definition, and null for what the server has beyond it.
    const manifest = await exampleDefinitionBody()
    const leadNotes = manifest.channels.leadNotes
    expect(put.body).toEqual({
      ...manifest,
      actions: { ...manifest.actions, deleteLead: null },
      channels: {
        leadNotes: {
          ...leadNotes,
          messages: { ...leadNotes.messages, image: null },
          conversation: { tags: { ...leadNotes.conversation.tags, legacyId: null } },
        },
      },
      secrets: { API_KEY, LEGACY_TOKEN: null },
    })

    const stored = api.integration(EXAMPLE_ID)!
    expect(Object.keys(stored.actions).sort()).toEqual(['createLead', 'getLead'])
    expect(stored.secrets).toEqual(['API_KEY'])
    expect(api.secretValues(EXAMPLE_ID)).toEqual({ API_KEY })

    expect(run.outputs).toMatchObject({
      'version-id': EXAMPLE_ID,
      'verification-status': 'unapproved',
      'dry-run': 'false',
      name: 'acme/acme-crm',
      version: '1.4.0',
      visibility: 'private',
      'updated-at': stored.updatedAt,
    })
    expect(JSON.parse(run.outputs.integration!).title).toBe('Acme CRM')
    expect(run.summary).toContain('## Acme CRM — `acme/acme-crm@1.4.0`')
    expect(run.summary).toContain('| actions | `createLead`, `getLead` |  | `deleteLead` |')
    expect(run.stdout).toContain('::warning::Secret WEBHOOK_SECRET is optional and has no value')
    expect(run.stdout).toContain(`::add-mask::${API_KEY}`)
    expect(run.stdout).toMatch(new RegExp(`::debug::PUT /v1/admin/integrations/${EXAMPLE_ID} → HTTP 200 in \\d+ ms \\(\\d+ bytes sent\\)`))
    expectNoLeak(run, [API_KEY, api.token])
  })

  it('streams a code bundle of several megabytes intact', async () => {
    const code = `// é 中文 🎉 "quotes" \\ \u2028\n${'exports.f = () => "x\\ty";\n'.repeat(200_000)}`
    const { workspace, manifest } = await exampleWorkspace()
    await writeFile(path.join(workspace, 'integrations/acme-crm/build/index.js'), code)
    const run = await runAction({ workspace, inputs: inputs({ manifest }) })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(api.requests[1]!.body))))
    expect(api.requests[1]!.body.code).toBe(code)
  })

  it('in a dry run validates the same body and changes nothing', async () => {
    const before = api.integration(EXAMPLE_ID)!
    const run = await runAction({ inputs: inputs({ 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/admin/integrations/${EXAMPLE_ID}`,
      `PUT /v1/admin/integrations/${EXAMPLE_ID}/validate`,
    ])
    expect(api.requests[1]!.violations).toEqual([])
    expect(api.requests[1]!.body.actions.deleteLead).toBeNull()
    expect(api.integration(EXAMPLE_ID)).toEqual(before)
    expect(run.outputs['dry-run']).toBe('true')
    expect(run.outputs['updated-at']).toBe(before.updatedAt)
    expect(run.summary).toContain('dry run: update validated, not applied')
  })

  it('with prune: false sends no deletions', async () => {
    const run = await runAction({ inputs: inputs({ prune: 'false' }) })
    expect(run.code).toBe(0)
    const body = api.requests[1]!.body
    const hasNull = (value: unknown): boolean => value === null || (typeof value === 'object' && Object.values(value as object).some(hasNull))
    expect(hasNull(body)).toBe(false)
    expect(Object.keys(api.integration(EXAMPLE_ID)!.actions).sort()).toEqual(['createLead', 'deleteLead', 'getLead'])
  })

  it('takes SECRET_<NAME> from the environment over the secrets input, and masks every line of it', async () => {
    const run = await runAction({ inputs: inputs(), env: { SECRET_API_KEY: MULTILINE, SECRET_WEBHOOK_SECRET: 'whsec_abc123def456' } })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.body.secrets).toEqual({ API_KEY: MULTILINE, WEBHOOK_SECRET: 'whsec_abc123def456', LEGACY_TOKEN: null })
    for (const line of MULTILINE.split('\n')) expect(run.stdout).toContain(`::add-mask::${line}`)
    expectNoLeak(run, ['MIIBVwIBADANBgkqhkiG9w0BAQ', 'whsec_abc123def456'])
  })

  it('warns of a SECRET_* variable that is close to a declared secret left without a value', async () => {
    const run = await runAction({ inputs: inputs(), env: { SECRET_WEBHOOK_SECRT: 'rotated-webhook-secret' } })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      "::warning::Secret WEBHOOK_SECRET has no value in this run, but the step's env has SECRET_WEBHOOK_SECRT, which is close: if SECRET_WEBHOOK_SECRT was meant for WEBHOOK_SECRET, rename it",
    )
  })

  it('reads secrets under a prefix and ignores the others', async () => {
    const secrets = JSON.stringify({ API_KEY: 'staging-value', PROD_API_KEY: 'prod-value' })
    const run = await runAction({ inputs: inputs({ secrets, 'secrets-prefix': 'PROD_' }) })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.body.secrets.API_KEY).toBe('prod-value')
  })

  it('leaves out a secret the server already has when no value is given', async () => {
    await api.close()
    api = await startBotpressApi({ integrations: [remote({ secrets: ['API_KEY'] })], secretValues: { [EXAMPLE_ID]: { API_KEY: 'kept' } } })
    const run = await runAction({ inputs: inputs({ secrets: '' }) })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.body.secrets).toBeUndefined()
    expect(api.secretValues(EXAMPLE_ID)).toEqual({ API_KEY: 'kept' })
    expect(run.summary).toContain('`API_KEY` kept')
  })
})

describe('a run that must not send anything', () => {
  it('lists every missing secret and how to provide it, after the GET only', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) => text.replace('secrets:\n', 'secrets:\n  crmRegion: {}\n'))
    const run = await runAction({ workspace, inputs: inputs({ manifest, secrets: '{}' }) })
    expect(run.code).toBe(1)
    expect(api.requests.map((r) => r.method)).toEqual(['GET'])
    expect(run.stdout).toContain('No value for secrets CRM_REGION, API_KEY')
    expect(run.stdout).toContain('SECRET_CRM_REGION: ${{ secrets.CRM_REGION }}')
    expect(run.stdout).toContain('secrets: ${{ toJSON(secrets) }}')
  })

  it('reports every manifest problem at once, with file, line and column annotations', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) =>
      text
        .replace('title: Acme CRM\n', `titel: Acme CRM\n`)
        .replace('    title: Get lead\n', `    title: ${'G'.repeat(70)}\n`)
        .replace('  syncCursor:\n    type: integration\n', '  syncCursor:\n    type: bot\n')
        .replace('readme: hub.md', 'readme: missing.md'),
    )
    const run = await runAction({ workspace, inputs: inputs({ manifest }) })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error title=Invalid integration manifest,'))
    const at = 'title=Invalid integration manifest,file=integrations/acme-crm/integration.yml'
    // In the order of the file, each where an editor would put the cursor.
    expect(annotations).toEqual([
      `::error ${at},line=8,col=1::titel: unknown key \`titel\`; did you mean \`title\`?`,
      `::error ${at},line=16,col=9::readme: cannot read integrations/acme-crm/missing.md (no such file); fix the path (it is relative to the manifest)`,
      `::error ${at},line=54,col=12::actions.getLead.title: must be at most 64 characters long (it has 70)`,
      `::error ${at},line=81,col=11::states.syncCursor.type: must be one of: conversation, user, integration`,
    ])
    expect(run.stdout).toContain('::error::integrations/acme-crm/integration.yml has 4 problems; nothing was sent')
    expect(run.summary).toMatch(/^## Deploy Botpress integration — `acme\/acme-crm@1\.4\.0`\n\n\*\*❌ failed\*\*/)
    expect(run.summary).toContain('integrations/acme-crm/integration.yml:8:1: titel: unknown key `titel`')
  })

  it('refuses a manifest that holds a secret value, without showing it', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) =>
      text.replace('  apiKey:\n    description: Acme CRM API key, from Settings → API.\n', '  apiKey: sk_live_committed_value_123\n'),
    )
    const run = await runAction({ workspace, inputs: inputs({ manifest }) })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('secrets.apiKey: holds a value; secret values are never committed')
    expect(run.stdout + run.summary).not.toContain('sk_live_committed_value_123')
  })

  it('stops before the PUT when the id points at another integration version', async () => {
    await api.close()
    api = await startBotpressApi({ integrations: [remote({ version: '1.3.2' })] })
    const run = await runAction({ inputs: inputs() })
    expect(run.code).toBe(1)
    expect(api.requests.map((r) => r.method)).toEqual(['GET'])
    expect(run.stdout).toContain('version is "1.4.0" in examples/acme-crm/integration.yml but "1.3.2" on Botpress')
    expect(run.summary).toContain('❌ failed')
  })

  it('refuses plain http to a host that is not loopback', async () => {
    const run = await runAction({ inputs: inputs({ 'api-url': 'http://api.botpress.example' }) })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('uses plain http (api.botpress.example): the token would travel in clear')
  })

  it('explains an empty token', async () => {
    const run = await runAction({ inputs: inputs({ token: '' }) })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Input `token` is empty')
    expect(api.requests).toEqual([])
  })
})

describe('requests that fail', () => {
  it('retries 503, 429 with Retry-After, a dropped connection and a timeout, then succeeds', async () => {
    api.fail({ status: 503 }, { status: 429, headers: { 'retry-after': '0' } })
    // the PUT: dropped once, then too slow once
    const run1 = await runAction({ inputs: inputs({ 'max-attempts': '3' }) })
    expect(run1.code).toBe(0)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'PUT'])
    expect(run1.stdout).toMatch(/::warning::Reading integration .*HTTP 503 \(attempt 1 of 3\); retrying in/)

    api.requests.length = 0
    api.fail({}, { drop: true }, { delayMs: 3000 })
    const run2 = await runAction({ inputs: inputs({ timeout: '1' }) })
    expect(run2.code).toBe(0)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'PUT', 'PUT'])
    expect(run2.stdout).toMatch(/socket hang up|ECONNRESET/)
    expect(run2.stdout).toContain('no complete answer within 1 s')
  })

  it('closes a request that times out while the answer trickles in', async () => {
    // Bytes keep coming, so only the whole-request timeout can end it.
    api.fail({}, { trickleMs: 4000 })
    const run = await runAction({ inputs: inputs({ timeout: '1' }) })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('no complete answer within 1 s')
    expect(api.requests.map((r) => Boolean(r.abandoned))).toEqual([false, true, false])
  })

  it('gives up after max-attempts and says why', async () => {
    api.fail({ status: 502, body: '<html><body>' + 'Bad gateway '.repeat(100) + '</body></html>' }, { status: 502, body: '<html>' + 'x'.repeat(600) })
    const run = await runAction({ inputs: inputs({ 'max-attempts': '2' }) })
    expect(run.code).toBe(1)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
    expect(run.stdout).toContain(`::error::Reading integration ${EXAMPLE_ID} (GET /v1/admin/integrations/${EXAMPLE_ID}) failed: HTTP 502`)
    expect(run.stdout).toContain('(606 characters in all)')
  })

  it('does not retry a 401 and says what to check', async () => {
    const run = await runAction({ inputs: inputs({ token: 'bp_pat_wrong' }) })
    expect(run.code).toBe(1)
    expect(api.requests).toHaveLength(1)
    expect(run.stdout).toContain('failed: HTTP 401 Unauthorized')
    expect(run.stdout).toContain('Botpress says: Invalid or expired token')
    expect(run.stdout).toMatch(/Error id: err_[0-9a-f]+/)
    expect(run.stdout).toContain('check that the `token` secret holds a valid Botpress personal access token')
  })

  it('writes no outputs from an answer that is not an integration', async () => {
    api.fail({}, { status: 200, body: { integration: { id: EXAMPLE_ID, name: 'acme/acme-crm' } } })
    const run = await runAction({ inputs: inputs() })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      `Updating integration ${EXAMPLE_ID} (PUT /v1/admin/integrations/${EXAMPLE_ID}) answered with an unexpected body; nothing was written as outputs.`,
    )
    expect(run.stdout).toMatch(/integration\.verificationStatus: Invalid/)
    // What the GET found before the failure is an output; nothing of the answer that failed is.
    expect(run.outputs).toEqual({
      operation: 'failed',
      created: 'false',
      'dry-run': 'false',
      error: `Updating integration ${EXAMPLE_ID} (PUT /v1/admin/integrations/${EXAMPLE_ID}) answered with an unexpected body; nothing was written as outputs.`,
      'version-id': EXAMPLE_ID,
      'verification-status': 'unapproved',
      name: 'acme/acme-crm',
      version: '1.4.0',
      visibility: 'private',
      skipped: 'false',
    })
  })

  it('names the manifest’s version in the outputs of a run that failed before Botpress answered', async () => {
    const run = await runAction({ inputs: inputs({ 'integration-id': '', 'expected-version': '2.0.0' }) })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.outputs).toMatchObject({ operation: 'failed', created: 'false', name: 'acme/acme-crm', version: '1.4.0' })
    expect(run.outputs.error).toBe(
      '`expected-version` is 2.0.0 but examples/acme-crm/integration.yml says version 1.4.0: bump `version` in the manifest (or write `version: ${GITHUB_REF_NAME#v}`) so that the tag and the manifest agree. Nothing was sent.',
    )
    expect(run.outputs['version-id']).toBeUndefined()
  })

  it('scrubs secret values that an error message echoes', async () => {
    api.fail({}, { status: 400, body: { id: 'err_1', code: 400, type: 'InvalidPayload', message: `secrets.API_KEY "${API_KEY}" is not accepted` } })
    const run = await runAction({ inputs: inputs() })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Botpress says: secrets.API_KEY "***" is not accepted')
    expectNoLeak(run, [API_KEY])
  })

  it('explains a BreakingChanges refusal', async () => {
    await api.close()
    api = await startBotpressApi({ integrations: [remote({ visibility: 'public', public: true, verificationStatus: 'approved' })], updatablePublic: true })
    const run = await runAction({ inputs: inputs() })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('failed: HTTP 400 BreakingChanges')
    expect(run.stdout).toContain('Publish them as a new version (bump `version`; a new major version for breaking changes)')
    expect(run.stdout).toContain('set `bypass-breaking-changes: true`')
    expect(run.summary).toContain('❌ failed')
  })
})
