import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import type { Plan } from '../../src/plan/plan.js'
import { markdownFor } from '../../src/report/markdown.js'

const md = markdownFor([])
import {
  formatPlanLog,
  outputsFor,
  planRows,
  planTable,
  previewNote,
  previewRows,
  removedMarkdown,
  resultLabel,
  summaryMarkdown,
  whoLabel,
} from '../../src/report/format.js'
import { seedIntegration } from '../support/botpress-api.mjs'

const integration = seedIntegration({ id: 'intver_01ABC', title: 'Acme | CRM', updatedAt: '2026-11-25T10:00:00.000Z' }) as RemoteIntegration
const plan: Plan = {
  operation: 'update',
  name: 'acme/acme-crm',
  version: '1.4.0',
  body: {},
  settingsChanged: [{ key: 'title', from: 'Acme', to: 'Acme CRM' }],
  schemaChanges: [],
  breaking: [],
  sections: [
    { section: 'actions', added: ['createLead'], changed: ['getLead'], removed: ['deleteLead'], unchanged: 2 },
    { section: 'events', added: [], changed: [], removed: [], unchanged: 0 },
  ],
  secrets: { added: ['API_KEY'], updated: [], kept: ['OLD'], skipped: ['MAYBE'], removed: ['GONE'] },
  files: [
    { key: 'code', path: 'build/index.js', bytes: 2_500_000 },
    { key: 'readme', path: 'hub.md', bytes: 2048, lines: 42 },
  ],
}

describe('outputsFor', () => {
  it('gives every output of action.yml', () => {
    expect(outputsFor({ operation: 'validated-update', dryRun: true, integration })).toEqual({
      operation: 'validated-update',
      created: 'false',
      'version-id': 'intver_01ABC',
      'verification-status': 'unapproved',
      'dry-run': 'true',
      name: 'acme/acme-crm',
      version: '1.4.0',
      visibility: 'private',
      'updated-at': '2026-11-25T10:00:00.000Z',
      integration: JSON.stringify(integration),
    })
  })
  it('after validating a create, names the version the plan would create', () => {
    const created = { ...plan, operation: 'create' as const, version: '1.5.0' }
    expect(outputsFor({ operation: 'validated-create', dryRun: true, plan: created })).toEqual({
      operation: 'validated-create',
      created: 'false',
      'dry-run': 'true',
      name: 'acme/acme-crm',
      version: '1.5.0',
    })
  })
})

describe('formatPlanLog', () => {
  it('prints a line per section with anything in it, then the files', () => {
    expect(formatPlanLog(plan, (text) => text)).toEqual([
      'settings: ~ title',
      'actions: + createLead  ~ getLead (2 unchanged)  - deleteLead',
      'secrets: + API_KEY  ~ OLD kept; MAYBE skipped (optional, no value)  - GONE',
      '  title: "Acme" → "Acme CRM"',
      'code: build/index.js (2.4 MiB)',
      'readme: hub.md (2.0 KiB, 42 lines)',
    ])
  })
  it('says when there is nothing to do', () => {
    expect(
      formatPlanLog(
        {
          ...plan,
          settingsChanged: [],
          schemaChanges: [],
          breaking: [],
          sections: [],
          secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
          files: [],
        },
        (text) => text,
      ),
    ).toEqual(['nothing to change'])
  })
})

describe('summaryMarkdown', () => {
  it('has a heading, the table of facts and the plan', () => {
    const markdown = summaryMarkdown({ integration, operation: 'updated', dryRun: false, plan }, md)
    expect(markdown).toContain('## Acme \\| CRM — `acme/acme-crm@1.4.0`\n\n**✅ updated**')
    expect(markdown).toContain(
      '| Version id | `intver_01ABC` |\n| Verification status | unapproved |\n| Visibility | private |\n| Updated at | 2026-11-25T10:00:00.000Z |\n| Dry run | false |',
    )
    expect(markdown).toContain('| actions | `createLead` | `getLead` (2 unchanged) | `deleteLead` |')
    expect(markdown).not.toContain('| events |')
    expect(markdown).toContain('Files sent: `code` build/index.js (2.4 MiB), `readme` hub.md (2.0 KiB, 42 lines)')
  })
  it('says when a run was a dry run, or failed and why', () => {
    expect(summaryMarkdown({ integration, operation: 'validated-update', dryRun: true, plan }, md)).toContain('**🧪 dry run: update validated, not applied**')
    const failed = summaryMarkdown({ integration, dryRun: false, failure: 'HTTP 400 BreakingChanges' }, md)
    expect(failed).toContain('**❌ failed**')
    expect(failed).toContain('```\nHTTP 400 BreakingChanges\n```')
    expect(failed).not.toContain('### Plan')
  })
})

