import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { ACTIONS_BOT, startGitHubApi } from '../support/github-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

const API_KEY = 'sk_live_pr_preview_secret_value'
const MARKER = `<!-- deploy-botpress-integration:${EXAMPLE_ID} -->`

let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>

async function event(name: string, file: string) {
  return { name, payload: JSON.parse(await readFile(new URL(`../fixtures/events/${file}`, import.meta.url), 'utf8')) }
}

beforeEach(async () => {
  api = await startBotpressApi({
    integrations: [seedIntegration({ id: EXAMPLE_ID, actions: { deleteLead: { input: { schema: {} }, output: { schema: {} } } } })],
  })
  github = await startGitHubApi({ maxPerPage: 30 })
})
afterEach(async () => {
  expect(api.ownViolations).toEqual([])
  await Promise.all([api.close(), github.close()])
})

function inputs(extra: Record<string, string> = {}) {
  return exampleInputs(api, { API_KEY }, { 'github-token': github.token, ...extra })
}
const env = () => ({ GITHUB_API_URL: github.url })

describe('pull-request previews', () => {
  it('create one comment on the first run and edit it on the next', async () => {
    const pr = await event('pull_request', 'pull_request.json')
    const first = await runAction({ inputs: inputs({ 'dry-run': 'true', 'comment-on-pr': 'true' }), env: env(), event: pr })
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Pull-request comment created: https://github.com/acme/acme-crm/pull/42#issuecomment-')
    expect(github.comments(42)).toHaveLength(1)
    const body = github.comments(42)[0]!.body
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body).toContain('### Botpress integration Acme CRM — `acme/acme-crm@1.4.0`')
    expect(body).toContain('| Result | **🧪 dry run: update validated, not applied** |')
    // Linked to the version's dashboard page, and the head commit's page on GitHub.
    expect(body).toContain(`| Version id | [\`${EXAMPLE_ID}\`](https://app.botpress.cloud/workspaces/${api.workspaceId}/integrations/${EXAMPLE_ID}) |`)
    expect(body).toContain('| Verification status | unapproved |')
    expect(body).toContain('| Commit | [`9b1c7e2f4a6d`](https://github.com/acme/acme-crm/commit/9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f) |')
    expect(first.summary).toContain(`| Version id | [\`${EXAMPLE_ID}\`](https://app.botpress.cloud/workspaces/${api.workspaceId}/integrations/${EXAMPLE_ID}) |`)
    expect(first.summary).toContain('| Commit | [`9b1c7e2f4a6d`](https://github.com/acme/acme-crm/commit/9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f) |')
    expect(body).toContain('| Workflow run | [1234567890](https://github.com/acme/acme-crm/actions/runs/1234567890) |')
    expect(body).toContain('| actions | `createLead`, `getLead` |  | `deleteLead` |')
    expect(body).toContain('| secrets | `API_KEY` |')
    expect(body).not.toContain(API_KEY)

    const second = await runAction({ inputs: inputs({ 'comment-on-pr': 'true' }), env: env(), event: pr })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('Pull-request comment updated')
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body).toContain('| Result | **✅ updated** |')
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
    expect(github.requests.every((r) => r.authorization === `token ${github.token}`)).toBe(true)
  })

  it('find their comment on page 3 of 30-per-page results', async () => {
    for (let i = 0; i < 75; i++) {
      const others = [`review comment ${i}`, `${MARKER.replace(EXAMPLE_ID, 'intver_other_integration_000')}\nanother integration`, `> quoting\n> ${MARKER}`]
      github.addComment('acme', 'acme-crm', 42, i === 70 ? `${MARKER}\nold preview` : others[i % 3]!, i === 70 ? ACTIONS_BOT : undefined)
    }
    const run = await runAction({
      inputs: inputs({ 'dry-run': 'true', 'comment-on-pr': 'true' }),
      env: env(),
      event: await event('pull_request', 'pull_request.json'),
    })
    expect(run.code).toBe(0)
    const pages = github.requests.filter((r) => r.method === 'GET' && r.path !== '/user').map((r) => r.query.get('page') ?? '1')
    expect(pages).toEqual(['1', '2', '3'])
    expect(github.comments(42)).toHaveLength(75)
    expect(github.comments(42)[70]!.body).toContain('dry run: update validated, not applied')
  })

  it('edit the same comment to say what failed', async () => {
    const pr = await event('pull_request', 'pull_request.json')
    await runAction({ inputs: inputs({ 'dry-run': 'true', 'comment-on-pr': 'true' }), env: env(), event: pr })
    api.fail({ status: 400, body: { id: 'err_77', code: 400, type: 'InvalidPayload', message: 'code is too large' } })
    const failed = await runAction({ inputs: inputs({ 'comment-on-pr': 'true' }), env: env(), event: pr })
    expect(failed.code).toBe(1)
    expect(github.comments(42)).toHaveLength(1)
    const body = github.comments(42)[0]!.body
    expect(body).toContain('| Result | **❌ failed** |')
    expect(body).toContain('failed: HTTP 400 InvalidPayload')
    expect(body).toContain('Botpress says: code is too large')
  })

  it('keep one comment from an invalid manifest to its fix, keyed by integration-id', async () => {
    const pr = await event('pull_request', 'pull_request.json')
    const broken = await exampleWorkspace((text) => text.replace('title: Acme CRM\n', 'titel: Acme CRM\n'))
    const failed = await runAction({
      workspace: broken.workspace,
      inputs: inputs({ manifest: broken.manifest, 'comment-on-pr': 'true' }),
      env: env(),
      event: pr,
    })
    expect(failed.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body).toContain(MARKER)
    expect(github.comments(42)[0]!.body).toContain('unknown key `titel`; did you mean `title`?')
    const fixed = await runAction({ inputs: inputs({ 'comment-on-pr': 'true' }), env: env(), event: pr })
    expect(fixed.code).toBe(0)
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body).toContain('✅ updated')
  })

  it('keep one comment, keyed by the manifest path, when the first run cannot parse the manifest and a later one can', async () => {
    const pr = await event('pull_request', 'pull_request.json')
    const { workspace, manifest } = await exampleWorkspace()
    const file = `${workspace}/${manifest}`
    const good = await readFile(file, 'utf8')
    const byName = { ...inputs({ manifest, 'comment-on-pr': 'true' }), 'integration-id': '' }
    await writeFile(file, `${good}\nactions: [unclosed\n`)
    const failed = await runAction({ workspace, inputs: byName, env: env(), event: pr })
    expect(failed.code).toBe(1)
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body.startsWith('<!-- deploy-botpress-integration:integrations/acme-crm/integration.yml -->')).toBe(true)

    await writeFile(file, good)
    const fixed = await runAction({ workspace, inputs: byName, env: env(), event: pr })
    expect(fixed.code).toBe(0)
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body).toContain('✅ updated')
  })

  it('adopt a comment an earlier version of the action keyed by the integration name', async () => {
    github.addComment('acme', 'acme-crm', 42, '<!-- deploy-botpress-integration:acme/acme-crm -->\nwritten by v1', ACTIONS_BOT)
    const { workspace, manifest } = await exampleWorkspace()
    const run = await runAction({
      workspace,
      inputs: { ...inputs({ manifest, 'comment-on-pr': 'true' }), 'integration-id': '' },
      env: env(),
      event: await event('pull_request', 'pull_request.json'),
    })
    expect(run.code).toBe(0)
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body.startsWith('<!-- deploy-botpress-integration:integrations/acme-crm/integration.yml -->')).toBe(true)
  })

  it('stay green when the comment cannot be written', async () => {
    github.setForbidden(true)
    const run = await runAction({ inputs: inputs({ 'comment-on-pr': 'true' }), env: env(), event: await event('pull_request', 'pull_request.json') })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::Could not write the pull-request comment: Resource not accessible by integration.*pull-requests: write/)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT'])
  })

  it("skip a fork's pull request run with the README's preview inputs, every secret and variable empty", async () => {
    const inputs = {
      token: '',
      'workspace-id': '',
      manifest: 'examples/acme-crm/integration.yml',
      secrets: '{}',
      'dry-run': 'true',
      'comment-on-pr': 'true',
      'github-token': '',
    }
    const run = await runAction({ inputs, env: env(), event: await event('pull_request', 'pull_request_fork.json') })
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ skipped: 'true', operation: 'skipped', created: 'false' })
    expect(run.stdout).toMatch(/::notice title=Botpress deploy skipped::Skipped: pull request #43 comes from a fork/)
    expect(api.requests).toEqual([])
  })

  it('skip a pull request from a fork that has no token, and succeed', async () => {
    const run = await runAction({
      inputs: inputs({ token: '', 'comment-on-pr': 'true' }),
      env: env(),
      event: await event('pull_request', 'pull_request_fork.json'),
    })
    expect(run.code).toBe(0)
    expect(run.outputs.skipped).toBe('true')
    expect(run.stdout).toMatch(/::notice title=Botpress deploy skipped::Skipped: pull request #43 comes from a fork/)
    expect(run.summary).toContain('skipped')
    expect(api.requests).toEqual([])
    expect(github.requests).toEqual([])
  })

  it('fail on an empty token anywhere else, naming the secret to set', async () => {
    const run = await runAction({ inputs: inputs({ token: '' }), event: await event('pull_request', 'pull_request.json') })
    expect(run.code).toBe(1)
    expect(run.outputs.skipped).toBe('false')
    expect(run.stdout).toContain('::error::Input `token` is empty')
    expect(run.stdout).toContain('secrets.BOTPRESS_TOKEN')
  })
})

