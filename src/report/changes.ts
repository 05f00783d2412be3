import { breakingLine, breakingRemedy } from '../plan/breaking.js'
import type { Plan, SchemaChange, SettingChange } from '../plan/plan.js'
import { cutAt, type Markdown } from './markdown.js'

/** Values are cut to this many characters: a plan shows what changed, not whole documents. */
const VALUE_MAX = 80

/** A setting's value as text: strings as they are, the rest as JSON; `(none)` when unset. */
function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** What a schema change did, after the property's name; `quote` shows what the schemas hold (types, enum values: untrusted). */
function schemaWords(change: SchemaChange, quote: (value: string) => string): string {
  switch (change.change) {
    case 'added':
      return change.required ? 'added, required' : 'added'
    case 'type':
      return `type ${quote(change.from ?? '')} → ${quote(change.to ?? '')}`
    case 'required':
      return 'made required'
    case 'optional':
      return 'made optional'
    case 'enum': {
      const added = change.enumAdded?.length ? `+ ${change.enumAdded.map(quote).join(', ')}` : ''
      const removed = change.enumRemoved?.length ? `− ${change.enumRemoved.map(quote).join(', ')}` : ''
      return `enum ${[added, removed].filter(Boolean).join(' ')}`
    }
    default:
      return change.change
  }
}

/** Schema changes grouped by whose schema they are, in the order found. */
function byWhere(changes: readonly SchemaChange[]): Map<string, SchemaChange[]> {
  const groups = new Map<string, SchemaChange[]>()
  for (const change of changes) groups.set(change.where, [...(groups.get(change.where) ?? []), change])
  return groups
}

/** Whose bots a plan's breaking changes would break: the version updated, or, for a create, the previous version's. */
function breakingSubject(plan: Plan): string {
  return plan.operation === 'create' && plan.previousVersion ? `${plan.name}@${plan.previousVersion}` : `${plan.name}@${plan.version}`
}

/** The headline of the breaking changes; `name` shows what comes from the manifest or the server (bare in the log, as code in Markdown). */
function breakingHeadline(plan: Plan, name: (text: string) => string): string {
  const count = `${plan.breaking.length} breaking change${plan.breaking.length === 1 ? '' : 's'}`
  const subject = name(breakingSubject(plan))
  if (plan.breakingAllowed === 'new-major') return `${count} since ${subject}, allowed: ${name(plan.version)} is a new major version.`
  if (plan.breakingAllowed === 'bypass') return `${count} for the bots that use ${subject}, applied anyway: \`bypass-breaking-changes\` is set.`
  return `${count} for the bots that use ${subject}: Botpress refuses them; ${breakingRemedy(plan.version)}.`
}

/** The breaking changes for the log, as one warning (or notice, when allowed); nothing when there are none. */
export function breakingLog(plan: Plan, scrub: (text: string) => string): string | undefined {
  if (!plan.breaking.length) return undefined
  return scrub([breakingHeadline(plan, (text) => text), ...plan.breaking.map((change) => `- ${breakingLine(change)}`)].join('\n'))
}

/** The log's lines of what changed, value by value and property by property, indented under the plan's section lines. */
export function changesLog(plan: Plan, scrub: (text: string) => string): string[] {
  const value = (text: unknown) => JSON.stringify(cutAt(scrub(valueText(text)), VALUE_MAX))
  const lines = plan.settingsChanged.map(({ key, from, to }) => `${key}: ${value(from)} → ${value(to)}`)
  for (const [where, changes] of byWhere(plan.schemaChanges)) {
    lines.push(`${where}: ${changes.map((change) => `${change.property} ${schemaWords(change, (v) => v)}`).join('; ')}`)
  }
  // Indented: details of the section lines above them.
  return lines.map((line) => `  ${scrub(line)}`)
}

/** The breaking changes as a GitHub alert: a caution when Botpress refuses them, a note or warning when they go through. */
export function breakingMarkdown(plan: Plan, md: Markdown): string[] {
  if (!plan.breaking.length) return []
  const kind = plan.breakingAllowed === 'new-major' ? 'NOTE' : plan.breakingAllowed === 'bypass' ? 'WARNING' : 'CAUTION'
  return [
    `> [!${kind}]`,
    `> **${breakingHeadline(plan, md.code)}**`,
    // `what` may quote a schema's types: untrusted, so escaped.
    ...plan.breaking.map(
      (change) => `> - ${md.code(change.where)}${change.property === undefined ? '' : ` ${md.code(change.property)}`}: ${md.text(change.what)}`,
    ),
    '',
  ]
}

/** Old → new for each setting, and each schema's changes by property: what the table's names hide. */
export function changesMarkdown(plan: Plan, md: Markdown): string[] {
  const lines: string[] = []
  const setting = ({ key, from, to }: SettingChange) => `- ${md.code(key)}: ${md.excerpt(valueText(from), VALUE_MAX)} → ${md.excerpt(valueText(to), VALUE_MAX)}`
  if (plan.settingsChanged.length) lines.push('', '**Settings**', '', ...plan.settingsChanged.map(setting))
  if (plan.schemaChanges.length) {
    lines.push('', '**Schemas**', '')
    for (const [where, changes] of byWhere(plan.schemaChanges)) {
      lines.push(`- ${md.code(where)}: ${changes.map((change) => `${md.code(change.property)} ${schemaWords(change, md.code)}`).join('; ')}`)
    }
  }
  return lines
}

/**
 * On a pull request, a change to a version Botpress no longer lets change:
 * the push that follows the merge fails. Nothing when it is private, or skipped.
 */
export function publishedBanner(
  input: { integration?: { name: string; version: string; visibility: string }; plan?: Plan; operation?: string; failure?: string },
  md: Markdown,
): string[] {
  const { integration, plan, operation } = input
  if (!integration || integration.visibility === 'private' || operation === 'skipped') return []
  if (plan?.operation !== 'update' && input.failure === undefined) return []
  const state = integration.visibility === 'public' ? 'published' : `published as ${md.text(integration.visibility)}`
  return [`> [!WARNING]`, `> **${md.code(`${integration.name}@${integration.version}`)} is ${state}: merging this fails; bump \`version\`.**`, '']
}
