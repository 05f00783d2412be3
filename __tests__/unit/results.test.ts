import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import type { Plan } from '../../src/plan/plan.js'
import { markdownFor } from '../../src/report/markdown.js'
import { changeCounts, manyCommentBody, manySummaryMarkdown, matrixMarkdown, resultsOutput, resultsTable, type TargetResult } from '../../src/report/results.js'
import { seedIntegration } from '../support/botpress-api.mjs'

const md = markdownFor(['a-secret-value'])
const integration = seedIntegration({ id: 'intver_01RESULTS', name: 'acme/gmail', version: '1.0.10' }) as RemoteIntegration
const plan = (fields: Partial<Plan> = {}): Plan => ({
  operation: 'update',
  name: 'acme/gmail',
  version: '1.0.10',
  body: {},
  settingsChanged: [{ key: 'title', from: 'Acme', to: 'Acme CRM' }],
  schemaChanges: [],
  breaking: [],
  sections: [
    { section: 'actions', added: ['send', 'read'], changed: ['list'], removed: ['old'], unchanged: 3 },
    { section: 'events', added: [], changed: [], removed: ['gone'], unchanged: 0 },
  ],
  secrets: { added: ['TOKEN'], updated: ['KEY'], kept: ['KEPT'], skipped: [], removed: ['LEGACY'] },
  files: [],
  ...fields,
})
const updated: TargetResult = { manifest: 'integrations/gmail/integration.yml', operation: 'updated', integration, plan: plan() }
const failed: TargetResult = {
  manifest: 'integrations/slack/integration.yml',
  operation: 'failed',
  name: 'acme/slack',
  version: '2.0.0',
  failure: 'refused: a-secret-value\nsecond line',
}
const unnamed: TargetResult = { manifest: 'integrations/x/integration.yml', operation: 'skipped', failure: 'Not started.' }

describe('resultsOutput', () => {
  it('has one object per integration, with the first line of what failed, and null for what is not known', () => {
    expect(JSON.parse(resultsOutput([updated, failed, unnamed]))).toEqual([
      {
        manifest: 'integrations/gmail/integration.yml',
        name: 'acme/gmail',
        version: '1.0.10',
        operation: 'updated',
        'version-id': 'intver_01RESULTS',
        'verification-status': integration.verificationStatus,
        error: null,
      },
      {
        manifest: 'integrations/slack/integration.yml',
        name: 'acme/slack',
        version: '2.0.0',
        operation: 'failed',
        'version-id': null,
        'verification-status': null,
        error: 'refused: a-secret-value',
      },
      {
        manifest: 'integrations/x/integration.yml',
        name: null,
        version: null,
        operation: 'skipped',
        'version-id': null,
        'verification-status': null,
        error: 'Not started.',
      },
    ])
  })
})

describe('changeCounts', () => {
  it('counts sections, settings and secrets', () => {
    expect(changeCounts(plan())).toBe('+3 ~3 −3')
    expect(
      changeCounts(
        plan({
          settingsChanged: [],
          schemaChanges: [],
          breaking: [],
          sections: [],
          secrets: { added: [], updated: [], kept: ['K'], skipped: [], removed: [] },
        }),
      ),
    ).toBe('no change')
    expect(changeCounts(undefined)).toBe('')
  })
})

describe('the table and the summary', () => {
  it('names each integration, its manifest, its result, its id and its changes, scrubbed', () => {
    expect(resultsTable([updated, failed, unnamed], md)).toEqual([
      '| Integration | Manifest | Result | Version id | Changes |',
      '|---|---|---|---|---|',
      '| `acme/gmail@1.0.10` | `integrations/gmail/integration.yml` | ✅ updated | `intver_01RESULTS` | +3 ~3 −3 |',
      '| `acme/slack@2.0.0` | `integrations/slack/integration.yml` | ❌ failed |  |  |',
      '| `integrations/x/integration.yml` | `integrations/x/integration.yml` | ⏭️ not started |  |  |',
    ])
  })

  it('counts what succeeded and failed, says a dry run wrote nothing, and gives each one a block', () => {
    const summary = manySummaryMarkdown([updated, failed], true, md)
    expect(
      summary.startsWith('## Deploy Botpress integrations\n\n2 integrations: 1 succeeded, 1 failed. Dry run: nothing was written.\n\n| Integration |'),
    ).toBe(true)
    expect(summary).toContain('<details><summary>acme/gmail@\u200b1.0.10: ✅ updated</summary>\n\n| | Added | Changed | Removed |')
    expect(summary).toContain('<details><summary>acme/slack@\u200b2.0.0: ❌ failed</summary>\n\n```\nrefused: ***\nsecond line\n```\n\n</details>')
    expect(summary).not.toContain('a-secret-value')
    expect(manySummaryMarkdown([updated], false, md)).toContain('1 integrations: 1 succeeded.\n')
  })
})

