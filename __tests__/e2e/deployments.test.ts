import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// `environment`: each deploy recorded as a GitHub deployment, with its statuses; a preview's marked inactive when it closes.

const API_KEY = 'sk_live_deployment_api_key_01'
const PUSH_SHA = '4f2a9c1d3b5e7f9a0c2e4f6a8b0d2c4e6f8a0b1c'
const HEAD_SHA = '9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f'
const RUN_URL = 'https://github.com/acme/acme-crm/actions/runs/1234567890'
let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>

beforeEach(async () => {
  api = await startBotpressApi({
    integrations: [
      seedIntegration({ id: EXAMPLE_ID }),
      seedIntegration({ id: 'intver_01DEPLOYRELEASE140000000', version: '1.4.0', name: 'acme/acme-crm', visibility: 'public', secrets: ['API_KEY'] }),
    ],
  })
  github = await startGitHubApi()
})
afterEach(async () => {
  await Promise.all([api.close(), github.close()])
  expect(api.ownViolations).toEqual([])
})

const env = () => ({ GITHUB_API_URL: github.url })

async function pullRequest(action: string) {
  const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
  return { name: 'pull_request', payload: { ...payload, action } }
}

async function previewRun(action: string, extra: Record<string, string> = {}) {
  const { workspace, manifest } = await exampleWorkspace((text) => text.replace('version: 1.4.0', 'version: 1.5.0'))
  return runAction({
    workspace,
    inputs: exampleInputs(api, { API_KEY }, { manifest, 'integration-id': '', preview: 'true', 'github-token': github.token, ...extra }),
    env: env(),
    event: await pullRequest(action),
  })
}

describe('GitHub deployments', () => {
  it('records a push’s deploy in its environment: in progress before the write, then success with the version’s dashboard link', async () => {
    // What GitHub had been told when the write reached Botpress.
    let statesAtWrite: string[] = []
    api.before(`PUT /v1/admin/integrations/${EXAMPLE_ID}`, () => {
      statesAtWrite = github.deployments.flatMap((d) => github.statuses(d.id).map((s) => s.state))
    })
    const result = await runAction({ inputs: exampleInputs(api, { API_KEY }, { environment: 'production', 'github-token': github.token }), env: env() })
    expect(result.stderr).toBe('')
    expect(statesAtWrite).toEqual(['in_progress'])
    expect(result.code).toBe(0)
    const [deployment] = github.deployments
    expect(deployment!.request).toEqual({
      ref: PUSH_SHA,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
      description: 'acme/acme-crm@1.4.0',
    })
    expect(github.statuses(deployment!.id)).toEqual([
      expect.objectContaining({ state: 'in_progress', log_url: RUN_URL }),
      {
        id: expect.any(Number),
        state: 'success',
        description: 'Deployed acme/acme-crm@1.4.0',
        log_url: RUN_URL,
        environment_url: `https://app.botpress.cloud/workspaces/${api.workspaceId}/integrations/${EXAMPLE_ID}`,
      },
    ])
    expect(result.outputs['deployment-id']).toBe(String(deployment!.id))
  })

  it('records a failed deploy as a failure, without a link', async () => {
    const refusal = { status: 400, body: { id: 'err_1', code: 400, type: 'InvalidPayload', message: 'no' } }
    api.before(`PUT /v1/admin/integrations/${EXAMPLE_ID}`, () => api.fail(refusal))
    const result = await runAction({ inputs: exampleInputs(api, { API_KEY }, { environment: 'staging', 'github-token': github.token }), env: env() })
    expect(result.code).toBe(1)
    const [deployment] = github.deployments
    expect(deployment!.request.production_environment).toBe(false)
    expect(github.statuses(deployment!.id).map((s) => [s.state, s.environment_url])).toEqual([
      ['in_progress', ''],
      ['failure', ''],
    ])
  })

  it('warns, and deploys all the same, when GitHub refuses the deployment', async () => {
    github.setForbidden(true)
    const result = await runAction({ inputs: exampleInputs(api, { API_KEY }, { environment: 'production', 'github-token': github.token }), env: env() })
    expect(result.code).toBe(0)
    expect(result.outputs.operation).toBe('updated')
    expect(result.stdout).toContain('::warning::Could not create a GitHub deployment to production: ')
    expect(result.stdout).toContain('Give the job `permissions: deployments: write`. The deploy itself is not affected.')
    expect(result.outputs['deployment-id']).toBeUndefined()
  })

  it('creates none without an environment', async () => {
    const result = await runAction({ inputs: exampleInputs(api, { API_KEY }, { 'github-token': github.token }), env: env() })
    expect(result.code).toBe(0)
    expect(github.requests).toEqual([])
  })

  it('gives a preview a transient environment of its own, linked to its bot, and marks it inactive when the pull request closes', async () => {
    const opened = await previewRun('synchronize', { 'preview-bot': 'true', 'preview-configuration': '{"subdomain": "acme-staging"}' })
    expect(opened.code).toBe(0)
    const [deployment] = github.deployments
    expect(deployment!.request).toMatchObject({
      ref: HEAD_SHA,
      environment: 'botpress-preview/pr-42',
      transient_environment: true,
      production_environment: false,
      description: 'Preview acme/acme-crm@1.5.0-pr.42',
    })
    const bot = api.bots.all()[0]!
    expect(github.statuses(deployment!.id).at(-1)).toMatchObject({
      state: 'success',
      environment_url: `https://app.botpress.cloud/workspaces/${api.workspaceId}/bots/${bot.id}`,
    })

    const closed = await previewRun('closed')
    expect(closed.code).toBe(0)
    expect(github.statuses(deployment!.id).at(-1)).toMatchObject({ state: 'inactive' })
    expect(closed.stdout).toContain('Marked 1 GitHub deployment of botpress-preview/pr-42 inactive.')
    expect(github.deployments).toHaveLength(1)
  })
})
