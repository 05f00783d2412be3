import type { RemoteIntegration } from '../botpress/integration.js'
import type { Plan } from '../plan/plan.js'
import { commentMarker } from './comment.js'
import { commitMarkdown, planMarkdown, resultLabel, type RunOperation } from './format.js'
import type { Markdown } from './markdown.js'

/** What became of one integration of a run of several. */
export interface TargetResult {
  /** The manifest's path, relative to the workspace. */
  manifest: string
  operation: RunOperation | 'failed'
  name?: string
  version?: string
  integration?: RemoteIntegration
  plan?: Plan
  /** Why it failed, or why it never started; scrubbed. */
  failure?: string
}

const firstLine = (text: string) => text.split('\n')[0]!

/** Output `results`: one object per integration, in the manifests' order. */
export function resultsOutput(results: readonly TargetResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      manifest: result.manifest,
      name: result.integration?.name ?? result.name ?? null,
      version: result.integration?.version ?? result.version ?? null,
      operation: result.operation,
      'version-id': result.integration?.id ?? null,
      'verification-status': result.integration?.verificationStatus ?? null,
      error: result.failure === undefined ? null : firstLine(result.failure),
    })),
  )
}

/** What a plan changes, in counts: `+2 ~1 −1` (added, changed, removed), secrets included. */
export function changeCounts(plan: Plan | undefined): string {
  if (!plan) return ''
  const sum = (pick: (s: Plan['sections'][number]) => number) => plan.sections.reduce((total, section) => total + pick(section), 0)
  const added = sum((s) => s.added.length) + plan.secrets.added.length
  const changed = sum((s) => s.changed.length) + plan.settingsChanged.length + plan.secrets.updated.length
  const removed = sum((s) => s.removed.length) + plan.secrets.removed.length
  return added + changed + removed ? `+${added} ~${changed} −${removed}` : 'no change'
}

function label(result: TargetResult): string {
  if (result.operation === 'failed') return '❌ failed'
  // Skipped with a reason: `fail-fast` stopped the run before it started.
  if (result.operation === 'skipped' && result.failure !== undefined) return '⏭️ not started'
  return resultLabel({ operation: result.operation })
}

const who = (result: TargetResult) => {
  const name = result.integration?.name ?? result.name
  const version = result.integration?.version ?? result.version
  return name && version ? `${name}@${version}` : result.manifest
}

/** One row per integration: who, the result, the version id and what changed. */
export function resultsTable(results: readonly TargetResult[], md: Markdown): string[] {
  return [
    '| Integration | Manifest | Result | Version id | Changes |',
    '|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${md.code(who(result))} | ${md.code(result.manifest)} | ${label(result)} | ${result.integration ? md.code(result.integration.id) : ''} | ${changeCounts(result.plan)} |`,
    ),
  ]
}

/** Each integration's plan, or why it failed, in a collapsed block of its own. */
function details(result: TargetResult, md: Markdown): string[] {
  const lines = [`<details><summary>${md.text(who(result))}: ${label(result)}</summary>`, '']
  if (result.failure !== undefined) lines.push(...md.block(result.failure), '')
  if (result.plan) lines.push(...planMarkdown(result.plan, md), '')
  lines.push('</details>', '')
  return lines
}

const counted = (results: readonly TargetResult[]) => {
  const failed = results.filter((r) => r.operation === 'failed').length
  return `${results.length} integrations: ${results.length - failed} succeeded${failed ? `, ${failed} failed` : ''}.`
}

/** The job summary of a run of several integrations: the table, then each one's plan. */
export function manySummaryMarkdown(results: readonly TargetResult[], dryRun: boolean, md: Markdown): string {
  const lines = [
    '## Deploy Botpress integrations',
    '',
    `${counted(results)}${dryRun ? ' Dry run: nothing was written.' : ''}`,
    '',
    ...resultsTable(results, md),
    '',
  ]
  for (const result of results) lines.push(...details(result, md))
  return `${lines.join('\n').trimEnd()}\n`
}

/** The one pull-request comment of a run of several: the table, and the plans of those that change or failed. */
export function manyCommentBody(results: readonly TargetResult[], input: { key: string; sha: string; runUrl?: string; dryRun: boolean }, md: Markdown): string {
  const lines = [commentMarker(input.key), '### Botpress integrations', '', `${counted(results)}${input.dryRun ? ' Dry run: nothing was written.' : ''}`, '']
  lines.push(...resultsTable(results, md), '')
  const facts: string[] = []
  const commit = commitMarkdown({ sha: input.sha })
  if (commit) facts.push(`Commit ${commit}`)
  if (input.runUrl) facts.push(`[workflow run ${input.runUrl.split('/').pop()}](${input.runUrl})`)
  if (facts.length) lines.push(`${facts.join(' · ')}`, '')
  for (const result of results) {
    if (result.operation === 'failed' || (result.plan && changeCounts(result.plan) !== 'no change')) lines.push(...details(result, md))
  }
  lines.push('<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>')
  return `${lines.join('\n')}\n`
}

/** One job of a matrix: the manifest to deploy, with its name and version. */
export interface MatrixEntry {
  manifest: string
  name: string
  version: string
}

/** The summary of `mode: list`: what the matrix holds, and what was left out as already published. */
export function matrixMarkdown(include: readonly MatrixEntry[], published: readonly MatrixEntry[], md: Markdown): string {
  const row = (entry: MatrixEntry) => `| ${md.code(`${entry.name}@${entry.version}`)} | ${md.code(entry.manifest)} |`
  const lines = ['## Botpress integrations to deploy', '', `${include.length} in the matrix; ${published.length} already published, left out.`, '']
  if (include.length) lines.push('| Integration | Manifest |', '|---|---|', ...include.map(row), '')
  if (published.length)
    lines.push('<details><summary>Already published</summary>', '', '| Integration | Manifest |', '|---|---|', ...published.map(row), '', '</details>')
  return `${lines.join('\n').trimEnd()}\n`
}
