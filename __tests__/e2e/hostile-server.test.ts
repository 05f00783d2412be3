import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// A Botpress API, or something in front of it, that answers in ways meant to
// hang the step, lead the token elsewhere, or make it repeat what it did.

let api: Awaited<ReturnType<typeof startBotpressApi>>
beforeEach(async () => {
  api = await startBotpressApi({ integrations: [seedIntegration({ id: EXAMPLE_ID })] })
})
afterEach(async () => {
  await api.close()
})

async function deploy(extra: Record<string, string> = {}, edit?: (manifest: string) => string) {
  const { workspace, manifest } = await exampleWorkspace(edit)
  return runAction({ workspace, inputs: exampleInputs(api, { API_KEY: 'sk_test_hostile_server' }, { manifest, ...extra }) })
}
const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)
const PUT = `PUT /v1/admin/integrations/${EXAMPLE_ID}`

describe('answers that stop halfway', () => {
  it('are noticed at once and retried, not waited out', async () => {
    api.fail({}, { resetMidBody: true })
    const run = await deploy({ timeout: '120' })
    expect(run.code).toBe(0)
    expect(calls()).toEqual([`GET /v1/admin/integrations/${EXAMPLE_ID}`, PUT, PUT])
    expect(run.stdout).toMatch(/PUT .*: (aborted|the connection closed before the whole answer came) \(attempt 1 of 4\)/)
    expect(run.durationMs).toBeLessThan(20_000)
  })
})

describe('redirects', () => {
  it('to the same origin are followed, with the body sent again', async () => {
    api.fail({}, { status: 307, headers: { location: `${api.url}/v1/admin/integrations/${EXAMPLE_ID}?moved=1` }, body: '' })
    const run = await deploy()
    expect(run.code).toBe(0)
    expect(calls()).toEqual([`GET /v1/admin/integrations/${EXAMPLE_ID}`, PUT, PUT])
    expect(api.requests[2]!.body.title).toBe('Acme CRM')
  })

  it('to another origin or port are not followed, and get no token', async () => {
    const elsewhere = await startBotpressApi()
    try {
      api.fail({}, { status: 307, headers: { location: `${elsewhere.url}/v1/admin/integrations/${EXAMPLE_ID}` }, body: '' })
      const run = await deploy()
      expect(run.code).toBe(1)
      expect(elsewhere.requests).toEqual([])
      expect(run.stdout).toContain(`answered with a redirect to ${elsewhere.url}; not followed, since the token goes with every request`)
    } finally {
      await elsewhere.close()
    }
  })
})

describe('answers about another integration', () => {
  it.each([
    ['the read', () => api.fail({ status: 200, body: { integration: seedIntegration({ id: 'intver_01OTHERINTEGRATION000000' }) } })],
    ['the update', () => api.fail({}, { status: 200, body: { integration: seedIntegration({ id: 'intver_01OTHERINTEGRATION000000' }) } })],
  ])('fail the run at %s, and never become the outputs', async (when, inject) => {
    inject()
    const run = await deploy()
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('answered with another integration (acme/acme-crm@1.4.0, intver_01OTHERINTEGRATION000000)')
    // A failed run's outputs hold only what a checked answer gave before the failure: the read's version, never the other one.
    expect(run.outputs.operation).toBe('failed')
    const { error, ...outputs } = run.outputs
    expect(error).toContain('answered with another integration')
    expect(JSON.stringify(outputs)).not.toContain('intver_01OTHERINTEGRATION000000')
    expect(run.outputs['version-id']).toBe(when === 'the update' ? EXAMPLE_ID : undefined)
  })
})

describe('answers about the right id', () => {
  it.each([
    ['another name', { name: 'evil-crm' }],
    ['another version', { version: '9.9.9' }],
  ])('but %s fail the update, and never become the outputs', async (_what, change) => {
    api.fail({}, { status: 200, body: { integration: seedIntegration({ id: EXAMPLE_ID, ...change }) } })
    const run = await deploy()
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('answered with another integration')
    expect(run.stdout).not.toContain('Deployed evil-crm')
    // The outputs are the version the read found and checked, not the update's answer.
    expect(run.outputs).toMatchObject({ operation: 'failed', 'version-id': EXAMPLE_ID, name: 'acme/acme-crm', version: '1.4.0' })
    const { error: _error, ...outputs } = run.outputs
    expect(JSON.stringify(outputs)).not.toMatch(/evil-crm|9\.9\.9/)
  })

  it.each([
    ['id', { id: 'intver_01 ##[error]PWNED' }, 'id: is not a Botpress id'],
    ['updatedAt', { updatedAt: 'yesterday, more or less' }, 'updatedAt: is not an ISO 8601 date and time'],
    ['verificationStatus', { verificationStatus: 'approved-by-me' }, 'verificationStatus: Invalid option'],
    ['name', { name: 'acme/acme-crm\n::error::x' }, 'name: is not an integration name'],
  ])('whose %s is not what its name says fail the run as a bad answer, before any output', async (_field, change, message) => {
    // The read answers it: the run stops before the update.
    api.fail({ status: 200, body: { integration: { ...seedIntegration({ id: EXAMPLE_ID }), ...change } } })
    const run = await deploy()
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('answered with an unexpected body; nothing was written as outputs.')
    expect(run.stdout).toContain(message)
    expect(run.stdout).not.toContain('PWNED')
    expect(run.outputs['version-id']).toBeUndefined()
    expect(run.outputs['updated-at']).toBeUndefined()
    expect(calls()).toEqual([`GET /v1/admin/integrations/${EXAMPLE_ID}`])
  })
})

describe('request-verification', () => {
  it('is not asked again when its first answer came too late but was applied', async () => {
    const remote = seedIntegration({ id: EXAMPLE_ID, visibility: 'public', public: true })
    await api.close()
    api = await startBotpressApi({ integrations: [remote], updatablePublic: true })
    // GET, PUT, then the request-verification POST answers after the timeout.
    api.fail({}, {}, { delayMs: 1200 })
    const run = await deploy({ timeout: '1', 'request-verification': 'true' }, (text) => text.replace('visibility: private', 'visibility: public'))
    expect(run.code).toBe(0)
    expect(calls().filter((call) => call.startsWith('POST'))).toEqual(['POST /v1/admin/integrations/request-verification'])
    expect(run.outputs['verification-status']).toBe('pending')
  })
})
