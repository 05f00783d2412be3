import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import type { RunContext } from '../../src/github/context.js'
import type { Plan } from '../../src/plan/plan.js'
import {
  commentKey,
  manyCommentKey,
  publishComment,
  publishManyComment,
  reportSkipped,
  setOutputQuietly,
  writeFailureOutputs,
  writeManySummary,
  writeMatrix,
  writeOutputs,
  writePreviewBotOutputs,
  writeResultsOutputs,
  writeSummary,
} from '../../src/report/report.js'
import type { TargetResult } from '../../src/report/results.js'
import type { RunState } from '../../src/report/run-state.js'
import type { Settings } from '../../src/settings/settings.js'
import { ACTIONS_BOT, startGitHubApi } from '../support/github-api.mjs'
import { seedIntegration } from '../support/botpress-api.mjs'
import { parseOutputFile } from '../support/runner.mjs'

// report.ts with the real @actions/core: outputs and the summary go to the
// files the runner gives (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), annotations to
// stdout, and the comment to a GitHub-compatible API in this process.

const SECRET = 'sk-live-9f8e7d6c5b4a'
let dir: string
let stdout: string[]
const savedEnv = { ...process.env }

// core.summary keeps the first path it is given: one folder for the whole file.
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'report-test-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

beforeEach(async () => {
  process.env.GITHUB_OUTPUT = path.join(dir, 'output')
  process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary.md')
  await writeFile(process.env.GITHUB_OUTPUT, '')
  await rm(process.env.GITHUB_STEP_SUMMARY, { recursive: true, force: true })
  await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...savedEnv }
})

const outputs = async () => parseOutputFile(await readFile(path.join(dir, 'output'), 'utf8'))
const summary = () => readFile(path.join(dir, 'summary.md'), 'utf8')
const integration = seedIntegration({ id: 'intver_01REPORT0000000000000', title: `Acme ${SECRET}` }) as RemoteIntegration
const state = (fields: Partial<RunState> = {}): RunState => ({ dryRun: false, secretValues: [SECRET], ...fields })
const plan: Plan = {
  operation: 'update',
  name: 'acme/acme-crm',
  version: '1.4.0',
  body: {},
  settingsChanged: [{ key: 'title', from: 'Acme', to: 'Acme CRM' }],
  schemaChanges: [],
  breaking: [],
  sections: [{ section: 'actions', added: ['find'], changed: [], removed: [], unchanged: 2 }],
  secrets: { added: [], updated: ['API_KEY'], kept: [], skipped: [], removed: [] },
  files: [],
}

describe('writeOutputs', () => {
  it('writes nothing before the run knows what it did', async () => {
    writeOutputs(state({ integration, plan }))
    expect(await outputs()).toEqual({})
  })

  it('writes every output of the version, scrubbed of secret values', async () => {
    writeOutputs(state({ operation: 'updated', integration, plan }))
    const written = await outputs()
    expect(written).toEqual({
      operation: 'updated',
      created: 'false',
      'dry-run': 'false',
      'version-id': integration.id,
      'verification-status': integration.verificationStatus,
      name: integration.name,
      version: integration.version,
      visibility: integration.visibility,
      'updated-at': integration.updatedAt,
      integration: JSON.stringify({ ...integration, title: 'Acme ***' }),
    })
  })

  it('writes the plan’s name and version, the preview version and what was deleted when there is no version', async () => {
    const removed = [{ kind: 'integration' as const, id: 'intver_x', name: 'acme/acme-crm', version: '1.4.1-pr.7' }]
    writeOutputs(state({ operation: 'deleted', plan, previewVersion: '1.4.1-pr.7', removed, dryRun: true }))
    expect(await outputs()).toEqual({
      operation: 'deleted',
      created: 'false',
      'dry-run': 'true',
      'preview-version': '1.4.1-pr.7',
      deleted: JSON.stringify(removed),
      name: 'acme/acme-crm',
      version: '1.4.0',
    })
  })

  it('says the deploy happened when the outputs cannot be written', async () => {
    process.env.GITHUB_OUTPUT = dir // a directory: every write fails
    expect(() => writeOutputs(state({ operation: 'created', integration }))).toThrow(
      new RegExp(
        `^The deploy itself happened \\(created ${integration.name}@${integration.version} \\(${integration.id}\\)\\), but its step outputs could not be written: .+\\. ` +
          'Check GITHUB_OUTPUT in the step environment; running the workflow again is safe\\.$',
      ),
    )
    expect(() => writeOutputs(state({ operation: 'validated-update', plan }))).toThrow(/happened \(validated-update acme\/acme-crm@1\.4\.0\)/)
    expect(() => writeOutputs(state({ operation: 'deleted' }))).toThrow(/happened \(deleted the integration\)/)
  })
})