describe('the whole summary of an update', () => {
  it('holds, in order, the heading, the result, the facts, the commit, the plan and the files', () => {
    const small: Plan = {
      ...plan,
      settingsChanged: [],
      sections: [{ section: 'events', added: ['won'], changed: [], removed: [], unchanged: 0 }],
      secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
    }
    expect(
      summaryMarkdown(
        { integration, operation: 'updated', dryRun: true, plan: small, commit: { sha: '9b1c7e2f4a6d8c0e' }, versionUrl: 'https://app.botpress.cloud/v' },
        md,
      ),
    ).toBe(
      [
        '## Acme \\| CRM — `acme/acme-crm@1.4.0`',
        '',
        '**✅ updated**',
        '',
        '| | |',
        '|---|---|',
        '| Version id | [`intver_01ABC`](https://app.botpress.cloud/v) |',
        '| Verification status | unapproved |',
        '| Visibility | private |',
        '| Updated at | 2026-11-25T10:00:00.000Z |',
        '| Dry run | true |',
        '| Commit | `9b1c7e2f4a6d` |',
        '',
        '### Plan: update `acme/acme-crm@1.4.0`',
        '',
        '| | Added | Changed | Removed |',
        '|---|---|---|---|',
        '| events | `won` |  |  |',
        '',
        'Files sent: `code` build/index.js (2.4 MiB), `readme` hub.md (2.0 KiB, 42 lines)',
        '',
      ].join('\n'),
    )
  })
})

describe('resultLabel and whoLabel', () => {
  it('tells a skipped deploy from a cleanup that found nothing', () => {
    expect(resultLabel({ operation: 'skipped' })).toBe('⏭️ skipped: already published')
    expect(resultLabel({ operation: 'skipped', removed: [] })).toBe('✅ no preview left to remove')
    expect(resultLabel({ operation: 'updated', failure: 'x' })).toBe('❌ failed')
    expect(resultLabel({})).toBe('❌ failed')
  })

  it('needs both a name and a version to name a version', () => {
    expect(whoLabel({ label: { name: 'acme/x' } })).toEqual({})
    expect(whoLabel({ label: { version: '1.0.0', title: 'X' } })).toEqual({ title: 'X' })
    expect(whoLabel({ label: { name: 'acme/x', version: '1.0.0' } })).toEqual({ version: 'acme/x@1.0.0' })
  })
})

describe('planRows of secrets', () => {
  const secretsRow = (secrets: Partial<Plan['secrets']>) =>
    planRows(
      { ...plan, settingsChanged: [], sections: [], secrets: { added: [], updated: [], kept: [], skipped: [], removed: [], ...secrets } },
      (name) => name,
    )
  it('has a row whenever any secret is named, whichever list it is in', () => {
    expect(secretsRow({})).toEqual([])
    expect(secretsRow({ added: ['A'], updated: ['B'] })).toEqual([{ what: 'secrets', added: 'A', changed: 'B set', removed: '' }])
    expect(secretsRow({ added: ['A'], kept: ['K'] })).toEqual([{ what: 'secrets', added: 'A', changed: 'K kept', removed: '' }])
    expect(secretsRow({ added: ['A'], skipped: ['S'] })).toEqual([{ what: 'secrets', added: 'A', changed: 'S skipped (optional, no value)', removed: '' }])
    expect(secretsRow({ added: ['A'], removed: ['R'] })).toEqual([{ what: 'secrets', added: 'A', changed: '', removed: 'R' }])
  })
})

describe('a summary without an answer from Botpress', () => {
  it('names the integration from the manifest', () => {
    const label = { title: 'Acme CRM', name: 'acme/crm', version: '1.0.0' }
    expect(summaryMarkdown({ dryRun: false, failure: 'bad', label }, md)).toBe('## Acme CRM — `acme/crm@1.0.0`\n\n**❌ failed**\n\n```\nbad\n```\n')
    expect(summaryMarkdown({ dryRun: false, failure: 'bad' }, md)).toContain('## Deploy Botpress integration\n')
  })
  it('after validating a create, lists everything as added and what the previous version had', () => {
    const created: Plan = { ...plan, operation: 'create', version: '1.5.0', previousVersion: '1.4.0', settingsChanged: [] }
    const markdown = summaryMarkdown({ dryRun: true, operation: 'validated-create', plan: created, label: { title: 'Acme CRM' } }, md)
    expect(markdown).toContain('## Acme CRM — `acme/acme-crm@1.5.0`\n\n**🧪 dry run: creation validated, nothing created**')
    expect(markdown).toContain('### Plan: create `acme/acme-crm@1.5.0`')
    expect(markdown).toContain('| | Added | Changed | Dropped since 1.4.0 |')
    expect(formatPlanLog(created, (text) => text)).toContain('actions: + createLead  ~ getLead (2 unchanged)  dropped since 1.4.0: deleteLead')
  })
})