describe('release tags', () => {
  const tag = { GITHUB_REF: 'refs/tags/v1.4.0', GITHUB_REF_NAME: 'v1.4.0', GITHUB_REF_TYPE: 'tag' }

  it('deploy when expected-version matches the tag, v or not', async () => {
    const run = await runAction({ inputs: inputs({ 'expected-version': 'v1.4.0' }), env: tag, event: await event('push', 'push_tag.json') })
    expect(run.code).toBe(0)
    expect(run.outputs.skipped).toBe('false')
    expect(run.outputs.version).toBe('1.4.0')
  })

  it('fail before the PUT when the id points at another version', async () => {
    const run = await runAction({
      inputs: inputs({ 'expected-version': 'v1.5.0' }),
      env: { ...tag, GITHUB_REF_NAME: 'v1.5.0' },
      event: await event('push', 'push_tag.json'),
    })
    expect(run.code).toBe(1)
    expect(api.requests.map((r) => r.method)).toEqual(['GET'])
    expect(run.stdout).toContain('`expected-version` is 1.5.0 but the id points at version 1.4.0')
  })

  it('interpolate ${VAR} and ${VAR:-default} from the step environment, never in files', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) =>
      text
        // A function, since `$$` in a replacement string means one `$`.
        .replace(/^description: .*$/m, () => 'description: "Release ${GITHUB_REF_NAME} of ${MANIFEST_PRODUCT:-Acme CRM}, costs $${PRICE}"')
        .replace(/^url: .*$/m, 'url: ${MANIFEST_HOMEPAGE}'),
    )
    await (await import('node:fs/promises')).appendFile(`${workspace}/integrations/acme-crm/build/index.js`, '\n// ${GITHUB_REF_NAME} stays as written\n')
    const run = await runAction({ workspace, inputs: inputs({ manifest }), env: { ...tag, MANIFEST_HOMEPAGE: 'https://acme.example/crm' } })
    expect(run.code).toBe(0)
    const body = api.requests[1]!.body
    expect(body.description).toBe('Release v1.4.0 of Acme CRM, costs ${PRICE}')
    expect(body.url).toBe('https://acme.example/crm')
    expect(body.code).toContain('// ${GITHUB_REF_NAME} stays as written')
  })

  it('name an unset variable and its line, and send nothing', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) => text.replace(/^url: .*$/m, 'url: https://${MANIFEST_DOCS_HOST}/crm'))
    const run = await runAction({ workspace, inputs: inputs({ manifest }) })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(
      '::error title=Invalid integration manifest,file=integrations/acme-crm/integration.yml,line=10,col=6::url: `${MANIFEST_DOCS_HOST}` is not set and has no default',
    )
  })
})

