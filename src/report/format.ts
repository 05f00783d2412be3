import type { RemoteIntegration } from '../botpress/integration.js'
import type { Operation } from '../lifecycle/apply.js'
import type { Plan } from '../plan/plan.js'
import { formatSize } from '../base/size.js'
import type { Markdown } from './markdown.js'
import type { Removed } from '../preview/cleanup.js'
import { breakingMarkdown, changesLog, changesMarkdown } from './changes.js'

/**
 * What a run did: a deploy's operation, or a preview cleanup's (`deleted`, or
 * `skipped` when nothing was left), or `check-version-bump`'s (`unchanged`:
 * the pull request does not touch the integration; `checked`: it does, and its
 * version is new).
 */
export type RunOperation = Operation | 'deleted' | 'skipped' | 'unchanged' | 'checked'

/** What a run that reached its end did, for the outputs. */
export interface Outcome {
  operation: RunOperation
  dryRun: boolean
  /** The version as Botpress has it; none after validating a create. */
  integration?: RemoteIntegration
  plan?: Plan
  /** The version a pull request's preview deployed. */
  previewVersion?: string
  /** What a preview cleanup removed. */
  removed?: readonly Removed[]
}

/** The step's outputs, by the names action.yml declares. */
export function outputsFor({ operation, dryRun, integration, plan, previewVersion, removed }: Outcome): Record<string, string> {
  const common = {
    operation,
    created: String(operation === 'created'),
    'dry-run': String(dryRun),
    ...(previewVersion !== undefined && { 'preview-version': previewVersion }),
    ...(removed && { deleted: JSON.stringify(removed) }),
  }
  if (!integration) return { ...common, ...(plan && { name: plan.name, version: plan.version }) }
  return {
    ...common,
    'version-id': integration.id,
    'verification-status': integration.verificationStatus,
    name: integration.name,
    version: integration.version,
    visibility: integration.visibility,
    'updated-at': integration.updatedAt,
    integration: JSON.stringify(integration),
  }
}

/** How a plan shows a name: as code in Markdown, bare in the log. */
type NameFormat = (name: string) => string

