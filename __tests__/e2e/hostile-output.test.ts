import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { ACTIONS_BOT, startGitHubApi } from '../support/github-api.mjs'
import { linkTargets, renderGfm } from '../support/gfm.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// What leaves the action (log, summary, comment, outputs) when the manifest,
// the server or the pull request's other comments are hostile.

const API_KEY = 'sk_live_hostile_output_0001'
const MARKER = `<!-- deploy-botpress-integration:${EXAMPLE_ID} -->`
let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>

beforeEach(async () => {
  api = await startBotpressApi({ integrations: [seedIntegration({ id: EXAMPLE_ID })] })
  github = await startGitHubApi()
})
afterEach(async () => {
  await Promise.all([api.close(), github.close()])
})

const pullRequest = async () => ({
  name: 'pull_request',
  payload: JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8')),
})

async function run(
  extra: Record<string, string> = {},
  options: { edit?: (manifest: string) => string; env?: Record<string, string>; secrets?: Record<string, string> } = {},
) {
  const { workspace, manifest } = await exampleWorkspace(options.edit)
  return runAction({
    workspace,
    inputs: exampleInputs(api, options.secrets ?? { API_KEY }, { manifest, 'comment-on-pr': 'true', 'github-token': github.token, ...extra }),
    env: { GITHUB_API_URL: github.url, ...options.env },
    event: await pullRequest(),
  })
}

describe('untrusted names in the log, the summary and the comment', () => {
  const hostileTitle = 'CRM <img src=x onerror=alert(1)> @octocat ![x](http://e/x.png)'
  const edit = (text: string) =>
    text
      .replace('title: Acme CRM\n', `title: "${hostileTitle}"\n`)
      .replace('  createLead:\n', '  "evil\\n::add-mask::visible\\n::error::injected":\n')
      .replace('  getLead:\n', '  "a`b|c</details>\\n# head":\n')

  it('never becomes a workflow command, markup, a mention or an image', async () => {
    const result = await run({}, { edit })
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    const own = [api.token, API_KEY, github.token]
    expect(lines.filter((line) => /^\s*::(add-mask|error)::/.test(line) && !own.some((value) => line.includes(value)))).toEqual([])
    expect(result.stdout).toContain(':\u200b:error::injected')
    for (const text of [result.summary, github.comments(42)[0]!.body]) {
      // As GitHub renders it: no element, heading or image; a name only inside code, where GitHub makes no mention of it.
      const html = renderGfm(text)
      expect(html).not.toMatch(/<img|<\/details>|<h1/)
      expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(/@octocat/)
      expect(text).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; @\u200boctocat \\!\\[x\\]')
      expect(text).toContain('``a`b\\|c</details> # head``')
    }
  })
})

describe('addresses in untrusted text', () => {
  it('are not turned into links by GitHub, in the summary or the comment', async () => {
    const title = 'Go to https://evil.example/in, www.evil.example, a@evil.example'
    const result = await run({}, { edit: (text) => text.replace('title: Acme CRM\n', `title: ${JSON.stringify(title)}\n`) })
    expect(result.code).toBe(0)
    for (const markdown of [result.summary, github.comments(42)[0]!.body]) {
      expect(markdown).toContain('Go to https:\u200b//evil.example/in, www\u200b.evil.example, a@\u200bevil.example')
      expect(linkTargets(markdown).filter((target) => target!.includes('evil'))).toEqual([])
    }
  })
})

