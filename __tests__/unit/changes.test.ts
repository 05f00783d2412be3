import { describe, expect, it } from '@jest/globals'
import type { Plan } from '../../src/plan/plan.js'
import { breakingLog, breakingMarkdown, changesLog, changesMarkdown, publishedBanner } from '../../src/report/changes.js'
import { markdownFor } from '../../src/report/markdown.js'
import { scrubberFor } from '../../src/secrets/redact.js'

// report/changes.ts: old → new values, schema changes, breaking changes and the published banner, in the log and in Markdown.

const SECRET = 'sk-live-0123456789abcdef'

const plan = (fields: Partial<Plan> = {}): Plan => ({
  operation: 'update',
  name: 'acme/acme-crm',
  version: '1.4.0',
  body: {},
  settingsChanged: [],
  sections: [],
  schemaChanges: [],
  breaking: [],
  secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
  files: [],
  ...fields,
})

describe('settings, old → new', () => {
  const md = markdownFor([SECRET])
  const scrub = scrubberFor([SECRET])
  const long = `${'x'.repeat(70)} ${SECRET}`
  const changed = plan({
    settingsChanged: [
      { key: 'title', from: 'Acme', to: 'Acme CRM' },
      { key: 'url', from: undefined, to: 'https://acme.example' },
      { key: 'description', from: 'short', to: long },
      { key: 'configuration', from: { schema: {} }, to: { schema: { type: 'object' } } },
    ],
  })

  it('shows each value, cut at 80 characters after scrubbing, in Markdown', () => {
    const lines = changesMarkdown(changed, md)
    expect(lines).toEqual([
      '',
      '**Settings**',
      '',
      '- `title`: `Acme` → `Acme CRM`',
      '- `url`: `(none)` → `https://acme.example`',
      `- \`description\`: \`short\` → \`${'x'.repeat(70)} ***\``,
      '- `configuration`: `{"schema":{}}` → `{"schema":{"type":"object"}}`',
    ])
    const cut = changesMarkdown(plan({ settingsChanged: [{ key: 'readme', from: 'a', to: `${SECRET}${'y'.repeat(100)}` }] }), md)
    expect(cut[3]).toBe(`- \`readme\`: \`a\` → \`***${'y'.repeat(76)}…\``)
    expect(cut.join('\n')).not.toContain(SECRET.slice(0, 8))
  })

  it('never shows the first characters of a secret that a cut would split', () => {
    const split = plan({ settingsChanged: [{ key: 'title', from: 'a', to: `${'z'.repeat(75)}${SECRET}` }] })
    expect(changesMarkdown(split, md).join('\n')).not.toContain('sk-l')
    expect(changesLog(split, scrub).join('\n')).not.toContain('sk-l')
  })

  it('writes the same in the log, quoted', () => {
    expect(changesLog(changed, scrub)).toEqual([
      '  title: "Acme" → "Acme CRM"',
      '  url: "(none)" → "https://acme.example"',
      `  description: "short" → "${'x'.repeat(70)} ***"`,
      '  configuration: "{\\"schema\\":{}}" → "{\\"schema\\":{\\"type\\":\\"object\\"}}"',
    ])
  })
})

describe('schema changes', () => {
  const md = markdownFor([])
  const schemas = plan({
    schemaChanges: [
      { where: 'actions.create.input', property: 'email', change: 'required' },
      { where: 'actions.create.input', property: 'tier', change: 'enum', enumAdded: ['"gold"'], enumRemoved: ['"bronze"'] },
      { where: 'events.created', property: 'at', change: 'type', from: 'string', to: 'number' },
      { where: 'events.created', property: 'note', change: 'added', required: false },
      { where: 'states.s', property: 'k', change: 'added', required: true },
      { where: 'states.s', property: 'old', change: 'optional' },
      { where: 'states.s', property: 'gone', change: 'removed' },
    ],
  })

  it('lists them by schema, property by property', () => {
    expect(changesMarkdown(schemas, md)).toEqual([
      '',
      '**Schemas**',
      '',
      '- `actions.create.input`: `email` made required; `tier` enum + `"gold"` − `"bronze"`',
      '- `events.created`: `at` type `string` → `number`; `note` added',
      '- `states.s`: `k` added, required; `old` made optional; `gone` removed',
    ])
    expect(changesLog(schemas, (text) => text)).toEqual([
      '  actions.create.input: email made required; tier enum + "gold" − "bronze"',
      '  events.created: at type string → number; note added',
      '  states.s: k added, required; old made optional; gone removed',
    ])
  })

  it('keeps a hostile property name and type inside code spans', () => {
    const hostile = plan({
      schemaChanges: [
        { where: 'actions.a.input', property: '`</details>@here', change: 'removed' },
        { where: 'actions.a.input', property: 'p', change: 'type', from: 'string', to: '<img src=x>' },
      ],
    })
    expect(changesMarkdown(hostile, md)[3]).toBe('- `actions.a.input`: `` `</details>@here `` removed; `p` type `string` → `<img src=x>`')
    const breaking = plan({ breaking: [{ where: 'actions.a.input', property: 'p', what: 'input property type changed (string → <img src=x> @here)' }] })
    expect(breakingMarkdown(breaking, md)[2]).toBe('> - `actions.a.input` `p`: input property type changed \\(string → &lt;img src=x&gt; @\u200bhere\\)')
  })

  it('says nothing when nothing changes', () => {
    expect(changesMarkdown(plan(), md)).toEqual([])
    expect(changesLog(plan(), (text) => text)).toEqual([])
  })
})

