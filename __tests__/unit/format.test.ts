import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import type { Plan } from '../../src/plan/plan.js'
import { markdownFor } from '../../src/report/markdown.js'

const md = markdownFor([])
import { formatPlanLog, outputsFor, planTable, summaryMarkdown } from '../../src/report/format.js'
import { seedIntegration } from '../support/botpress-api.mjs'

const integration = seedIntegration({ id: 'intver_01ABC', title: 'Acme | CRM', updatedAt: '2026-11-25T10:00:00.000Z' }) as RemoteIntegration
const plan: Plan = {
  operation: 'update',
  name: 'acme/acme-crm',
  version: '1.4.0',
  body: {},
  settingsChanged: ['title'],
  sections: [
    { section: 'actions', added: ['createLead'], changed: ['getLead'], removed: ['deleteLead'], unchanged: 2 },
    { section: 'events', added: [], changed: [], removed: [], unchanged: 0 },
  ],
  secrets: { added: ['API_KEY'], updated: [], kept: ['OLD'], skipped: ['MAYBE'], removed: ['GONE'] },
  files: [{ key: 'code', path: 'build/index.js', bytes: 2_500_000 }],
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
    expect(formatPlanLog(plan)).toEqual([
      'settings: ~ title',
      'actions: + createLead  ~ getLead (2 unchanged)  - deleteLead',
      'secrets: + API_KEY  ~ OLD kept; MAYBE skipped (optional, no value)  - GONE',
      'code: build/index.js (2.4 MiB)',
    ])
  })
  it('says when there is nothing to do', () => {
    expect(
      formatPlanLog({ ...plan, settingsChanged: [], sections: [], secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] }, files: [] }),
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
    expect(markdown).toContain('Files sent: `code` build/index.js (2.4 MiB)')
  })
  it('says when a run was a dry run, or failed and why', () => {
    expect(summaryMarkdown({ integration, operation: 'validated-update', dryRun: true, plan }, md)).toContain('**🧪 dry run: update validated, not applied**')
    const failed = summaryMarkdown({ integration, dryRun: false, failure: 'HTTP 400 BreakingChanges' }, md)
    expect(failed).toContain('**❌ failed**')
    expect(failed).toContain('```\nHTTP 400 BreakingChanges\n```')
    expect(failed).not.toContain('### Plan')
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
    expect(formatPlanLog(created)).toContain('actions: + createLead  ~ getLead (2 unchanged)  dropped since 1.4.0: deleteLead')
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