describe('writeFailureOutputs', () => {
  it('writes failed, the error’s first line, and the version it found, scrubbed', async () => {
    writeFailureOutputs(state({ failure: 'Botpress refused the update\nmore lines', integration, previewVersion: '1.4.0-pr.7' }))
    expect(await outputs()).toEqual({
      operation: 'failed',
      created: 'false',
      'dry-run': 'false',
      error: 'Botpress refused the update',
      'version-id': integration.id,
      'verification-status': integration.verificationStatus,
      name: integration.name,
      version: integration.version,
      visibility: integration.visibility,
      'preview-version': '1.4.0-pr.7',
    })
  })

  it('writes the plan’s name and version, else the manifest’s, when no version was found; no error it was not told', async () => {
    writeFailureOutputs(state({ dryRun: true, plan, label: { name: 'acme/other', version: '9.9.9' } }))
    expect(await outputs()).toEqual({ operation: 'failed', created: 'false', 'dry-run': 'true', name: 'acme/acme-crm', version: '1.4.0' })
    await writeFile(path.join(dir, 'output'), '')
    writeFailureOutputs(state({ failure: 'bad', label: { name: `acme/${SECRET}` } }))
    expect(await outputs()).toEqual({ operation: 'failed', created: 'false', 'dry-run': 'false', error: 'bad', name: 'acme/***' })
  })
})

describe('the outputs and summary of several integrations', () => {
  const results: TargetResult[] = [
    { manifest: 'a/integration.yml', operation: 'updated', integration, plan },
    { manifest: 'b/integration.yml', operation: 'failed', name: 'acme/b', version: '1.0.0', failure: `refused ${SECRET}` },
  ]

  it('writes results, dry-run and skipped, scrubbed', async () => {
    writeResultsOutputs(results, state({ dryRun: true }))
    const written = await outputs()
    expect(Object.keys(written)).toEqual(['results', 'dry-run', 'skipped'])
    expect(written['dry-run']).toBe('true')
    expect(written.skipped).toBe('false')
    expect(JSON.parse(written.results!).map((r: { operation: string }) => r.operation)).toEqual(['updated', 'failed'])
    expect(written.results).not.toContain(SECRET)
  })

  it('appends one summary for them all, scrubbed', async () => {
    await writeManySummary(results, state())
    const text = await summary()
    expect(text.startsWith('## Deploy Botpress integrations\n\n2 integrations: 1 succeeded, 1 failed.')).toBe(true)
    expect(text).toContain('refused ***')
    expect(text).not.toContain(SECRET)
  })

  it('writes the matrix of what is left to deploy, and lists what was left out', async () => {
    const entry = (name: string) => ({ manifest: `${name}/integration.yml`, name: `acme/${name}`, version: '1.0.0' })
    await writeMatrix({ include: [entry('a')], published: [entry('b')] }, state())
    expect(await outputs()).toEqual({
      matrix: JSON.stringify({ include: [entry('a')] }),
      'dry-run': 'false',
      skipped: 'false',
    })
    const text = await summary()
    expect(text).toContain('1 in the matrix; 1 already published, left out.')
    expect(text).toContain('| `acme/b@1.0.0` | `b/integration.yml` |')
  })

  it('keys their comment by the manifest lines: the same lines, the same key', () => {
    const key = manyCommentKey(['integrations/*/integration.yml'])
    expect(key).toMatch(/^set-[0-9a-f]{12}$/)
    expect(manyCommentKey(['integrations/*/integration.yml'])).toBe(key)
    expect(manyCommentKey(['integrations/*/integration.yml', '!integrations/old/integration.yml'])).not.toBe(key)
    // Lines, not their concatenation: `a` + `b` is not `ab`.
    expect(manyCommentKey(['a', 'b'])).not.toBe(manyCommentKey(['ab']))
  })
})