describe('planTable headers', () => {
  const md = markdownFor([])
  const plan = (fields: Partial<Plan>): Plan => ({
    operation: 'create',
    name: 'acme/x',
    version: '1.0.0',
    body: {},
    settingsChanged: [],
    schemaChanges: [],
    breaking: [],
    sections: [{ section: 'actions', added: ['a'], changed: [], removed: [], unchanged: 0 }],
    secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
    files: [],
    ...fields,
  })
  it('has no column without a header', () => {
    expect(planTable(plan({}), md).slice(0, 3)).toEqual(['| | Added | Changed |', '|---|---|---|', '| actions | `a` |  |'])
    expect(planTable(plan({ previousVersion: '0.9.0' }), md)[0]).toBe('| | Added | Changed | Dropped since 0.9.0 |')
    expect(planTable(plan({ operation: 'update' }), md)[0]).toBe('| | Added | Changed | Removed |')
    for (const fields of [{}, { previousVersion: '0.9.0' }, { operation: 'update' as const }]) {
      expect(planTable(plan(fields), md)[0]).not.toMatch(/\|\s+\|$/)
    }
  })
})

describe('previews in the summary', () => {
  const md = markdownFor([])
  const bot = { id: 'bot_01', name: 'crm-pr-7', status: 'registration_failed', url: 'https://app.botpress.cloud/workspaces/w/bots/bot_01' }
  it('shows the preview bot, linked when it has a page', () => {
    expect(previewRows({}, md)).toEqual([])
    expect(previewRows({ previewBot: bot }, md)).toEqual([
      '| Preview bot | [crm-pr-7](https://app.botpress.cloud/workspaces/w/bots/bot_01) (`bot_01`): registration failed |',
    ])
    const { url: _url, ...unlinked } = bot
    expect(previewRows({ previewBot: unlinked }, md)).toEqual(['| Preview bot | crm-pr-7 (`bot_01`): registration failed |'])
  })
  it('says what the preview is and how to try it', () => {
    const integration = seedIntegration({ name: 'acme/crm' }) as RemoteIntegration
    expect(previewNote({ integration, previewVersion: '1.5.0-pr.7' }, md)).toBe(
      "This pull request's preview is `acme/crm@1.5.0-pr.7`, private to the workspace: install that version in a bot of the workspace to try it. It is removed when the pull request closes.",
    )
    expect(previewNote({ previewVersion: '1.5.0-pr.7', previewBot: bot }, md)).toBe(
      "This pull request's preview is `1.5.0-pr.7`, private to the workspace: it is installed in the preview bot [crm-pr-7](https://app.botpress.cloud/workspaces/w/bots/bot_01). It is removed when the pull request closes.",
    )
    expect(previewNote({}, md)).toContain('preview is ``')
  })
  it('lists what a cleanup or a sweep removed, or says nothing was left', () => {
    expect(removedMarkdown({ removed: [], pullRequest: 7 }, md)).toEqual(["Nothing of pull request #7's previews was left on Botpress."])
    expect(removedMarkdown({}, md)).toEqual(['No stale preview was left on Botpress.'])
    const removed = [
      { kind: 'bot' as const, id: 'bot_01', name: 'crm-pr-7' },
      { kind: 'integration' as const, id: 'intver_01', name: 'acme/crm', version: '1.5.0-pr.7' },
    ]
    expect(removedMarkdown({ removed, pullRequest: 7 }, md)).toEqual([
      'Removed what the previews of pull request #7 made:',
      '',
      '| | Name | Version | Id |',
      '|---|---|---|---|',
      '| bot | `crm-pr-7` |  | `bot_01` |',
      '| integration | `acme/crm` | `1.5.0-pr.7` | `intver_01` |',
    ])
    expect(removedMarkdown({ removed }, md)[0]).toBe('Removed these stale previews:')
  })
  it('says when a plan changes nothing, and counts the unchanged', () => {
    const plan: Plan = {
      operation: 'update',
      name: 'acme/x',
      version: '1.0.0',
      body: {},
      settingsChanged: [],
      schemaChanges: [],
      breaking: [],
      sections: [],
      secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
      files: [],
    }
    expect(planTable(plan, md)).toEqual(['Nothing to change in the definition.'])
    const some = { ...plan, sections: [{ section: 'events', added: [], changed: ['e'], removed: [], unchanged: 2 }] }
    expect(planTable(some, md)[2]).toBe('| events |  | `e` (2 unchanged) |  |')
  })
})
