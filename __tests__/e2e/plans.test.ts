import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleDefinitionBody, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// Plans a reviewer can judge: old → new values, schema changes by property,
// breaking changes flagged before the write, and the published banner.

const API_KEY = 'sk_live_plans_api_key_000001'

let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>
afterEach(async () => {
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
  await Promise.all([api.close(), github?.close()])
})

const pullRequest = async () => ({
  name: 'pull_request',
  payload: JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8')),
})

/** The example integration as an older run left it: another title, schemas the manifest has since changed, an action since dropped. */
async function olderExample(overrides: Record<string, unknown> = {}) {
  // What Botpress answers has no file contents, and channels and user tags as it fills them: left to the seed.
  const { code: _code, icon: _icon, readme: _readme, channels: _channels, user: _user, ...body } = await exampleDefinitionBody()
  const createLead = body.actions.createLead
  const getLead = body.actions.getLead
  return seedIntegration({
    ...body,
    id: EXAMPLE_ID,
    name: 'acme/acme-crm',
    version: '1.4.0',
    title: 'Acme CRM (old)',
    actions: {
      createLead: {
        ...createLead,
        input: { schema: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' } } } },
      },
      getLead: {
        ...getLead,
        output: { schema: { type: 'object', properties: { email: { type: 'string' }, stage: { type: 'string', enum: ['new', 'won', 'lost', 'archived'] } } } },
      },
      deleteLead: { title: 'Delete lead', input: { schema: {} }, output: { schema: {} } },
    },
    events: { leadWon: { ...body.events.leadWon, schema: { type: 'object', properties: { leadId: { type: 'string' }, amount: { type: 'string' } } } } },
    secrets: ['API_KEY'],
    ...overrides,
  })
}

describe('the plan of an update, on a pull request', () => {
  it('shows old → new settings, schema changes by property and the breaking changes, before a dry run writes nothing', async () => {
    api = await startBotpressApi({ integrations: [await olderExample()] })
    github = await startGitHubApi()
    const run = await runAction({
      inputs: exampleInputs(api, { API_KEY }, { 'github-token': github.token, 'dry-run': 'true', 'comment-on-pr': 'true' }),
      env: { GITHUB_API_URL: github.url },
      event: await pullRequest(),
    })
    expect(run.code).toBe(0)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT'])
    expect(api.requests[1]!.path).toBe(`/v1/admin/integrations/${EXAMPLE_ID}/validate`)

    const log = visibleLog(run.stdout)
    expect(log).toContain('  title: "Acme CRM (old)" → "Acme CRM"')
    expect(log).toContain('  actions.createLead.input: phone removed; email made required')
    expect(log).toContain('  actions.getLead.output: stage enum + "qualified" − "archived"')
    expect(log).toContain('  events.leadWon: amount type string → number')
    // Files are sent every time, not compared: the readme with its lines.
    expect(log).toContain('readme: hub.md (246 B, 8 lines)')
    // One warning annotation, before the write, with the remedy.
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::4 breaking changes'))
    expect(warning).toBe(
      '::warning::4 breaking changes for the bots that use acme/acme-crm@1.4.0: Botpress refuses them; publish them as a new major version (2.0.0), or set `bypass-breaking-changes: true` to apply them anyway.' +
        '%0A- actions.deleteLead: action removed' +
        '%0A- actions.createLead.input phone: input property removed' +
        '%0A- actions.createLead.input email: input property made required' +
        '%0A- events.leadWon amount: payload property type changed (string → number)',
    )
    expect(run.stdout.indexOf('::warning::4 breaking')).toBeLessThan(run.stdout.indexOf('Dry run: Botpress validated the update'))

    const [comment] = github.comments(42)
    for (const markdown of [comment!.body, run.summary]) {
      expect(markdown).toContain(
        [
          '> [!CAUTION]',
          '> **4 breaking changes for the bots that use `acme/acme-crm@1.4.0`: Botpress refuses them; publish them as a new major version (2.0.0), or set `bypass-breaking-changes: true` to apply them anyway.**',
          '> - `actions.deleteLead`: action removed',
          '> - `actions.createLead.input` `phone`: input property removed',
          '> - `actions.createLead.input` `email`: input property made required',
          '> - `events.leadWon` `amount`: payload property type changed \\(string → number\\)',
        ].join('\n'),
      )
      expect(markdown).toContain(['**Settings**', '', '- `title`: `Acme CRM (old)` → `Acme CRM`'].join('\n'))
      expect(markdown).toContain(
        [
          '**Schemas**',
          '',
          '- `actions.createLead.input`: `phone` removed; `email` made required',
          '- `actions.getLead.output`: `stage` enum + `"qualified"` − `"archived"`',
          '- `events.leadWon`: `amount` type `string` → `number`',
        ].join('\n'),
      )
      // A private version: no banner.
      expect(markdown).not.toContain('merging this fails')
    }
  })

  it('says the changes go through with bypass-breaking-changes, and points a BreakingChanges refusal at what it flagged', async () => {
    api = await startBotpressApi({
      integrations: [await olderExample({ visibility: 'public', public: true, verificationStatus: 'approved' })],
      updatablePublic: true,
    })
    const run = await runAction({ inputs: exampleInputs(api, { API_KEY }) })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('failed: HTTP 400 BreakingChanges')
    expect(run.stdout).toContain(
      ['This run flagged them before the write:', '- actions.deleteLead: action removed', '- actions.createLead.input phone: input property removed'].join(
        '%0A',
      ),
    )
    expect(run.outputs.operation).toBe('failed')

    api.requests.length = 0
    const bypassed = await runAction({ inputs: exampleInputs(api, { API_KEY }, { 'bypass-breaking-changes': 'true' }) })
    expect(bypassed.code).toBe(0)
    expect(bypassed.stdout).toContain(
      '::warning::4 breaking changes for the bots that use acme/acme-crm@1.4.0, applied anyway: `bypass-breaking-changes` is set.',
    )
    expect(bypassed.summary).toContain('> [!WARNING]\n> **4 breaking changes for the bots that use `acme/acme-crm@1.4.0`, applied anyway')
  })
})

describe('the plan of a create, beside the version below it', () => {
  it('compares 1.5.0 with 1.4.0, and lets a new major through', async () => {
    api = await startBotpressApi({ integrations: [await olderExample({ id: 'intver_01PREVIOUS0000000000000' })] })
    const byName = (version: string) => exampleWorkspace((manifest) => manifest.replace('version: 1.4.0', `version: ${version}`))
    const minor = await byName('1.5.0')
    const run = await runAction({
      workspace: minor.workspace,
      inputs: exampleInputs(api, { API_KEY }, { manifest: minor.manifest, 'integration-id': '', 'dry-run': 'true' }),
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::group::Plan: create acme/acme-crm@1.5.0 (previous version 1.4.0)')
    // Relative to 1.4.0: nothing is "added" that 1.4.0 had already.
    expect(run.summary).toContain('| | Added | Changed | Dropped since 1.4.0 |')
    expect(run.summary).toContain('| actions |  | `createLead`, `getLead` | `deleteLead` |')
    expect(run.summary).toContain('- `title`: `Acme CRM (old)` → `Acme CRM`')
    expect(run.summary).toContain('> [!CAUTION]\n> **4 breaking changes for the bots that use `acme/acme-crm@1.4.0`: Botpress refuses them')
    expect(run.stdout).toContain('::warning::4 breaking changes for the bots that use acme/acme-crm@1.4.0')

    const major = await byName('2.0.0')
    const next = await runAction({
      workspace: major.workspace,
      inputs: exampleInputs(api, { API_KEY }, { manifest: major.manifest, 'integration-id': '', 'dry-run': 'true' }),
    })
    expect(next.code).toBe(0)
    expect(next.stdout).not.toContain('::warning::4 breaking')
    expect(visibleLog(next.stdout)).toContain('4 breaking changes since acme/acme-crm@1.4.0, allowed: 2.0.0 is a new major version.')
    expect(next.summary).toContain('> [!NOTE]\n> **4 breaking changes since `acme/acme-crm@1.4.0`, allowed: `2.0.0` is a new major version.**')
  })
})

describe('a pull request that changes a published version', () => {
  it('says at the top of its comment that merging fails', async () => {
    api = await startBotpressApi({ integrations: [await olderExample({ visibility: 'public', public: true })] })
    github = await startGitHubApi()
    const { workspace, manifest } = await exampleWorkspace()
    const run = await runAction({
      workspace,
      inputs: exampleInputs(api, { API_KEY }, { manifest, 'integration-id': '', 'github-token': github.token, 'dry-run': 'true', 'comment-on-pr': 'true' }),
      env: { GITHUB_API_URL: github.url },
      event: await pullRequest(),
    })
    expect(run.code).toBe(1)
    const body = github.comments(42)[0]!.body
    const banner = '> [!WARNING]\n> **`acme/acme-crm@1.4.0` is published: merging this fails; bump `version`.**'
    expect(body).toContain(`### Botpress integration Acme CRM \\(old\\) — \`acme/acme-crm@1.4.0\`\n\n${banner}\n\n| | |`)
  })
})
