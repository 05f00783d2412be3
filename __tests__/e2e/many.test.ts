import { afterEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { renderGfm } from '../support/gfm.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_DIR } from '../support/workspace.js'

// Several integrations in one step: a repository of many, as Botpress's own keeps them.

type Api = Awaited<ReturnType<typeof startBotpressApi>>
let api: Api | undefined
let workspace: string | undefined
afterEach(async () => {
  if (api) {
    expect(api.ownViolations).toEqual([])
    for (const request of api.requests) expect(request.violations).toEqual([])
    await api.close()
  }
  if (workspace) await rm(workspace, { recursive: true, force: true })
  api = undefined
  workspace = undefined
})

const SHARED_KEY = 'shared-api-key-value-0001'
const GMAIL_KEY = 'gmail-only-api-key-value-0002'

/** A workspace with a copy of the example under `integrations/<bare>/` for each name, at `version`. */
async function monorepo(specs: Array<{ bare: string; version?: string; edit?: (manifest: string) => string }>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'monorepo-'))
  for (const { bare, version = '1.0.0', edit } of specs) {
    const dir = path.join(root, 'integrations', bare)
    await cp(EXAMPLE_DIR, dir, { recursive: true })
    const manifest = path.join(dir, 'integration.yml')
    const text = (await readFile(manifest, 'utf8')).replace('name: acme/acme-crm', `name: acme/${bare}`).replace('version: 1.4.0', `version: ${version}`)
    await writeFile(manifest, edit ? edit(text) : text)
  }
  return root
}

function inputs(server: Api, extra: Record<string, string> = {}): Record<string, string> {
  return {
    token: server.token,
    'workspace-id': server.workspaceId,
    'api-url': server.url,
    manifest: 'integrations/*/integration.yml',
    ...extra,
  }
}

const seeded = (bare: string, visibility: 'private' | 'public', id: string) =>
  seedIntegration({ id, name: `acme/${bare}`, version: '1.0.0', visibility, public: visibility === 'public', secrets: ['API_KEY'] })

const results = (run: { outputs: Record<string, string> }) => JSON.parse(run.outputs.results ?? 'null') as Array<Record<string, string | null>>

