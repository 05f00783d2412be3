import {
  commitMarkdown,
  planMarkdown,
  previewNote,
  previewRows,
  removedMarkdown,
  resultLabel,
  versionIdMarkdown,
  whoMarkdown,
  type SummaryInput,
} from './format.js'
import type { Markdown } from './markdown.js'
import { publishedBanner } from './changes.js'

/** The hidden line that finds this action's comment for one integration again. */
export function commentMarker(key: string): string {
  return `<!-- deploy-botpress-integration:${key} -->`
}

export interface CommentInput extends SummaryInput {
  /** What finds this comment again on the next run (see report.ts commentKey). */
  key: string
  sha: string
  runUrl?: string
}

// GitHub refuses comments over 65,536 characters; a failure with many problems
// could reach that, so it is cut, and the run's log has the rest.
const FAILURE_MAX = 20_000

function cut(text: string): string {
  return text.length > FAILURE_MAX ? `${text.slice(0, FAILURE_MAX)}\n… (${text.length - FAILURE_MAX} more characters in the workflow run's log)` : text
}

/** The pull-request comment: what was deployed, the result, the plan, the commit and the run. */
export function commentBody(input: CommentInput, md: Markdown): string {
  const { integration, plan, failure } = input
  const who = whoMarkdown(input, md, md.code(input.key))
  const lines = [
    commentMarker(input.key),
    `### Botpress integration ${who}`,
    '',
    ...publishedBanner(input, md),
    '| | |',
    '|---|---|',
    `| Result | **${resultLabel(input)}** |`,
  ]
  if (integration) {
    lines.push(`| Version id | ${versionIdMarkdown(integration.id, input.versionUrl, md)} |`, `| Verification status | ${integration.verificationStatus} |`)
  }
  lines.push(...previewRows(input, md))
  // Both come from the runner's environment: shown only in the shape GitHub gives them.
  const commit = commitMarkdown({ sha: input.sha, ...(input.commit?.url && input.commit.sha === input.sha && { url: input.commit.url }) })
  if (commit) lines.push(`| Commit | ${commit} |`)
  if (input.runUrl) lines.push(`| Workflow run | [${input.runUrl.split('/').pop()}](${input.runUrl}) |`)
  lines.push('')
  if (input.previewVersion !== undefined) lines.push(previewNote(input, md), '')
  if (failure) lines.push('<details open><summary>What failed</summary>', '', ...md.block(cut(failure)), '</details>', '')
  if (input.removed) lines.push(...removedMarkdown(input, md), '')
  if (plan) lines.push('#### Plan', '', ...planMarkdown(plan, md), '')
  lines.push('<sub>Kept up to date by deploy-botpress-integration on every run of this pull request.</sub>')
  return `${lines.join('\n')}\n`
}
