import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { makeId, seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction } from '../support/runner.mjs'
import { exampleWorkspace } from '../support/workspace.js'

// `preview: true` on a closed pull request: its preview bots, then its private preview versions, and nothing else.

const NAME = 'acme/acme-crm'
let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>

const version = (v: string, extra: Record<string, unknown> = {}) => seedIntegration({ id: makeId(), version: v, ...extra })
/** Pull request 42's previews: one per version its manifest had, and one by a pattern. */
const ours = [version('1.5.0-pr.42'), version('1.4.1-pr.42'), version('2.0.0-beta.1.pr.42')]
/** What is never removed: the release, other pull requests' previews, a published look-alike, another integration's. */
const kept = [
  version('1.4.0', { visibility: 'public' }),
  version('1.5.0-pr.41'),
  version('1.5.0-pr.420'),
  version('1.5.1-pr.42', { visibility: 'unlisted' }),
  version('1.5.0-pr.42', { name: 'acme/acme-crm-2' }),
  version('1.5.0-preview.42.9b1c7e2'),
]

beforeEach(async () => {
  api = await startBotpressApi({ integrations: [...ours, ...kept], pageSize: 2 })
  github = await startGitHubApi()
})
afterEach(async () => {
  await Promise.all([api.close(), github.close()])
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

/** A bot as the preview bot step makes one, with `installed` in it. */
function previewBot(number: number, installed?: { id?: string }, name = NAME) {
  const bot = api.bots.seed(`acme-crm-pr-${number}`, { 'deploy-botpress-integration': name, 'pull-request': String(number) })
  if (installed)
    bot.integrations['acme-crm'] = { id: installed.id, name, version: '1.5.0-pr.42', status: 'registered', webhookUrl: 'https://webhook.botpress.test/x' }
  api.bots.add(bot)
  return bot
}

async function closed(extra: Record<string, string> = {}) {
  const { workspace, manifest } = await exampleWorkspace((text) => text.replace('version: 1.4.0', 'version: 1.5.0'))
  // The closed pull request's branch may be gone: none of the files the manifest names is needed.
  for (const file of ['build', 'icon.svg', 'hub.md', 'vrl']) await rm(path.join(workspace, 'integrations/acme-crm', file), { recursive: true })
  const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
  return runAction({
    workspace,
    // No secret at all: a cleanup needs none.
    inputs: {
      token: api.token,
      'workspace-id': api.workspaceId,
      'api-url': api.url,
      manifest,
      preview: 'true',
      'comment-on-pr': 'true',
      'github-token': github.token,
      ...extra,
    },
    env: { GITHUB_API_URL: github.url },
    event: { name: 'pull_request', payload: { ...payload, action: 'closed' } },
  })
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`)
const remaining = () => api.all().map((i) => `${i.name}@${i.version}`)

describe('a closed pull request', () => {
  it('deletes its preview bots, then its private previews, and nothing else; a second run finds nothing', async () => {
    const holding = previewBot(42, ours[0]!)
    const second = previewBot(42)
    const othersBot = previewBot(41, kept[1]!)
    const result = await closed()
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)

    // Bots first, since a version a bot holds cannot be deleted; every page of both lists is read.
    const deletes = calls().filter((call) => call.startsWith('DELETE'))
    expect(deletes.slice(0, 2).sort()).toEqual([`DELETE /v1/admin/bots/${holding.id}`, `DELETE /v1/admin/bots/${second.id}`].sort())
    expect(deletes.slice(2).sort()).toEqual(ours.map((i) => `DELETE /v1/admin/integrations/${i.id}`).sort())
    const listBots = api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/admin/bots')
    expect(listBots[0]!.query.get('tags[deploy-botpress-integration]')).toBe(NAME)
    expect(listBots[0]!.query.get('tags[pull-request]')).toBe('42')
    expect(listBots[0]!.headers['x-multiple-integrations']).toBe('true')
    const lists = api.requests.filter((r) => r.path === '/v1/admin/integrations')
    expect(lists.map((r) => r.query.get('name'))).toEqual(Array(lists.length).fill(NAME))
    expect(lists.length).toBeGreaterThan(1)

    expect(remaining().sort()).toEqual(kept.map((i) => `${i.name}@${i.version}`).sort())
    expect(api.bots.all().map((b) => b.id)).toEqual([othersBot.id])
    expect(result.stdout).toContain('::warning::acme/acme-crm@1.5.1-pr.42 looks like a preview of pull request #42 but is unlisted: it is kept.')

    expect(result.outputs.operation).toBe('deleted')
    const deleted = JSON.parse(result.outputs.deleted!)
    expect(deleted).toEqual(
      expect.arrayContaining([
        { kind: 'bot', id: holding.id, name: holding.name },
        ...ours.map((i) => ({ kind: 'integration', id: i.id, name: NAME, version: i.version })),
      ]),
    )
    expect(deleted).toHaveLength(5)
    const comment = github.comments(42)[0]!.body
    expect(comment).toContain('**🧹 preview removed**')
    expect(comment).toContain(`| integration | \`${NAME}\` | \`1.5.0-pr.42\` | \`${ours[0]!.id}\` |`)

    api.requests.length = 0
    const again = await closed()
    expect(again.code).toBe(0)
    expect(again.outputs).toMatchObject({ operation: 'skipped', deleted: '[]' })
    expect(again.stdout).toContain('::notice::Pull request #42 is closed and no preview of acme/acme-crm is left on Botpress: nothing to remove.')
    expect(calls().filter((call) => call.startsWith('DELETE'))).toEqual([])
    expect(github.comments(42)).toHaveLength(1)
    expect(github.comments(42)[0]!.body).toContain("Nothing of pull request #42's previews was left on Botpress.")
  })

  it('finds previews by the preview-version pattern', async () => {
    const result = await closed({ 'preview-version': '{version}-preview.{number}.{sha}' })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.outputs.deleted!)).toEqual([{ kind: 'integration', id: kept[5]!.id, name: NAME, version: '1.5.0-preview.42.9b1c7e2' }])
  })

  it('tries a refused delete again, and fails naming it when Botpress keeps refusing', async () => {
    const target = ours[0]!
    const refusal = { status: 409, body: { id: 'err_1', code: 409, type: 'ReferenceConstraint', message: 'Integration is installed in a bot' } }
    api.before(`DELETE /v1/admin/integrations/${target.id}`, () => api.fail(refusal))
    const result = await closed()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`::warning::Botpress refused to delete acme/acme-crm@1.5.0-pr.42 (HTTP 409); trying again in`)
    expect(calls().filter((c) => c === `DELETE /v1/admin/integrations/${target.id}`)).toHaveLength(2)
    expect(remaining()).not.toContain(`${NAME}@1.5.0-pr.42`)

    // A bot that is not the preview's (no tags) holds another: refused every time, then reported.
    const untagged = api.bots.seed('production', {})
    const stuck = version('1.6.0-pr.42')
    api.add(stuck)
    untagged.integrations.stuck = { id: stuck.id }
    api.bots.add(untagged)
    const failed = await closed()
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain(
      `::error::Deleting acme/acme-crm@1.6.0-pr.42 (DELETE /v1/admin/integrations/${stuck.id}) failed: HTTP 409 ReferenceConstraint`,
    )
    expect(calls().filter((c) => c === `DELETE /v1/admin/integrations/${stuck.id}`)).toHaveLength(4)
  }, 30_000)

  it('needs the manifest’s name', async () => {
    const { workspace, manifest } = await exampleWorkspace((text) => text.replace(/^name: .*$/m, ''))
    const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
    const result = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, 'api-url': api.url, manifest, preview: 'true' },
      event: { name: 'pull_request', payload: { ...payload, action: 'closed' } },
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::integrations/acme-crm/integration.yml has no `name`: previews are found by the integration')
    expect(api.requests).toEqual([])
  })
})