describe('a step with several manifests', () => {
  it('deploys each one, skips the published, reports every failure at the end, and writes one table', async () => {
    const names = ['a-new', 'b-new', 'c-private', 'd-private', 'e-public', 'f-public', 'g-invalid', 'h-refused', 'i-new', 'j-private', 'k-new', 'l-new']
    workspace = await monorepo(
      names.map((bare) => (bare === 'g-invalid' ? { bare, edit: (text: string) => text.replace('title: Acme CRM', `title: ${'x'.repeat(80)}`) } : { bare })),
    )
    const ids: Record<string, string> = {
      'c-private': 'intver_01MANYCPRIVATE00000000000',
      'd-private': 'intver_01MANYDPRIVATE00000000000',
      'j-private': 'intver_01MANYJPRIVATE00000000000',
      'e-public': 'intver_01MANYEPUBLIC000000000000',
      'f-public': 'intver_01MANYFPUBLIC000000000000',
      'h-refused': 'intver_01MANYHREFUSED00000000000',
    }
    api = await startBotpressApi({
      integrations: Object.entries(ids).map(([bare, id]) => seeded(bare, bare.endsWith('public') ? 'public' : 'private', id)),
    })
    const server = api
    api.before(`PUT /v1/admin/integrations/${ids['h-refused']}`, () =>
      server.fail({ status: 400, body: { type: 'InvalidPayload', message: 'refused by Botpress' } }),
    )
    const run = await runAction({
      workspace,
      inputs: inputs(api, { 'skip-published': 'true', secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }),
      env: { SECRET_A_NEW_API_KEY: GMAIL_KEY },
    })

    expect(run.code).toBe(1)
    const byManifest = Object.fromEntries(results(run).map((r) => [r.manifest!.split('/')[1], r]))
    expect(Object.keys(byManifest)).toEqual(names)
    expect(Object.fromEntries(names.map((bare) => [bare, byManifest[bare]!.operation]))).toEqual({
      'a-new': 'created',
      'b-new': 'created',
      'c-private': 'updated',
      'd-private': 'updated',
      'e-public': 'skipped',
      'f-public': 'skipped',
      'g-invalid': 'failed',
      'h-refused': 'failed',
      'i-new': 'created',
      'j-private': 'updated',
      'k-new': 'created',
      'l-new': 'created',
    })
    expect(byManifest['c-private']).toEqual({
      manifest: 'integrations/c-private/integration.yml',
      name: 'acme/c-private',
      version: '1.0.0',
      operation: 'updated',
      'version-id': ids['c-private'],
      'verification-status': 'unapproved',
      error: null,
    })
    expect(byManifest['g-invalid']!.error).toMatch(/^integrations\/g-invalid\/integration\.yml has/)
    expect(byManifest['h-refused']!.error).toBe(
      `Updating integration ${ids['h-refused']} (PUT /v1/admin/integrations/${ids['h-refused']}) failed: HTTP 400 InvalidPayload`,
    )

    // Nothing was written to the published versions; every other write went out once.
    const writes = api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
    expect(writes.filter((w) => w.includes(ids['e-public']!) || w.includes(ids['f-public']!))).toEqual([])
    expect(writes.filter((w) => w === 'POST /v1/admin/integrations')).toHaveLength(5)
    // The integration's own SECRET_<INTEGRATION>_<NAME> first, the shared value for the others.
    const created = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/admin/integrations')
    expect(Object.fromEntries(created.map((r) => [r.body.name, r.body.secrets.API_KEY]))).toEqual({
      'acme/a-new': GMAIL_KEY,
      'acme/b-new': SHARED_KEY,
      'acme/i-new': SHARED_KEY,
      'acme/k-new': SHARED_KEY,
      'acme/l-new': SHARED_KEY,
    })

    // The step fails once, naming each failure; the outputs of one integration stay empty.
    expect(run.stdout).toMatch(
      /::error::2 of 12 integrations failed:%0A {2}- acme\/g-invalid@1\.0\.0: integrations\/g-invalid\/integration\.yml has .+%0A {2}- acme\/h-refused@1\.0\.0: Updating integration/,
    )
    expect(run.outputs['version-id']).toBeUndefined()
    expect(run.outputs.operation).toBeUndefined()
    expect(run.outputs['dry-run']).toBe('false')
    // Each integration's lines in a group of its own, the skipped ones with a notice.
    for (const bare of names) expect(run.stdout).toContain(`::group::acme/${bare}@1.0.0\n`)
    expect(run.stdout).toMatch(/::notice::acme\/e-public@1\.0\.0: acme\/e-public@1\.0\.0 is already public on Botpress, so it cannot change: skipped/)
    // One summary: the table, then each one's plan.
    expect(run.summary).toContain(
      '## Deploy Botpress integrations\n\n12 integrations: 10 succeeded, 2 failed.\n\n| Integration | Manifest | Result | Version id | Changes |',
    )
    expect(run.summary).toContain(`| \`acme/c-private@1.0.0\` | \`integrations/c-private/integration.yml\` | ✅ updated | \`${ids['c-private']}\` |`)
    expect(run.summary).toContain('| `acme/e-public@1.0.0` | `integrations/e-public/integration.yml` | ⏭️ skipped: already published |')
    expect(run.summary.match(/<details><summary>/g)).toHaveLength(12)
    for (const value of [SHARED_KEY, GMAIL_KEY]) {
      for (const text of [visibleLog(run.stdout), run.stderr, JSON.stringify(run.outputs), run.summary]) expect(text).not.toContain(value)
    }
  })

  it('starts no integration after the first failure with fail-fast', async () => {
    workspace = await monorepo([
      { bare: 'a-ok' },
      { bare: 'b-bad', edit: (text) => text.replace('version: 1.0.0', 'version: not-semver') },
      { bare: 'c-ok' },
      { bare: 'd-ok' },
    ])
    api = await startBotpressApi()
    const run = await runAction({
      workspace,
      inputs: inputs(api, { 'fail-fast': 'true', 'max-parallel': '1', secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }),
    })
    expect(run.code).toBe(1)
    expect(results(run).map((r) => [r.manifest, r.operation])).toEqual([
      ['integrations/a-ok/integration.yml', 'created'],
      ['integrations/b-bad/integration.yml', 'failed'],
      ['integrations/c-ok/integration.yml', 'skipped'],
      ['integrations/d-ok/integration.yml', 'skipped'],
    ])
    expect(results(run)[2]!.error).toBe('Not started: `fail-fast` stopped the run after an integration failed.')
    expect(api.requests.some((r) => r.path.includes('c-ok') || r.body?.name === 'acme/c-ok')).toBe(false)
  })

  it('keeps at most max-parallel integrations in flight', async () => {
    workspace = await monorepo(['a', 'b', 'c', 'd', 'e', 'f'].map((bare) => ({ bare: `int-${bare}` })))
    api = await startBotpressApi({ latencyMs: 40 })
    const run = await runAction({ workspace, inputs: inputs(api, { 'max-parallel': '2', secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }) })
    expect(run.code).toBe(0)
    expect(results(run).every((r) => r.operation === 'created')).toBe(true)
    expect(api.peakInFlight()).toBe(2)
  })

  it('refuses inputs that name one integration, and a pattern that matches nothing, before any request', async () => {
    workspace = await monorepo([{ bare: 'a' }, { bare: 'b' }])
    api = await startBotpressApi()
    const byId = await runAction({ workspace, inputs: inputs(api, { 'integration-id': 'intver_01X' }) })
    expect(byId.code).toBe(1)
    expect(byId.stdout).toContain('::error::Input `manifest` names 2 integrations, so these inputs cannot be used: `integration-id` names one integration')
    const nothing = await runAction({ workspace, inputs: inputs(api, { manifest: 'integrations/*/integration.yml\nplugins/*/integration.yml' }) })
    expect(nothing.code).toBe(1)
    expect(nothing.stdout).toContain('::error::Input `manifest`: pattern `plugins/*/integration.yml` matches no file under .')
    expect(api.requests).toEqual([])
  })

  it('keeps a hostile folder name from becoming a workflow command or markup', async () => {
    const hostile = 'x\n::error::pwned` | <img src=x> @octocat'
    workspace = await monorepo([{ bare: 'a' }, { bare: hostile, edit: (text) => text.replace(`name: acme/${hostile}`, 'name: acme/hostile') }])
    api = await startBotpressApi()
    // runAction fails the test if the log holds a command the action did not issue.
    const run = await runAction({ workspace, inputs: inputs(api, { secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }) })
    expect(run.code).toBe(0)
    expect(results(run).map((r) => r.manifest)).toEqual(['integrations/a/integration.yml', `integrations/${hostile}/integration.yml`])
    // Rendered as GitHub renders it: the name stays text, in one table cell.
    const html = renderGfm(run.summary)
    expect(html).not.toMatch(/<img/)
    expect(html).toContain('<code>integrations/x ::error::pwned` | &lt;img src=x&gt; @octocat/integration.yml</code>')
  })

  it('behaves as a run of one when the patterns match one manifest', async () => {
    workspace = await monorepo([{ bare: 'only' }])
    api = await startBotpressApi()
    const run = await runAction({ workspace, inputs: inputs(api, { secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }) })
    expect(run.code).toBe(0)
    expect(run.outputs.operation).toBe('created')
    expect(run.outputs.name).toBe('acme/only')
    expect(run.outputs.results).toBeUndefined()
  })

  it('writes one pull-request comment for the set, and edits it on the next run', async () => {
    workspace = await monorepo([{ bare: 'a' }, { bare: 'b' }])
    api = await startBotpressApi()
    const github = await startGitHubApi()
    try {
      const event = { name: 'pull_request', payload: JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8')) }
      const number = event.payload.pull_request.number as number
      const run = (dryRun: string) =>
        runAction({
          workspace: workspace!,
          inputs: inputs(api!, { 'comment-on-pr': 'true', 'github-token': github.token, 'dry-run': dryRun, secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }),
          env: { GITHUB_API_URL: github.url },
          event,
        })
      expect((await run('true')).code).toBe(0)
      expect(github.comments(number)).toHaveLength(1)
      expect(github.comments(number)[0]!.body).toContain('2 integrations: 2 succeeded. Dry run: nothing was written.')
      expect((await run('false')).code).toBe(0)
      const comments = github.comments(number)
      expect(comments).toHaveLength(1)
      expect(comments[0]!.body).toMatch(/^<!-- deploy-botpress-integration:set-[0-9a-f]{12} -->\n### Botpress integrations\n\n2 integrations: 2 succeeded\.\n/)
      expect(comments[0]!.body).toContain('| `acme/a@1.0.0` | `integrations/a/integration.yml` | ✅ created |')
    } finally {
      await github.close()
    }
  })
})

describe('check-version-bump', () => {
  const git = (cwd: string, ...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        'git',
        args,
        { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } },
        (error, out) => (error ? reject(error) : resolve(out.trim())),
      ),
    )

  /** A repository with a base commit of three integrations at 1.0.0, then a commit that edits a (same version) and b (bumped to 1.0.1). */
  async function pullRequestRepository(): Promise<{ root: string; base: string }> {
    const root = await monorepo([{ bare: 'a' }, { bare: 'b' }, { bare: 'c' }])
    await git(root, 'init', '-q', '-b', 'main')
    await git(root, 'add', '-A')
    await git(root, 'commit', '-q', '-m', 'base')
    const base = await git(root, 'rev-parse', 'HEAD')
    await writeFile(path.join(root, 'integrations/a/hub.md'), '# Changed readme\n')
    const b = path.join(root, 'integrations/b/integration.yml')
    await writeFile(b, (await readFile(b, 'utf8')).replace('version: 1.0.0', 'version: 1.0.1'))
    await git(root, 'commit', '-q', '-am', 'change a and bump b')
    return { root, base }
  }
  const published = ['a', 'b', 'c'].map((bare) => seeded(bare, 'public', `intver_01BUMP${bare.toUpperCase()}000000000000000`))
  const prEvent = (base: string) => ({
    name: 'pull_request',
    payload: { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: 'f'.repeat(40) }, base: { sha: base } } },
  })

  it('fails a changed integration whose version is published, passes a bumped one, leaves an untouched one, and writes nothing', async () => {
    const { root, base } = await pullRequestRepository()
    workspace = root
    api = await startBotpressApi({ integrations: published })
    const run = await runAction({ workspace, inputs: inputs(api, { 'check-version-bump': 'true' }), event: prEvent(base) })
    expect(run.code).toBe(1)
    expect(results(run).map((r) => [r.manifest, r.operation, r.error])).toEqual([
      [
        'integrations/a/integration.yml',
        'failed',
        'integrations/a changed but acme/a@1.0.0 is already published: merging this fails. Bump `version` in integrations/a/integration.yml.',
      ],
      ['integrations/b/integration.yml', 'checked', null],
      ['integrations/c/integration.yml', 'unchanged', null],
    ])
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(run.stdout).toContain('check-version-bump: 2 files changed since the base commit')
  })

  it('asks GitHub for the files when the checkout lacks the base commit, and says how to fix it without a token', async () => {
    const { root } = await pullRequestRepository()
    workspace = root
    api = await startBotpressApi({ integrations: published })
    const github = await startGitHubApi()
    try {
      github.setPullFiles(7, [{ filename: 'integrations/c/icon.svg', status: 'modified' }])
      const shallow = prEvent('e'.repeat(40))
      const run = await runAction({
        workspace,
        inputs: inputs(api, { 'check-version-bump': 'true', 'github-token': github.token }),
        env: { GITHUB_API_URL: github.url },
        event: shallow,
      })
      expect(results(run).map((r) => r.operation)).toEqual(['unchanged', 'unchanged', 'failed'])
      expect(run.stdout).toContain('the checkout lacks the base commit; 1 files changed, as GitHub lists them')

      const blind = await runAction({ workspace, inputs: inputs(api, { 'check-version-bump': 'true' }), event: shallow })
      expect(blind.code).toBe(1)
      expect(blind.stdout).toContain('Check out with `fetch-depth: 0` (actions/checkout), or pass `github-token`.')
    } finally {
      await github.close()
    }
  })

  it('validates each changed integration as well with dry-run', async () => {
    const { root, base } = await pullRequestRepository()
    workspace = root
    api = await startBotpressApi({ integrations: [published[0]!, published[2]!] })
    const run = await runAction({
      workspace,
      inputs: inputs(api, { 'check-version-bump': 'true', 'dry-run': 'true', secrets: JSON.stringify({ API_KEY: SHARED_KEY }) }),
      event: prEvent(base),
    })
    expect(results(run).map((r) => r.operation)).toEqual(['failed', 'validated-create', 'unchanged'])
    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/admin/integrations/validate'])
  })
})

