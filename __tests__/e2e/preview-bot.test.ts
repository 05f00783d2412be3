import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction } from '../support/runner.mjs'
import { exampleInputs, exampleWorkspace } from '../support/workspace.js'

// `preview-bot: true`: the preview installed in the pull request's own bot, and its registration waited for.

const API_KEY = 'sk_live_preview_bot_api_key_01'
/** The preview bot's configuration: a credential in it is a secret like any other. */
const CONFIGURATION = { subdomain: 'acme-staging', apiToken: 'cfg_preview_token_0123456789' }
let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>

afterEach(async () => {
  await Promise.all([api.close(), github.close()])
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

/** Release 1.4.0; the example's configuration schema requires `subdomain`, which registration checks. */
async function start(registration: Parameters<typeof startBotpressApi>[0] extends infer O ? (O extends { registration?: infer R } ? R : never) : never = {}) {
  api = await startBotpressApi({
    integrations: [
      seedIntegration({ id: 'intver_01PREVIEWBOTRELEASE1400000', version: '1.4.0', visibility: 'public', secrets: ['API_KEY', 'WEBHOOK_SECRET'] }),
    ],
    registration,
  })
  github = await startGitHubApi()
}

async function preview(extra: Record<string, string> = {}) {
  const { workspace, manifest } = await exampleWorkspace((text) => text.replace('version: 1.4.0', 'version: 1.5.0'))
  const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
  return runAction({
    workspace,
    inputs: exampleInputs(
      api,
      { API_KEY },
      {
        manifest,
        'integration-id': '',
        preview: 'true',
        'preview-bot': 'true',
        'preview-configuration': JSON.stringify(CONFIGURATION),
        'comment-on-pr': 'true',
        'github-token': github.token,
        ...extra,
      },
    ),
    env: { GITHUB_API_URL: github.url },
    event: { name: 'pull_request', payload },
  })
}

const botCalls = () => api.requests.filter((r) => r.path.startsWith('/v1/admin/bots')).map((r) => `${r.method} ${r.path}`)

/** Every place a run writes text to, but the masked output and the commands that mask. */
function everywhere(result: Awaited<ReturnType<typeof runAction>>) {
  const { 'preview-webhook-url': _masked, ...outputs } = result.outputs
  const log = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return [log, result.stderr, result.summary, JSON.stringify(outputs), ...github.comments(42).map((c) => c.body)].join('\n')
}

describe('the preview bot', () => {
  it('is created with the pull request’s tags, gets the preview installed, and is reused on the next push', async () => {
    await start()
    const first = await preview()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const bot = api.bots.all()[0]!
    expect(bot.name).toBe('acme-crm-pr-42')
    expect(bot.tags).toEqual({ 'deploy-botpress-integration': 'acme/acme-crm', 'pull-request': '42' })
    const created = api.all().find((i) => i.version === '1.5.0-pr.42')!
    const install = api.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/v1/admin/bots/'))!
    expect(install.body).toEqual({ integrations: { 'acme-crm': { integrationId: created.id, enabled: true, configuration: CONFIGURATION } } })
    expect(install.headers['x-multiple-integrations']).toBe('true')
    // Read until registered (the fake registers on the second read).
    expect(botCalls()).toEqual([
      'GET /v1/admin/bots',
      'POST /v1/admin/bots',
      `PUT /v1/admin/bots/${bot.id}`,
      `GET /v1/admin/bots/${bot.id}`,
      `GET /v1/admin/bots/${bot.id}`,
    ])
    const webhookUrl = bot.integrations['acme-crm'].webhookUrl
    expect(first.outputs).toMatchObject({ 'preview-bot-id': bot.id, 'registration-status': 'registered', 'preview-webhook-url': webhookUrl })
    expect(first.stdout).toContain(`::add-mask::${webhookUrl}`)
    expect(first.stdout).toContain(`::add-mask::${CONFIGURATION.apiToken}`)
    for (const text of [webhookUrl, CONFIGURATION.apiToken, API_KEY]) expect(everywhere(first)).not.toContain(text)
    const botLink = `[acme-crm-pr-42](https://app.botpress.cloud/workspaces/${api.workspaceId}/bots/${bot.id})`
    expect(github.comments(42)[0]!.body).toContain(`| Preview bot | ${botLink} (\`${bot.id}\`): registered |`)
    expect(github.comments(42)[0]!.body).toContain(
      `This pull request's preview is \`acme/acme-crm@1.5.0-pr.42\`, private to the workspace: it is installed in the preview bot ${botLink}. It is removed when the pull request closes.`,
    )

    api.requests.length = 0
    const second = await preview()
    expect(second.code).toBe(0)
    expect(api.bots.all()).toHaveLength(1)
    expect(botCalls().slice(0, 2)).toEqual(['GET /v1/admin/bots', `PUT /v1/admin/bots/${bot.id}`])
  })

  it('fails the run with Botpress’s reason when registration fails, scrubbed, and still gives the bot’s outputs', async () => {
    await start()
    const result = await preview({ 'preview-configuration': JSON.stringify({ subdomain: 42, apiToken: CONFIGURATION.apiToken }) })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('failed to register in preview bot acme-crm-pr-42')
    expect(result.stdout).toContain('Invalid configuration: /subdomain must be string')
    expect(result.outputs).toMatchObject({ 'registration-status': 'registration_failed', 'preview-bot-id': api.bots.all()[0]!.id })
    expect(github.comments(42)[0]!.body).toContain('registration failed |')
  })

  it('scrubs a secret that Botpress echoes in its reason', async () => {
    await start({ failWith: `register() threw: 401 from https://crm.acme.test with token ${CONFIGURATION.apiToken}` })
    const result = await preview()
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('register() threw: 401 from https://crm.acme.test with token ***')
    expect(everywhere(result)).not.toContain(CONFIGURATION.apiToken)
  })

  it('fails, saying so, when registration is still pending at preview-timeout', async () => {
    await start({ never: true })
    const result = await preview({ 'preview-timeout': '2' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('was still registration_pending in preview bot acme-crm-pr-42')
    expect(result.stdout).toContain('after 2 s (`preview-timeout`)')
    expect(result.outputs['registration-status']).toBe('registration_pending')
  })

  it('needs preview: true, and a JSON object it never quotes', async () => {
    await start()
    const { workspace, manifest } = await exampleWorkspace()
    const alone = await runAction({ workspace, inputs: exampleInputs(api, { API_KEY }, { manifest, 'preview-bot': 'true' }) })
    expect(alone.stdout).toContain('::error::Input `preview-bot` is true but `preview` is not')
    const broken = await preview({ 'preview-configuration': `{"apiToken": "${CONFIGURATION.apiToken}",` })
    expect(broken.stdout).toContain('::error::Input `preview-configuration` is not valid JSON (its text is not shown: it may hold secrets)')
    expect(broken.stdout).not.toContain(CONFIGURATION.apiToken)
    expect(api.requests).toEqual([])
  })
})