describe('writePreviewBotOutputs and setOutputQuietly', () => {
  const bot = { id: 'bot_01', name: 'acme-crm-pr-7', status: 'registered', webhookUrl: 'https://webhook.botpress.cloud/abc', url: 'https://app/bot' }

  it('writes the bot’s id, its registration and its webhook URL', async () => {
    writePreviewBotOutputs(state())
    expect(await outputs()).toEqual({})
    writePreviewBotOutputs(state({ previewBot: bot }))
    expect(await outputs()).toEqual({ 'preview-bot-id': 'bot_01', 'registration-status': 'registered', 'preview-webhook-url': bot.webhookUrl })
  })

  it('leaves the webhook URL out when the bot has none', async () => {
    writePreviewBotOutputs(state({ previewBot: { ...bot, status: 'registration_failed', webhookUrl: '' } }))
    expect(await outputs()).toEqual({ 'preview-bot-id': 'bot_01', 'registration-status': 'registration_failed' })
  })

  it('never throws', () => {
    process.env.GITHUB_OUTPUT = dir
    expect(() => setOutputQuietly('operation', 'failed')).not.toThrow()
  })
})

describe('writeSummary', () => {
  it('appends the summary, scrubbed', async () => {
    await writeFile(path.join(dir, 'summary.md'), 'before\n')
    await writeSummary(state({ operation: 'updated', integration, plan }))
    const text = await summary()
    expect(text.startsWith('before\n## ')).toBe(true)
    expect(text).toContain('**✅ updated**')
    expect(text).toContain('Acme \\*\\*\\*')
    expect(text).not.toContain(SECRET)
  })

  it('says the run ended early when it has neither an operation nor a failure', async () => {
    await writeSummary(state())
    expect(await summary()).toContain('The run ended before it reached Botpress.')
    await writeSummary(state({ failure: `refused: ${SECRET}` }))
    const text = await summary()
    expect(text).toContain('refused: ***')
    expect(text.match(/The run ended before/g)).toHaveLength(1)
  })

  it('writes nothing outside a runner, and only warns when the file cannot be written', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await writeSummary(state({ operation: 'updated', integration }))
    expect(stdout).toEqual([])
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary.md')
    await rm(process.env.GITHUB_STEP_SUMMARY)
    await mkdir(process.env.GITHUB_STEP_SUMMARY) // a folder where the file was: the write fails
    await writeSummary(state({ operation: 'updated', integration }))
    expect(stdout.join('')).toMatch(/^::warning::Could not write the job summary: .+\n$/)
  })
})

