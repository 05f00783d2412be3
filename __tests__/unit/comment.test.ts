import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import { commentBody, commentMarker } from '../../src/report/comment.js'
import { markdownFor } from '../../src/report/markdown.js'
import { redact } from '../../src/secrets/redact.js'

const md = markdownFor([])
import { seedIntegration } from '../support/botpress-api.mjs'

const integration = seedIntegration({ id: 'intver_01ABC', title: 'Acme CRM' }) as RemoteIntegration

describe('commentBody', () => {
  it('starts with the marker of its integration', () => {
    const body = commentBody({ key: 'intver_01ABC', dryRun: false, operation: 'updated', sha: 'abcdef1234567890', integration }, md)
    expect(body.split('\n')[0]).toBe(commentMarker('intver_01ABC'))
    expect(body).toContain('| Result | **✅ updated** |')
    expect(body).toContain('| Commit | `abcdef123456` |')
    expect(body).not.toContain('Workflow run')
  })

  it('says what failed, even before the integration was known', () => {
    const body = commentBody(
      { key: 'crm/integration.yml', dryRun: true, sha: 'abc', failure: 'crm/integration.yml has 2 problems', runUrl: 'https://github.com/a/b/actions/runs/9' },
      md,
    )
    expect(body).toContain('### Botpress integration `crm/integration.yml`')
    expect(body).toContain('| Result | **❌ failed** |')
    expect(body).toContain('```\ncrm/integration.yml has 2 problems\n```')
    expect(body).toContain('| Workflow run | [9](https://github.com/a/b/actions/runs/9) |')
  })
})

it("cuts a very long failure to stay under GitHub's comment limit", () => {
  const body = commentBody({ key: 'k', dryRun: false, sha: 'abc', failure: 'x'.repeat(100_000) }, md)
  expect(body.length).toBeLessThan(25_000)
  expect(body).toContain("… (80000 more characters in the workflow run's log)")
})

describe('redact', () => {
  it('replaces every secret value, longest first', () => {
    expect(redact('key=abcdefgh, part=abcdef, other', ['abcdef', 'abcdefgh'])).toBe('key=***, part=***, other')
  })
  it('leaves values too short to mean anything', () => {
    expect(redact('a b', ['a'])).toBe('a b')
    expect(redact('abcde abcdef', ['abcde', 'abcdef'])).toBe('abcde ***')
  })
})

describe('commentBody, whole', () => {
  const plan = {
    operation: 'update' as const,
    name: 'acme/acme-crm',
    version: '1.4.0',
    body: {},
    settingsChanged: [{ key: 'title', from: 'Acme', to: 'Acme CRM' }],
    schemaChanges: [],
    breaking: [],
    sections: [{ section: 'actions', added: ['find'], changed: [], removed: ['gone'], unchanged: 1 }],
    secrets: { added: [], updated: ['API_KEY'], kept: [], skipped: [], removed: [] },
    files: [],
  }

  it('holds, in order, the marker, the heading, the rows, what failed, the plan and the footer', () => {
    const body = commentBody(
      {
        key: 'crm/integration.yml',
        dryRun: false,
        operation: 'updated',
        sha: 'abcdef1234567890',
        runUrl: 'https://github.com/a/b/actions/runs/9',
        integration,
        plan,
        failure: 'boom',
      },
      md,
    )
    expect(body).toBe(
      [
        '<!-- deploy-botpress-integration:crm/integration.yml -->',
        '### Botpress integration Acme CRM — `acme/acme-crm@1.4.0`',
        '',
        '| | |',
        '|---|---|',
        '| Result | **❌ failed** |',
        '| Version id | `intver_01ABC` |',
        `| Verification status | ${integration.verificationStatus} |`,
        '| Commit | `abcdef123456` |',
        '| Workflow run | [9](https://github.com/a/b/actions/runs/9) |',
        '',
        '<details open><summary>What failed</summary>',
        '',
        '```',
        'boom',
        '```',
        '</details>',
        '',
        '#### Plan',
        '',
        '| | Added | Changed | Removed |',
        '|---|---|---|---|',
        '| settings |  | `title` |  |',
        '| actions | `find` | (1 unchanged) | `gone` |',
        '| secrets |  | `API_KEY` set |  |',
        '',
        '**Settings**',
        '',
        '- `title`: `Acme` → `Acme CRM`',
        '',
        '<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>',
        '',
      ].join('\n'),
    )
  })

  it('names only a commit that is a hash, and keeps a failure of exactly the limit whole', () => {
    for (const sha of ['abcdef', 'xabcdef1234', 'abcdef1234x', 'ABCDEF1234']) {
      expect(commentBody({ key: 'k', dryRun: false, sha, failure: 'f' }, md)).not.toContain('| Commit |')
    }
    expect(commentBody({ key: 'k', dryRun: false, sha: 'abcdef1', failure: 'f' }, md)).toContain('| Commit | `abcdef1` |')
    const exact = 'y'.repeat(20_000)
    const whole = commentBody({ key: 'k', dryRun: false, sha: 'abc', failure: exact }, md)
    expect(whole).toContain(`\n${exact}\n`)
    expect(whole).not.toContain('more characters')
  })

  it('links the commit only when the link is for the commit it names', () => {
    const sha = '9b1c7e2f4a6d8c0e1f3a5b7d9e1c3a5f7b9d1e3f'
    const url = `https://github.com/a/b/commit/${sha}`
    expect(commentBody({ key: 'k', dryRun: false, sha, failure: 'f', commit: { sha, url } }, md)).toContain(`| Commit | [\`9b1c7e2f4a6d\`](${url}) |`)
    expect(commentBody({ key: 'k', dryRun: false, sha, failure: 'f', commit: { sha: 'abcdef1234567', url } }, md)).toContain('| Commit | `9b1c7e2f4a6d` |')
  })

  it('says what the preview is, and what a cleanup removed', () => {
    const preview = commentBody({ key: 'k', dryRun: false, sha: 'abc', operation: 'created', integration, previewVersion: '1.4.0-pr.7' }, md)
    expect(preview).toContain("This pull request's preview is `acme/acme-crm@1.4.0-pr.7`, private to the workspace")
    const removed = [{ kind: 'integration' as const, id: 'intver_01', name: 'acme/crm', version: '1.4.0-pr.7' }]
    const cleanup = commentBody({ key: 'k', dryRun: false, sha: 'abc', operation: 'deleted', removed, pullRequest: 7 }, md)
    expect(cleanup).toContain('Removed what the previews of pull request #7 made:\n\n| | Name | Version | Id |')
    expect(cleanup).toContain('| integration | `acme/crm` | `1.4.0-pr.7` | `intver_01` |\n\n<sub>')
  })
})