describe('the pull-request comment', () => {
  it("is never someone else's comment that copies the marker", async () => {
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nI copied your marker`, { login: 'mallory', type: 'User' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(github.comments(42)).toHaveLength(2)
    expect(github.comments(42)[0]!.body).toBe(`${MARKER}\nI copied your marker`)
    expect(github.requests.filter((r) => r.method === 'PATCH')).toEqual([])
  })

  it('where GitHub does not say who the token is, is only github-actions[bot]’s: another bot’s copy of the marker is left alone', async () => {
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\ndependabot copied it`, { login: 'dependabot[bot]', type: 'Bot' })
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nours`, ACTIONS_BOT)
    const result = await run()
    expect(result.code).toBe(0)
    expect(github.comments(42)).toHaveLength(2)
    expect(github.comments(42)[0]!.body).toBe(`${MARKER}\ndependabot copied it`)
    expect(github.comments(42)[1]!.body).toContain('✅ updated')
  })

  it('is the comment-author’s, for a GitHub App’s own token', async () => {
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nthe actions bot`, ACTIONS_BOT)
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nthe app`, { login: 'acme-deployer[bot]', type: 'Bot' })
    const result = await run({ 'comment-author': 'acme-deployer[bot]' })
    expect(result.code).toBe(0)
    expect(github.comments(42)[0]!.body).toBe(`${MARKER}\nthe actions bot`)
    expect(github.comments(42)[1]!.body).toContain('✅ updated')
  })

  it('is a warning, never "created: undefined", when GitHub’s answer does not say where it is', async () => {
    await github.close()
    github = await startGitHubApi({ htmlUrl: '' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('undefined')
    expect(result.stdout).toContain(
      "::warning::The pull-request comment could not be confirmed (GitHub's answer did not say where the comment is (no html_url)): it may or may not have been written.",
    )
  })

  it('is found by the login GET /user names, when the token may read it', async () => {
    await github.close()
    github = await startGitHubApi({ user: { login: 'deploy-bot-account', type: 'User' } })
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nanother bot`, ACTIONS_BOT)
    github.addComment('acme', 'acme-crm', 42, `${MARKER}\nours`, { login: 'deploy-bot-account', type: 'User' })
    const result = await run()
    expect(result.code).toBe(0)
    expect(github.comments(42)).toHaveLength(2)
    expect(github.comments(42)[0]!.body).toBe(`${MARKER}\nanother bot`)
    expect(github.comments(42)[1]!.body).toContain('✅ updated')
  })

  it('keeps its marker and result when a secret is a common word', async () => {
    for (const secret of ['botpress', 'updated']) {
      const first = await run({}, { secrets: { API_KEY: secret } })
      expect(first.code).toBe(0)
    }
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body.startsWith(MARKER)).toBe(true)
    expect(github.comments(42)[0]!.body).toContain('| Result | **✅ updated** |')
  })

  it("stays under GitHub's size limit when the plan is huge, and says it was cut", async () => {
    const actions = Array.from(
      { length: 3000 },
      (_, i) => `  action_with_a_long_descriptive_name_${i}:\n    input: {schema: {}}\n    output: {schema: {}}\n`,
    ).join('')
    const result = await run({}, { edit: (text) => text.replace('actions:\n', `actions:\n${actions}`) })
    expect(result.code).toBe(0)
    const body = github.comments(42)[0]!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body).toMatch(/\*\*… cut here: \d+ more characters did not fit\. The workflow run's log has all of it\.\*\*\n$/)
    expect(result.summary).toContain('action_with_a_long_descriptive_name_2999')
  })

  it('costs a bounded time and a warning when GitHub never answers', async () => {
    github.setHostile('hang')
    const result = await run({ timeout: '1' })
    expect(result.code).toBe(0)
    expect(result.durationMs).toBeLessThan(15_000)
    expect(result.stdout).toContain('::warning::Could not write the pull-request comment')
  })

  it('stops following a next link that loops', async () => {
    github.setHostile('loop')
    const result = await run()
    expect(result.code).toBe(0)
    const listings = github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))
    expect(listings.length).toBeLessThanOrEqual(2)
    expect(github.comments(42)).toHaveLength(1)
  })
})

