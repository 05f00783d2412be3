import { planRows, type SummaryInput } from './format.js'

/** The hidden line that finds this action's comment for one integration again. */
export function commentMarker(key: string): string {
  return `<!-- deploy-botpress-integration:${key} -->`
}

export interface CommentInput extends Partial<SummaryInput> {
  /** The integration id, or what stands for it when the run failed before knowing it. */
  key: string
  dryRun: boolean
  sha: string
  runUrl?: string
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

// GitHub refuses comments over 65,536 characters; a failure with many problems
// could reach that, so it is cut, and the run's log has the rest.
const FAILURE_MAX = 20_000

function cut(text: string): string {
  return text.length > FAILURE_MAX ? `${text.slice(0, FAILURE_MAX)}\n… (${text.length - FAILURE_MAX} more characters in the workflow run's log)` : text
}

/** The pull-request comment: what was deployed, the result, the plan, the commit and the run. */
export function commentBody(input: CommentInput): string {
  const { integration, dryRun, plan, failure } = input
  const who = integration ? `${cell(integration.title)} \`${integration.name}@${integration.version}\`` : `\`${input.key}\``
  const result = failure ? '❌ failed' : dryRun ? '🧪 dry run: validated, not applied' : '✅ deployed'
  const lines = [commentMarker(input.key), `### Botpress integration ${who}`, '', '| | |', '|---|---|', `| Result | **${result}** |`]
  if (integration) {
    lines.push(`| Version id | \`${integration.id}\` |`, `| Verification status | ${integration.verificationStatus} |`)
  }
  lines.push(`| Commit | \`${input.sha.slice(0, 12)}\` |`)
  if (input.runUrl) lines.push(`| Workflow run | [${input.runUrl.split('/').pop()}](${input.runUrl}) |`)
  lines.push('')
  if (failure) lines.push('<details open><summary>What failed</summary>', '', '```', cut(failure), '```', '</details>', '')
  if (plan) {
    const rows = planRows(plan)
    lines.push('#### Plan', '')
    if (rows.length) {
      lines.push('| | Added | Changed | Removed |', '|---|---|---|---|')
      for (const row of rows) lines.push(`| ${row.what} | ${cell(row.added)} | ${cell(row.changed)} | ${cell(row.removed)} |`)
    } else {
      lines.push('Nothing to change in the definition.')
    }
    lines.push('')
  }
  lines.push('<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>')
  return `${lines.join('\n')}\n`
}
