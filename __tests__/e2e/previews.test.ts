import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction } from '../support/runner.mjs'
import { exampleDefinitionBody, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// `preview: true`: a pull request's own private version, created on its first push and updated on the next.

const API_KEY = 'sk_live_preview_api_key_0001'
const NAME = encodeURIComponent('acme/acme-crm')
let api: Awaited<ReturnType<typeof startBotpressApi>>

/** Release 1.4.0, public, with both secrets; and pull request 41's preview of 1.5.0, which is never the previous version. */
const release = seedIntegration({ id: 'intver_01PREVIEWRELEASE14000000', version: '1.4.0', visibility: 'public', secrets: ['API_KEY', 'WEBHOOK_SECRET'] })
const otherPreview = seedIntegration({ id: 'intver_01PREVIEWOFPR410000000', version: '1.5.0-pr.41', secrets: ['OTHER'] })

beforeEach(async () => {
  api = await startBotpressApi({ integrations: [release, otherPreview] })
})
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

async function pullRequest(action = 'synchronize') {
  const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
  return { name: 'pull_request', payload: { ...payload, action } }
}

/** The example, bumped to 1.5.0 in the pull request, and made public: a preview must not be. */
const bumped = (text: string) => text.replace('version: 1.4.0', 'version: 1.5.0').replace('visibility: private', 'visibility: public')

async function preview(extra: Record<string, string> = {}, action = 'synchronize', edit = bumped) {
  const { workspace, manifest } = await exampleWorkspace(edit)
  return runAction({
    workspace,
    inputs: exampleInputs(api, { API_KEY }, { manifest, 'integration-id': '', preview: 'true', ...extra }),
    event: await pullRequest(action),
  })
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)

describe('a pull request preview', () => {
  it('creates the pull request’s private version beside the release below, then updates it on the next push', async () => {
    const first = await preview({ 'request-verification': 'true' })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(calls()).toEqual([
      `GET /v1/admin/workspaces/${api.workspaceId}`,
      `GET /v1/admin/integrations/${NAME}/1.5.0-pr.42`,
      `GET /v1/admin/integrations/${NAME}/%3C1.5.0`,
      'POST /v1/admin/integrations',
      expect.stringMatching(/^PUT \/v1\/admin\/integrations\/intver_/),
    ])
    const { maxExecutionTime: _later, visibility: _public, ...definition } = await exampleDefinitionBody()
    // Private by leaving visibility out; API_KEY sent, WEBHOOK_SECRET kept from 1.4.0 by Botpress, PR 41's secret never.
    expect(api.requests[3]!.body).toEqual({ name: 'acme/acme-crm', version: '1.5.0-pr.42', ...definition, secrets: { API_KEY } })
    const created = api.all().find((i) => i.version === '1.5.0-pr.42')!
    expect(created.visibility).toBe('private')
    expect(first.outputs).toMatchObject({ operation: 'created', 'preview-version': '1.5.0-pr.42', version: '1.5.0-pr.42', 'version-id': created.id })
    expect(first.stdout).toContain('::notice::A preview is always private: `visibility: public` in integrations/acme-crm/integration.yml is not sent.')
    expect(first.stdout).toContain('::notice::`request-verification` is ignored for a preview: only public versions are verified.')
    expect(first.stdout).toContain('::group::Plan: create acme/acme-crm@1.5.0-pr.42 (previous version 1.4.0)')
    expect(calls()).not.toContain('POST /v1/admin/integrations/request-verification')

    api.requests.length = 0
    const second = await preview()
    expect(second.code).toBe(0)
    expect(calls()).toEqual([
      `GET /v1/admin/workspaces/${api.workspaceId}`,
      `GET /v1/admin/integrations/${NAME}/1.5.0-pr.42`,
      `PUT /v1/admin/integrations/${created.id}`,
    ])
    expect(api.requests[2]!.body.visibility).toBeUndefined()
    expect(second.outputs).toMatchObject({ operation: 'updated', created: 'false', 'preview-version': '1.5.0-pr.42', 'version-id': created.id })
  })

  it('appends to a pre-release version, and follows the preview-version pattern', async () => {
    const beta = await preview({}, 'synchronize', (text) => text.replace('version: 1.4.0', 'version: 2.0.0-beta.1'))
    expect(beta.code).toBe(0)
    expect(beta.outputs['preview-version']).toBe('2.0.0-beta.1.pr.42')
    const patterned = await preview({ 'preview-version': '{version}-preview.{number}.{sha}' })
    expect(patterned.code).toBe(0)
    expect(patterned.outputs['preview-version']).toBe('1.5.0-preview.42.9b1c7e2')
    expect(api.all().map((i) => i.version)).toEqual(expect.arrayContaining(['2.0.0-beta.1.pr.42', '1.5.0-preview.42.9b1c7e2']))
  })

  it('refuses, before any request, a pattern that is not a version, a dry run, and a push event', async () => {
    const pattern = await preview({ 'preview-version': '{version}.{number}' })
    expect(pattern.code).toBe(1)
    expect(pattern.stdout).toContain('`preview-version` "{version}.{number}" gives "1.5.0.42", which is not a semantic version with a pre-release of its own')
    const dryRun = await preview({ 'dry-run': 'true' })
    expect(dryRun.stdout).toContain('::error::Inputs `preview` and `dry-run` are both true')
    const { workspace, manifest } = await exampleWorkspace(bumped)
    const push = await runAction({ workspace, inputs: exampleInputs(api, { API_KEY }, { manifest, 'integration-id': '', preview: 'true' }) })
    expect(push.code).toBe(1)
    expect(push.stdout).toContain('::error::Input `preview` is true on a push event: previews are versions of a pull request')
    expect(api.requests).toEqual([])
  })
})