describe('secrets that the server echoes', () => {
  it('are scrubbed from the outputs, the summary and the comment, also JSON-escaped', async () => {
    const echoed = seedIntegration({ id: EXAMPLE_ID, title: `echo ${api.token}`, description: `key ${API_KEY}, comments by ${github.token}` })
    api.fail({}, { status: 200, body: { integration: echoed } })
    const result = await run()
    expect(result.code).toBe(0)
    const outputs = JSON.stringify(result.outputs)
    expect(result.stdout).toContain(`::add-mask::${github.token}`)
    for (const text of [outputs, result.summary, visibleLog(result.stdout), github.comments(42)[0]!.body]) {
      expect(text).not.toContain(api.token)
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain(github.token)
    }
    expect(JSON.parse(result.outputs.integration!).title).toBe('echo ***')
  })

  it('are scrubbed in every shape a server may echo them: encoded, escaped, wrapped, split across lines', async () => {
    const shapes = [
      encodeURIComponent(API_KEY).toLowerCase(),
      encodeURIComponent(encodeURIComponent(api.token)),
      Buffer.from(API_KEY).toString('hex'),
      [...API_KEY].map((c) => `&#${c.charCodeAt(0)};`).join(''),
      `${API_KEY.slice(0, 10)}\n${API_KEY.slice(10)}`,
      Buffer.from(`Authorization: Bearer ${api.token}`).toString('base64').replace(/.{20}/g, '$&\n'),
    ]
    api.fail({}, { status: 400, body: { id: 'err_1', code: 400, type: 'InvalidPayload', message: `rejected: ${shapes.join(' | ')}` } })
    const result = await run({ 'comment-on-pr': 'true' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('rejected: ***')
    for (const text of [visibleLog(result.stdout), result.summary, github.comments(42)[0]!.body]) {
      for (const value of [API_KEY, api.token]) {
        expect(text).not.toContain(value.slice(0, 12))
        expect(text.replace(/\s/g, '')).not.toContain(Buffer.from(value).toString('hex').slice(0, 16))
      }
      expect(text).not.toContain(shapes[3]!.slice(0, 40))
      expect(text).not.toMatch(/QXV0aG9yaXphdGlvbjogQmVhcmVyIGJwX3BhdF9/)
    }
  })

  it('holding a quote, a backslash and a line break, are scrubbed when echoed JSON-escaped or base64url-encoded', async () => {
    const secret = 'pa"ss\\word\nline-two-of-it'
    const jsonEscaped = JSON.stringify(secret).slice(1, -1)
    const base64url = Buffer.from(`{"key":${JSON.stringify(secret)}}`).toString('base64url')
    api.fail({ status: 400, body: { id: 'err_2', code: 400, type: 'InvalidPayload', message: `bad key ${jsonEscaped} (sent ${base64url})` } })
    const result = await run({}, { secrets: { API_KEY: secret } })
    expect(result.code).toBe(1)
    const error = result.stdout.split('\n').find((line) => line.startsWith('::error::'))!
    expect(error).toContain('bad key ***')
    for (const text of [error, visibleLog(result.stdout), result.summary, github.comments(42)[0]!.body]) {
      expect(text).not.toContain(jsonEscaped.slice(0, 10))
      expect(text).not.toContain('line-two-of-it')
      // The stretch of the encoded object that holds the secret (its first 8 bytes are `{"key":"`).
      expect(text).not.toContain(base64url.slice(12, 36))
    }
  })

  it('leave no part of themselves where an error body is cut short', async () => {
    const body = `<html>${'x'.repeat(480)} ${API_KEY} ${'y'.repeat(100)}</html>`
    api.fail({ status: 502, body }, { status: 502, body })
    const result = await run({ 'max-attempts': '2', 'comment-on-pr': 'false' })
    expect(result.code).toBe(1)
    for (const text of [visibleLog(result.stdout), result.summary]) expect(text).not.toContain(API_KEY.slice(0, 8))
  })
})

describe('a runner without its output file', () => {
  it('says the deploy happened, instead of a stack trace', async () => {
    const result = await run({ 'comment-on-pr': 'false' }, { env: { GITHUB_OUTPUT: '/nonexistent/github-output' } })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::The deploy itself happened (updated acme/acme-crm@1.4.0')
    expect(result.stderr).toBe('')
  })
})