describe('mode: list', () => {
  it('writes the matrix of every manifest, and nothing to Botpress', async () => {
    workspace = await monorepo([{ bare: 'a' }, { bare: 'b', version: '2.1.0' }])
    api = await startBotpressApi()
    const run = await runAction({ workspace, inputs: inputs(api, { mode: 'list' }) })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      include: [
        { manifest: 'integrations/a/integration.yml', name: 'acme/a', version: '1.0.0' },
        { manifest: 'integrations/b/integration.yml', name: 'acme/b', version: '2.1.0' },
      ],
    })
    expect(api.requests).toEqual([])
    expect(run.summary).toContain('2 in the matrix; 0 already published, left out.')
  })

  it('leaves out what is already published with skip-published, and fails on a manifest without a version', async () => {
    workspace = await monorepo([{ bare: 'a' }, { bare: 'b' }, { bare: 'c' }])
    api = await startBotpressApi({
      integrations: [seeded('a', 'public', 'intver_01LISTA000000000000000000'), seeded('c', 'private', 'intver_01LISTC000000000000000000')],
    })
    const run = await runAction({ workspace, inputs: inputs(api, { mode: 'list', 'skip-published': 'true' }) })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.matrix!).include.map((entry: { name: string }) => entry.name)).toEqual(['acme/b', 'acme/c'])
    expect(api.requests.every((r) => r.method === 'GET')).toBe(true)

    const b = path.join(workspace, 'integrations/b/integration.yml')
    await writeFile(b, (await readFile(b, 'utf8')).replace('version: 1.0.0', 'version: main'))
    const broken = await runAction({ workspace, inputs: inputs(api, { mode: 'list' }) })
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain(
      'integrations/b/integration.yml must set `name` and a semantic `version` (such as 1.5.0) for `mode: list`; its version is "main"',
    )
    expect(broken.outputs.matrix).toBeUndefined()
  })
})