describe('verification', () => {
  it('is requested for a public unapproved integration, and the output shows the status after', async () => {
    await api.close()
    api = await startBotpressApi({ integrations: [seedIntegration({ id: EXAMPLE_ID, visibility: 'public', public: true })], updatablePublic: true })
    const { workspace, manifest } = await exampleWorkspace((text) => text.replace('visibility: private', 'visibility: public'))
    const run = await runAction({ workspace, inputs: inputs({ manifest, 'request-verification': 'true' }) })
    expect(run.code).toBe(0)
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/admin/integrations/${EXAMPLE_ID}`,
      `PUT /v1/admin/integrations/${EXAMPLE_ID}`,
      'POST /v1/admin/integrations/request-verification',
      `GET /v1/admin/integrations/${EXAMPLE_ID}`,
    ])
    expect(api.requests[2]!.body).toEqual({ integrationId: EXAMPLE_ID })
    expect(run.outputs['verification-status']).toBe('pending')
  })

  it('is only a warning on an integration that is not public, and skipped in a dry run', async () => {
    const run = await runAction({ inputs: inputs({ 'request-verification': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::warning::Verification was not requested: acme/acme-crm@1.4.0 is private')
    const dry = await runAction({ inputs: inputs({ 'request-verification': 'true', 'dry-run': 'true' }) })
    expect(dry.code).toBe(0)
    expect(api.requests.some((r) => r.path.endsWith('request-verification'))).toBe(false)
    expect(visibleLog(dry.stdout)).toContain('Verification is not requested in a dry run.')
  })
})