describe('reportSkipped', () => {
  it('gives a notice and a summary that say why nothing was deployed', async () => {
    await reportSkipped(12)
    expect(stdout.join('')).toMatch(/^::notice title=Botpress deploy skipped::Skipped: pull request #12 comes from a fork/)
    expect(await summary()).toMatch(
      /^## Deploy Botpress integration\n\n\*\*⏭️ skipped\*\*\n\nSkipped: pull request #12 comes from a fork, .+Nothing was deployed\./,
    )
  })
})

describe('commentKey', () => {
  it('is the integration id the workflow gives, else the manifest’s path, with nothing that ends an HTML comment', () => {
    expect(commentKey({ integrationId: 'intver_01', manifestDisplayPath: 'crm/integration.yml' })).toBe('intver_01')
    expect(commentKey({ manifestDisplayPath: 'crm/integration.yml' })).toBe('crm/integration.yml')
    expect(commentKey({ manifestDisplayPath: 'a b/--><x>.yml' })).toBe('a_b/--__x_.yml')
  })
})

describe('publishComment', () => {
  type GitHub = Awaited<ReturnType<typeof startGitHubApi>>
  let github: GitHub | undefined
  afterEach(async () => {
    await github?.close()
    github = undefined
  })

  const settings = (fields: Partial<Settings> = {}) =>
    ({
      githubToken: 'ghs_test_github_token',
      manifestDisplayPath: 'crm/integration.yml',
      timeoutMs: 5000,
      dashboardUrl: 'https://app.botpress.cloud',
      workspaceId: 'wkspace_01REPORT',
      ...fields,
    }) as Settings
  const context = (fields: Partial<RunContext> = {}): RunContext => ({
    eventName: 'pull_request',
    repository: { owner: 'acme', repo: 'crm' },
    sha: '4f2a9c1d3b5e7f9a0c2e4f6a8b0d2c4e6f8a0b1c',
    pullRequest: { number: 7, headSha: '9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f' } as RunContext['pullRequest'],
    runUrl: 'https://github.com/acme/crm/actions/runs/99',
    apiUrl: github?.url ?? 'http://127.0.0.1:9',
    ...fields,
  })

  it('writes nothing outside a pull request, or without a token', async () => {
    await publishComment(settings(), context({ pullRequest: undefined }), state())
    expect(stdout.join('')).toBe('`comment-on-pr` is set, but this run is not for a pull request: no comment.\n')
    stdout.length = 0
    await publishComment(settings(), context({ repository: undefined }), state())
    expect(stdout.join('')).toContain('not for a pull request')
    stdout.length = 0
    await publishComment(settings({ githubToken: '' }), context(), state())
    expect(stdout.join('')).toBe('::warning::No pull-request comment: `github-token` is empty.\n')
  })

  it('creates the comment under its key, with the head commit and the run, then edits it', async () => {
    github = await startGitHubApi()
    await publishComment(settings(), context(), state({ operation: 'updated', integration, plan }))
    const [comment] = github.comments(7)
    expect(comment!.body.split('\n')[0]).toBe('<!-- deploy-botpress-integration:crm/integration.yml -->')
    expect(comment!.body).toContain('| Commit | [`9b1c7e2f4a6d`](https://github.com/acme/crm/commit/9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f) |')
    expect(comment!.body).toContain(
      `| Version id | [\`${integration.id}\`](https://app.botpress.cloud/workspaces/wkspace_01REPORT/integrations/${integration.id}) |`,
    )
    expect(comment!.body).toContain('| Workflow run | [99](https://github.com/acme/crm/actions/runs/99) |')
    expect(comment!.body).toContain('Acme \\*\\*\\*')
    expect(comment!.body).not.toContain(SECRET)
    expect(stdout.join('')).toBe(`Pull-request comment created: ${comment!.html_url}\n`)

    await publishComment(settings(), context(), state({ operation: 'updated', integration }))
    expect(github.comments(7)).toHaveLength(1)
    expect(stdout.join('')).toContain('Pull-request comment updated:')
  })

  it('names the run’s commit when the event has no head commit', async () => {
    github = await startGitHubApi()
    const pullRequest = { number: 7, headSha: '' } as RunContext['pullRequest']
    await publishComment(settings(), context({ pullRequest }), state({ operation: 'updated', integration }))
    expect(github.comments(7)[0]!.body).toContain('| Commit | [`4f2a9c1d3b5e`](https://github.com/acme/crm/commit/4f2a9c1d3b5e7f9a0c2e4f6a8b0d2c4e6f8a0b1c) |')
  })

  it('writes one comment for several integrations, under the key of their manifest lines, and edits it on the next run', async () => {
    github = await startGitHubApi()
    const results: TargetResult[] = [{ manifest: 'a/integration.yml', operation: 'updated', integration, plan }]
    const lines = ['*/integration.yml']
    await publishManyComment(settings({ manifestLines: lines }), context(), results, state({ dryRun: true }))
    await publishManyComment(settings({ manifestLines: lines }), context(), results, state())
    const comments = github.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.split('\n')[0]).toBe(`<!-- deploy-botpress-integration:${manyCommentKey(lines)} -->`)
    expect(comments[0]!.body).toContain('1 integrations: 1 succeeded.\n')
    expect(comments[0]!.body).toContain('Commit `9b1c7e2f4a6d` · [workflow run 99](https://github.com/acme/crm/actions/runs/99)')
    expect(comments[0]!.body).not.toContain(SECRET)
  })

  it('links the summary to the version’s dashboard page and the head commit, from checked parts only', async () => {
    await writeSummary(state({ operation: 'updated', integration }), settings(), context())
    let text = await summary()
    expect(text).toContain(`| Version id | [\`${integration.id}\`](https://app.botpress.cloud/workspaces/wkspace_01REPORT/integrations/${integration.id}) |`)
    expect(text).toContain('| Commit | [`9b1c7e2f4a6d`](https://github.com/acme/crm/commit/9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f) |')
    // A push: the run's own commit; no run URL, no link; a sha that is not 40 hex digits, no link either.
    await writeFile(path.join(dir, 'summary.md'), '')
    await writeSummary(state({ operation: 'updated', integration }), settings(), context({ pullRequest: undefined, runUrl: undefined }))
    text = await summary()
    expect(text).toContain('| Commit | `4f2a9c1d3b5e` |')
    await writeFile(path.join(dir, 'summary.md'), '')
    await writeSummary(state({ operation: 'updated', integration }), settings(), context({ pullRequest: undefined, sha: 'abcdef1234567' }))
    text = await summary()
    expect(text).toContain('| Commit | `abcdef123456` |')
    expect(text).not.toContain('/commit/')
  })

  it('shows in the summary what the run learnt: the preview, its bot, what a cleanup removed, the manifest’s title', async () => {
    const previewBot = {
      id: 'bot_01',
      name: 'crm-pr-7',
      status: 'registered',
      webhookUrl: 'https://webhook.botpress.cloud/secret',
      url: 'https://app.botpress.cloud/bots/bot_01',
    }
    await writeSummary(state({ operation: 'updated', integration, previewVersion: '1.4.0-pr.7', previewBot }), settings(), context())
    let text = await summary()
    expect(text).toContain('| Preview bot | [crm-pr-7](https://app.botpress.cloud/bots/bot_01) (`bot_01`): registered |')
    expect(text).toContain("This pull request's preview is `acme/acme-crm@1.4.0-pr.7`")
    expect(text).not.toContain('webhook.botpress.cloud')
    await writeFile(path.join(dir, 'summary.md'), '')
    const removed = [{ kind: 'integration' as const, id: 'intver_01', name: 'acme/crm', version: '1.4.0-pr.7' }]
    await writeSummary(state({ operation: 'deleted', removed, pullRequest: 7, label: { title: 'CRM of the manifest' } }))
    text = await summary()
    expect(text).toContain('## CRM of the manifest')
    expect(text).toContain('**🧹 preview removed**')
    expect(text).toContain('Removed what the previews of pull request #7 made:')
  })

  it('adopts the comment an earlier run wrote under the integration’s id or name', async () => {
    github = await startGitHubApi()
    github.addComment('acme', 'crm', 7, '<!-- deploy-botpress-integration:acme-crm -->\nold', ACTIONS_BOT)
    await publishComment(settings(), context(), state({ operation: 'updated', integration, label: { name: 'acme-crm' } }))
    const comments = github.comments(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.split('\n')[0]).toBe('<!-- deploy-botpress-integration:crm/integration.yml -->')
  })

  it('only warns when GitHub refuses, with the permission to give', async () => {
    github = await startGitHubApi()
    github.setForbidden(true)
    await publishComment(settings(), context(), state({ operation: 'updated', integration }))
    const log = stdout.join('')
    expect(log).toMatch(/^::warning::Could not write the pull-request comment: .+\. Give the job `permissions: pull-requests: write`/)
    expect(log).toContain('The deploy itself is not affected.')
  })

  it('gives the permission hint for a token GitHub does not take, and none when GitHub cannot be reached', async () => {
    github = await startGitHubApi({ token: 'another' })
    await publishComment(settings(), context(), state({ operation: 'updated', integration }))
    expect(stdout.join('')).toMatch(/^::warning::Could not write the pull-request comment: .+\. Give the job/)
    const closed = github.url
    await github.close()
    github = undefined
    stdout.length = 0
    await publishComment(settings(), context({ apiUrl: closed }), state({ operation: 'updated', integration }))
    expect(stdout.join('')).toMatch(/^::warning::Could not write the pull-request comment: .+\. The deploy itself is not affected\.\n$/)
    expect(stdout.join('')).not.toContain('Give the job')
  })
})