/** The plan as rows of what happens to what: one row per section that has anything. */
export function planRows(plan: Plan, name: NameFormat): Array<{ what: string; added: string; changed: string; removed: string }> {
  const list = (names: readonly string[]) => names.map(name).join(', ')
  const rows = plan.sections
    .filter((s) => s.added.length || s.changed.length || s.removed.length || s.unchanged)
    .map((s) => ({
      what: s.section,
      added: list(s.added),
      changed: [list(s.changed), s.unchanged ? `(${s.unchanged} unchanged)` : ''].filter(Boolean).join(' '),
      removed: list(s.removed),
    }))
  if (plan.settingsChanged.length) rows.unshift({ what: 'settings', added: '', changed: list(plan.settingsChanged.map((change) => change.key)), removed: '' })
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

/** The plan for the log: a line per section, each value and property that changes, then the files sent; scrubbed before anything is cut. */
export function formatPlanLog(plan: Plan, scrub: (text: string) => string): string[] {
  const removed = plan.operation === 'create' ? `dropped since ${plan.previousVersion}: ` : '- '
  const lines = planRows(plan, (name) => name).map((row) => {
    const parts = [row.added && `+ ${row.added}`, row.changed && `~ ${row.changed}`, row.removed && `${removed}${row.removed}`].filter(Boolean)
    return `${row.what}: ${parts.join('  ')}`
  })
  lines.push(...changesLog(plan, scrub))
  for (const file of plan.files) lines.push(`${file.key}: ${file.path} (${fileFacts(file)})`)
  return lines.length ? lines : ['nothing to change']
}

/** A file's size, and a Markdown file's lines. */
function fileFacts(file: Plan['files'][number]): string {
  return file.lines === undefined ? formatSize(file.bytes) : `${formatSize(file.bytes)}, ${file.lines} lines`
}

export interface SummaryInput {
  /** The version as Botpress has it, when the run got that far. */
  integration?: RemoteIntegration
  /** What the manifest says, for a run that never learnt it from Botpress. */
  label?: ManifestLabel
  operation?: RunOperation
  dryRun: boolean
  plan?: Plan
  /** What a preview cleanup removed. */
  removed?: readonly Removed[]
  /** The pull request whose previews were removed. */
  pullRequest?: number
  /** The version a pull request's preview deployed. */
  previewVersion?: string
  /** The preview bot and how its registration ended (never its webhook URL). */
  previewBot?: { id: string; name: string; status: string; url?: string }
  /** Set when the run failed: what went wrong. */
  failure?: string
  /** The version's page in the Botpress dashboard, and the commit's on GitHub (both built from checked parts). */
  versionUrl?: string
  commit?: { sha: string; url?: string }
}

/** The version id, linked to its dashboard page when the run knows it. */
export function versionIdMarkdown(id: string, url: string | undefined, md: Markdown): string {
  return url ? `[${md.code(id)}](${url})` : md.code(id)
}

/** A commit's short hash, linked when the run knows where; nothing when it is not a hash. */
export function commitMarkdown(commit: { sha: string; url?: string } | undefined): string | undefined {
  if (!commit || !/^[0-9a-f]{7,40}$/.test(commit.sha)) return undefined
  const short = `\`${commit.sha.slice(0, 12)}\``
  return commit.url ? `[${short}](${commit.url})` : short
}

const RESULTS: Record<RunOperation, string> = {
  deleted: '🧹 preview removed',
  skipped: '✅ no preview left to remove',
  created: '✅ created',
  updated: '✅ updated',
  'validated-create': '🧪 dry run: creation validated, nothing created',
  'validated-update': '🧪 dry run: update validated, not applied',
  unchanged: '⏭️ unchanged in this pull request',
  checked: '✅ changed, and its version is new',
}

/** What became of the run, in a few words. */
export function resultLabel({ operation, failure, removed }: Pick<SummaryInput, 'operation' | 'failure' | 'removed'>): string {
  if (failure !== undefined || operation === undefined) return '❌ failed'
  // A deploy skipped by `skip-published` removed nothing; a cleanup always says what it removed.
  if (operation === 'skipped' && removed === undefined) return '⏭️ skipped: already published'
  return RESULTS[operation]
}

/** Who the run was about: from Botpress when it answered, else from the plan or the manifest. */
export function whoLabel({ integration, plan, label = {} }: Pick<SummaryInput, 'integration' | 'plan' | 'label'>): { title?: string; version?: string } {
  if (integration) return { title: integration.title, version: `${integration.name}@${integration.version}` }
  const name = plan?.name ?? label.name
  const version = plan?.version ?? label.version
  return { ...(label.title !== undefined && { title: label.title }), ...(name && version && { version: `${name}@${version}` }) }
}

/** Who the run was about, as a Markdown heading's text. */
export function whoMarkdown(input: SummaryInput, md: Markdown, fallback: string): string {
  const who = whoLabel(input)
  const version = who.version ? md.code(who.version) : ''
  return `${who.title ? md.text(who.title) : fallback}${version && ` — ${version}`}`
}

/** The job summary in Markdown: who, what happened, the facts and the plan. */
export function summaryMarkdown(input: SummaryInput, md: Markdown): string {
  const { integration, dryRun, plan, failure } = input
  const lines = [`## ${whoMarkdown(input, md, 'Deploy Botpress integration')}`, '', `**${resultLabel(input)}**`, '']
  if (integration) {
    lines.push(
      '| | |',
      '|---|---|',
      `| Version id | ${versionIdMarkdown(integration.id, input.versionUrl, md)} |`,
      `| Verification status | ${integration.verificationStatus} |`,
      `| Visibility | ${integration.visibility} |`,
      `| Updated at | ${md.text(integration.updatedAt)} |`,
      `| Dry run | ${dryRun} |`,
      ...(commitMarkdown(input.commit) ? [`| Commit | ${commitMarkdown(input.commit)} |`] : []),
      ...previewRows(input, md),
      '',
    )
  }
  if (input.previewVersion !== undefined) lines.push(previewNote(input, md), '')
  if (failure) lines.push(...md.block(failure), '')
  if (input.removed) lines.push(...removedMarkdown(input, md), '')
  if (plan) {
    lines.push(`### Plan: ${plan.operation} ${md.code(`${plan.name}@${plan.version}`)}`, '', ...planMarkdown(plan, md))
    if (plan.files.length) {
      lines.push('', `Files sent: ${plan.files.map((f) => `${md.code(f.key)} ${md.text(f.path)} (${fileFacts(f)})`).join(', ')}`)
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** The preview bot's row of a facts table. */
export function previewRows({ previewBot }: Pick<SummaryInput, 'previewBot'>, md: Markdown): string[] {
  if (!previewBot) return []
  const name = previewBot.url ? `[${md.text(previewBot.name)}](${previewBot.url})` : md.text(previewBot.name)
  return [`| Preview bot | ${name} (${md.code(previewBot.id)}): ${md.text(previewBot.status.replace(/_/g, ' '))} |`]
}

/** What a preview is and how long it lives, for the people of the pull request. */
export function previewNote(
  { integration, previewVersion, previewBot }: Pick<SummaryInput, 'integration' | 'previewVersion' | 'previewBot'>,
  md: Markdown,
): string {
  const version = integration ? md.code(`${integration.name}@${previewVersion}`) : md.code(previewVersion ?? '')
  const bot = previewBot && (previewBot.url ? `[${md.text(previewBot.name)}](${previewBot.url})` : md.text(previewBot.name))
  const howToTry = bot ? `it is installed in the preview bot ${bot}` : 'install that version in a bot of the workspace to try it'
  return `This pull request's preview is ${version}, private to the workspace: ${howToTry}. It is removed when the pull request closes.`
}

/** What a cleanup removed, as a sentence and a table. */
export function removedMarkdown({ removed = [], pullRequest }: Pick<SummaryInput, 'removed' | 'pullRequest'>, md: Markdown): string[] {
  // Without a pull request, the run was the sweep of stale previews.
  const of = pullRequest === undefined ? undefined : `pull request #${pullRequest}`
  if (!removed.length) return [of ? `Nothing of ${of}'s previews was left on Botpress.` : 'No stale preview was left on Botpress.']
  return [
    of ? `Removed what the previews of ${of} made:` : 'Removed these stale previews:',
    '',
    '| | Name | Version | Id |',
    '|---|---|---|---|',
    ...removed.map((item) => `| ${item.kind} | ${md.code(item.name)} | ${item.version ? md.code(item.version) : ''} | ${md.code(item.id)} |`),
  ]
}

/** The plan in Markdown: its breaking changes first, the table, then old → new values and schema changes. */
export function planMarkdown(plan: Plan, md: Markdown): string[] {
  return [...breakingMarkdown(plan, md), ...planTable(plan, md), ...changesMarkdown(plan, md)]
}

/** The plan as a Markdown table, for the summary and the pull-request comment. */
export function planTable(plan: Plan, md: Markdown): string[] {
  const rows = planRows(plan, md.code)
  if (!rows.length) return ['Nothing to change in the definition.']
  // A first version drops nothing: no column for it, rather than one without a header.
  if (plan.operation === 'create' && !plan.previousVersion) {
    return ['| | Added | Changed |', '|---|---|---|', ...rows.map((row) => `| ${row.what} | ${row.added} | ${row.changed} |`)]
  }
  const removed = plan.previousVersion ? `Dropped since ${md.text(plan.previousVersion)}` : 'Removed'
  return [`| | Added | Changed | ${removed} |`, '|---|---|---|---|', ...rows.map((row) => `| ${row.what} | ${row.added} | ${row.changed} | ${row.removed} |`)]
}

/** What the manifest says of the integration, for a run that never heard from Botpress. */
export interface ManifestLabel {
  id?: string
  title?: string
  name?: string
  version?: string
}