describe('whole bodies of several integrations', () => {
  const small: TargetResult = {
    manifest: 'a/integration.yml',
    operation: 'updated',
    integration,
    plan: plan({
      settingsChanged: [],
      sections: [{ section: 'actions', added: ['send'], changed: [], removed: [], unchanged: 0 }],
      secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
    }),
  }
  const unchanged: TargetResult = {
    ...small,
    manifest: 'b/integration.yml',
    plan: plan({ settingsChanged: [], sections: [], secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] } }),
  }
  const broken: TargetResult = { manifest: 'c/integration.yml', operation: 'failed', name: 'acme/c', failure: 'bad' }
  const table = [
    '| Integration | Manifest | Result | Version id | Changes |',
    '|---|---|---|---|---|',
    '| `acme/gmail@1.0.10` | `a/integration.yml` | ✅ updated | `intver_01RESULTS` | +1 ~0 −0 |',
    '| `acme/gmail@1.0.10` | `b/integration.yml` | ✅ updated | `intver_01RESULTS` | no change |',
    // A name without a version is not a label: the manifest stands in.
    '| `c/integration.yml` | `c/integration.yml` | ❌ failed |  |  |',
  ]
  const block = [
    '<details><summary>acme/gmail@\u200b1.0.10: ✅ updated</summary>',
    '',
    '| | Added | Changed | Removed |',
    '|---|---|---|---|',
    '| actions | `send` |  |  |',
    '',
    '</details>',
    '',
  ]
  const failedBlock = ['<details><summary>c/integration.yml: ❌ failed</summary>', '', '```', 'bad', '```', '', '</details>', '']

  it('the summary: the count, the table and every block', () => {
    const noChange = ['<details><summary>acme/gmail@\u200b1.0.10: ✅ updated</summary>', '', 'Nothing to change in the definition.', '', '</details>', '']
    expect(manySummaryMarkdown([small, unchanged, broken], false, md)).toBe(
      [
        '## Deploy Botpress integrations',
        '',
        '3 integrations: 2 succeeded, 1 failed.',
        '',
        ...table,
        '',
        ...block,
        ...noChange,
        ...failedBlock.slice(0, -1),
      ].join('\n') + '\n',
    )
  })

  it('the comment: the count, the table, the commit and run, and the blocks of those that change or failed', () => {
    expect(
      manyCommentBody(
        [small, unchanged, broken],
        { key: 'k', sha: '9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f', runUrl: 'https://github.com/a/b/actions/runs/9', dryRun: false },
        md,
      ),
    ).toBe(
      [
        '<!-- deploy-botpress-integration:k -->',
        '### Botpress integrations',
        '',
        '3 integrations: 2 succeeded, 1 failed.',
        '',
        ...table,
        '',
        'Commit `9b1c7e2f4a6d` · [workflow run 9](https://github.com/a/b/actions/runs/9)',
        '',
        ...block,
        ...failedBlock,
        '<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>',
      ].join('\n') + '\n',
    )
  })
})

describe('manyCommentBody', () => {
  it('holds the marker, the table, the commit and run, and the blocks of those that change or failed only', () => {
    const unchanged: TargetResult = {
      ...updated,
      manifest: 'integrations/same/integration.yml',
      plan: plan({
        settingsChanged: [],
        schemaChanges: [],
        breaking: [],
        sections: [],
        secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
      }),
    }
    const body = manyCommentBody(
      [updated, failed, unchanged],
      { key: 'set-abc', sha: '9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f', runUrl: 'https://github.com/a/b/actions/runs/9', dryRun: false },
      md,
    )
    expect(body.split('\n').slice(0, 5)).toEqual([
      '<!-- deploy-botpress-integration:set-abc -->',
      '### Botpress integrations',
      '',
      '3 integrations: 2 succeeded, 1 failed.',
      '',
    ])
    expect(body).toContain('Commit `9b1c7e2f4a6d` · [workflow run 9](https://github.com/a/b/actions/runs/9)')
    expect(body.match(/<details>/g)).toHaveLength(2)
    expect(body.endsWith('<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>\n')).toBe(true)
    const bare = manyCommentBody([updated], { key: 'k', sha: 'not-a-sha', dryRun: true }, md)
    expect(bare).not.toContain('Commit')
    expect(bare).not.toContain('workflow run')
    expect(bare).toContain('1 integrations: 1 succeeded. Dry run: nothing was written.')
  })
})

describe('matrixMarkdown', () => {
  it('lists the matrix, and what was left out as published in a block', () => {
    const entry = (name: string) => ({ manifest: `integrations/${name}/integration.yml`, name: `acme/${name}`, version: '1.0.0' })
    expect(matrixMarkdown([entry('a')], [entry('b')], md)).toBe(
      [
        '## Botpress integrations to deploy',
        '',
        '1 in the matrix; 1 already published, left out.',
        '',
        '| Integration | Manifest |',
        '|---|---|',
        '| `acme/a@1.0.0` | `integrations/a/integration.yml` |',
        '',
        '<details><summary>Already published</summary>',
        '',
        '| Integration | Manifest |',
        '|---|---|',
        '| `acme/b@1.0.0` | `integrations/b/integration.yml` |',
        '',
        '</details>',
        '',
      ].join('\n'),
    )
    expect(matrixMarkdown([], [], md)).toBe('## Botpress integrations to deploy\n\n0 in the matrix; 0 already published, left out.\n')
  })
})
