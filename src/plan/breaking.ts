import type { SchemaChange } from './schema-diff.js'
import type { BreakingChange, Plan, SectionPlan } from './types.js'

const REMOVED_ENTRY: Record<string, string> = { actions: 'action removed', events: 'event removed', channels: 'channel removed' }

/** Why a schema change breaks its users, or nothing when it does not. */
function schemaBreak(change: SchemaChange): string | undefined {
  const [section, , part] = change.where.split('.')
  if (section === 'actions' && part === 'input') {
    if (change.change === 'removed') return 'input property removed'
    if (change.change === 'required') return 'input property made required'
    if (change.change === 'added' && change.required) return 'required input property added'
    if (change.change === 'type') return `input property type changed (${change.from} → ${change.to})`
    if (change.change === 'enum' && change.enumRemoved?.length) return `input property no longer accepts ${change.enumRemoved.join(', ')}`
  }
  if (section === 'actions' && part === 'output') {
    if (change.change === 'removed') return 'output property removed'
    if (change.change === 'type') return `output property type changed (${change.from} → ${change.to})`
  }
  if (section === 'events') {
    if (change.change === 'removed') return 'payload property removed'
    if (change.change === 'type') return `payload property type changed (${change.from} → ${change.to})`
  }
  return undefined
}

/**
 * What Botpress treats as breaking for the bots that use a version: a removed
 * action, event or channel; an action input property removed, made required,
 * added as required, retyped or narrowed; an output or event payload property
 * removed or retyped.
 */
export function breakingChanges(sections: readonly SectionPlan[], schemas: readonly SchemaChange[]): BreakingChange[] {
  const found: BreakingChange[] = []
  for (const section of sections) {
    const what = REMOVED_ENTRY[section.section]
    // Nested names (`chat.messages.text`, `create.attributes.x`) are parts of an entry that stays.
    if (what) for (const name of section.removed.filter((removed) => !removed.includes('.'))) found.push({ where: `${section.section}.${name}`, what })
  }
  for (const change of schemas) {
    const what = schemaBreak(change)
    if (what) found.push({ where: change.where, property: change.property, what })
  }
  return found
}

/** Why the breaking changes go through, when there are any: a new major version first, else `bypass-breaking-changes`. */
export function breakingAllowed(breaking: readonly BreakingChange[], why: { newMajor: boolean; bypass: boolean }): Pick<Plan, 'breakingAllowed'> {
  if (!breaking.length) return {}
  if (why.newMajor) return { breakingAllowed: 'new-major' }
  return why.bypass ? { breakingAllowed: 'bypass' } : {}
}

/** The major part of a semantic version, or undefined. */
export function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)\./.exec(version)
  return match ? Number(match[1]) : undefined
}

/** A breaking change as one line of plain text: where, the property, what. */
export function breakingLine(change: BreakingChange): string {
  return `${change.where}${change.property === undefined ? '' : ` ${change.property}`}: ${change.what}`
}

/** What makes the breaking changes of a plan go through, for its readers. */
export function breakingRemedy(version: string): string {
  const major = majorOf(version)
  const next = major === undefined ? 'a new major version' : `a new major version (${major + 1}.0.0)`
  return `publish them as ${next}, or set \`bypass-breaking-changes: true\` to apply them anyway`
}
