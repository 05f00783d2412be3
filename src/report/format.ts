import type { RemoteIntegration } from '../api/integration.js'
import type { Plan } from '../plan/plan.js'

/** The step's outputs, by the names action.yml declares. */
export function outputsFor(integration: RemoteIntegration, dryRun: boolean): Record<string, string> {
  return {
    'version-id': integration.id,
    'verification-status': integration.verificationStatus,
    'dry-run': String(dryRun),
    name: integration.name,
    version: integration.version,
    visibility: integration.visibility,
    'updated-at': integration.updatedAt,
    integration: JSON.stringify(integration),
  }
}

function list(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ')
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The plan as rows of what happens to what: one row per section that has anything. */
export function planRows(plan: Plan): Array<{ what: string; added: string; changed: string; removed: string }> {
  const rows = plan.sections
    .filter((s) => s.added.length || s.changed.length || s.removed.length || s.unchanged)
    .map((s) => ({
      what: s.section,
      added: list(s.added),
      changed: [list(s.changed), s.unchanged ? `(${s.unchanged} unchanged)` : ''].filter(Boolean).join(' '),
      removed: list(s.removed),
    }))
  if (plan.settingsChanged.length) rows.unshift({ what: 'settings', added: '', changed: list(plan.settingsChanged), removed: '' })
  const { added, updated, kept, skipped, removed } = plan.secrets
  if (added.length + updated.length + kept.length + skipped.length + removed.length) {
    const unchanged = [kept.length ? `${list(kept)} kept` : '', skipped.length ? `${list(skipped)} skipped (optional, no value)` : '']
    rows.push({
      what: 'secrets',
      added: list(added),
      changed: [updated.length ? `${list(updated)} set` : '', ...unchanged].filter(Boolean).join('; '),
      removed: list(removed),
    })
  }
  return rows
}

/** The plan for the log: a line per section, then the files sent. */
export function formatPlanLog(plan: Plan): string[] {
  const lines = planRows(plan).map((row) => {
    const parts = [
      row.added && `+ ${row.added}`,
      row.changed && `~ ${row.changed}`,
      row.removed && `- ${row.removed}`,
    ].filter(Boolean)
    // Backticks are for Markdown; the log shows names bare.
    return `${row.what}: ${parts.join('  ')}`.replace(/`/g, '')
  })
  for (const file of plan.files) lines.push(`${file.key}: ${file.path} (${formatBytes(file.bytes)})`)
  return lines.length ? lines : ['nothing to change']
}

/** Text made safe for one cell of a Markdown table. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export interface SummaryInput {
  integration: RemoteIntegration
  dryRun: boolean
  plan?: Plan
  /** Set when the run failed: what went wrong. */
  failure?: string
}

/** What became of the run, in a few words. */
export function resultLabel(dryRun: boolean, failure?: string): string {
  return failure !== undefined ? '❌ failed' : dryRun ? '🧪 dry run: validated, not applied' : '✅ deployed'
}

/** The job summary in Markdown: who, what happened, and the plan. */
export function summaryMarkdown({ integration, dryRun, plan, failure }: SummaryInput): string {
  const result = resultLabel(dryRun, failure)
  const lines = [
    `## ${escapeCell(integration.title)} — \`${integration.name}@${integration.version}\``,
    '',
    `**${result}**`,
    '',
    '| | |',
    '|---|---|',
    `| Version id | \`${integration.id}\` |`,
    `| Verification status | ${integration.verificationStatus} |`,
    `| Visibility | ${integration.visibility} |`,
    `| Updated at | ${integration.updatedAt} |`,
    `| Dry run | ${dryRun} |`,
    '',
  ]
  if (failure) lines.push('```', failure, '```', '')
  if (plan) {
    lines.push('### Plan', '', ...planTable(plan))
    if (plan.files.length) {
      lines.push('', `Files sent: ${plan.files.map((f) => `\`${f.key}\` ${escapeCell(f.path)} (${formatBytes(f.bytes)})`).join(', ')}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** The plan as a Markdown table, for the summary and the pull-request comment. */
export function planTable(plan: Plan): string[] {
  const rows = planRows(plan)
  if (!rows.length) return ['Nothing to change in the definition.']
  return [
    '| | Added | Changed | Removed |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.what} | ${escapeCell(row.added)} | ${escapeCell(row.changed)} | ${escapeCell(row.removed)} |`),
  ]
}

/** What the manifest says of the integration, for a run that failed before the GET. */
export interface ManifestLabel {
  title?: string
  name?: string
  version?: string
}

/** A summary for a run that failed before it knew the integration from Botpress. */
export function failureMarkdown(message: string, label: ManifestLabel = {}): string {
  const who = label.name && label.version ? ` — \`${label.name}@${label.version}\`` : ''
  const heading = label.title ? `${escapeCell(label.title)}${who}` : `Deploy Botpress integration${who}`
  return `## ${heading}\n\n**❌ failed**\n\n\`\`\`\n${message}\n\`\`\`\n`
}