describe('breaking changes', () => {
  const md = markdownFor([])
  const breaking = [
    { where: 'actions.deleteLead', what: 'action removed' },
    { where: 'actions.createLead.input', property: 'email', what: 'input property made required' },
  ]

  it('says Botpress refuses them, and the remedy, in the log and as a caution', () => {
    expect(breakingLog(plan({ breaking }), (text) => text)).toBe(
      [
        '2 breaking changes for the bots that use acme/acme-crm@1.4.0: Botpress refuses them; publish them as a new major version (2.0.0), or set `bypass-breaking-changes: true` to apply them anyway.',
        '- actions.deleteLead: action removed',
        '- actions.createLead.input email: input property made required',
      ].join('\n'),
    )
    expect(breakingMarkdown(plan({ breaking }), md)).toEqual([
      '> [!CAUTION]',
      '> **2 breaking changes for the bots that use `acme/acme-crm@1.4.0`: Botpress refuses them; publish them as a new major version (2.0.0), or set `bypass-breaking-changes: true` to apply them anyway.**',
      '> - `actions.deleteLead`: action removed',
      '> - `actions.createLead.input` `email`: input property made required',
      '',
    ])
  })

  it('names the previous version on a create, and says when a new major or the bypass lets them through', () => {
    const created = plan({ operation: 'create', version: '2.0.0', previousVersion: '1.4.0', breaking: breaking.slice(0, 1), breakingAllowed: 'new-major' })
    expect(breakingLog(created, (text) => text)).toBe(
      '1 breaking change since acme/acme-crm@1.4.0, allowed: 2.0.0 is a new major version.\n- actions.deleteLead: action removed',
    )
    expect(breakingMarkdown(created, md).slice(0, 2)).toEqual([
      '> [!NOTE]',
      '> **1 breaking change since `acme/acme-crm@1.4.0`, allowed: `2.0.0` is a new major version.**',
    ])
    const bypassed = plan({ breaking, breakingAllowed: 'bypass' })
    expect(breakingMarkdown(bypassed, md).slice(0, 2)).toEqual([
      '> [!WARNING]',
      '> **2 breaking changes for the bots that use `acme/acme-crm@1.4.0`, applied anyway: `bypass-breaking-changes` is set.**',
    ])
  })

  it('says nothing without breaking changes', () => {
    expect(breakingLog(plan(), (text) => text)).toBeUndefined()
    expect(breakingMarkdown(plan(), md)).toEqual([])
  })
})

describe('publishedBanner', () => {
  const md = markdownFor([])
  const integration = { name: 'acme/acme-crm', version: '1.4.0', visibility: 'public' }

  it('warns that merging fails when the pull request changes a published version', () => {
    expect(publishedBanner({ integration, plan: plan(), operation: 'validated-update' }, md)).toEqual([
      '> [!WARNING]',
      '> **`acme/acme-crm@1.4.0` is published: merging this fails; bump `version`.**',
      '',
    ])
    expect(publishedBanner({ integration: { ...integration, visibility: 'unlisted' }, failure: 'refused' }, md)[1]).toBe(
      '> **`acme/acme-crm@1.4.0` is published as unlisted: merging this fails; bump `version`.**',
    )
  })

  it('stays quiet for a private version, a skipped run or a create', () => {
    expect(publishedBanner({ integration: { ...integration, visibility: 'private' }, plan: plan(), operation: 'validated-update' }, md)).toEqual([])
    expect(publishedBanner({ integration, operation: 'skipped' }, md)).toEqual([])
    expect(publishedBanner({ integration, plan: plan({ operation: 'create' }), operation: 'created' }, md)).toEqual([])
    expect(publishedBanner({ plan: plan(), operation: 'validated-update' }, md)).toEqual([])
  })
})