describe('preview: cleanup-stale', () => {
  it('removes the previews of closed pull requests (with their bots) and those not updated for preview-max-age days, and nothing else', async () => {
    const old = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString()
    const ofClosed = version('1.5.0-pr.7')
    const aged = version('1.5.0-pr.8', { updatedAt: old })
    const fresh = version('1.5.0-pr.9')
    const unknown = version('1.5.0-pr.10')
    const publishedOld = version('1.6.0-pr.8', { visibility: 'public', updatedAt: old })
    for (const integration of [ofClosed, aged, fresh, unknown, publishedOld]) api.add(integration)
    const bot = previewBot(7, ofClosed)
    github.setPull(7, 'closed')
    for (const number of [8, 9, 41, 42, 420]) github.setPull(number, 'open')
    const { workspace, manifest } = await exampleWorkspace()
    const result = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, 'api-url': api.url, manifest, preview: 'cleanup-stale', 'github-token': github.token },
      env: { GITHUB_API_URL: github.url },
      event: { name: 'schedule', payload: {} },
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const deleted = JSON.parse(result.outputs.deleted!)
    expect(deleted).toEqual([
      { kind: 'bot', id: bot.id, name: bot.name },
      { kind: 'integration', id: ofClosed.id, name: NAME, version: '1.5.0-pr.7' },
      { kind: 'integration', id: aged.id, name: NAME, version: '1.5.0-pr.8' },
    ])
    expect(result.outputs.operation).toBe('deleted')
    expect(remaining()).toEqual(expect.arrayContaining([`${NAME}@1.5.0-pr.9`, `${NAME}@1.5.0-pr.10`, `${NAME}@1.6.0-pr.8`, `${NAME}@1.5.0-pr.42`]))
    expect(result.stdout).toContain('::warning::Could not read pull request #10 (')
    expect(result.summary).toContain('Removed these stale previews:')
  })

  it('without a github-token, goes by age alone, saying so', async () => {
    const { workspace, manifest } = await exampleWorkspace()
    const result = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, 'api-url': api.url, manifest, preview: 'cleanup-stale', 'github-token': '' },
      event: { name: 'schedule', payload: {} },
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('::warning::No `github-token` (or no repository): whether pull requests are closed cannot be told')
    expect(result.outputs).toMatchObject({ operation: 'skipped', deleted: '[]' })
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([])
  })
})
