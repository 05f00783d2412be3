import * as core from '@actions/core'
import type { RunState } from '../deploy.js'
import type { RunContext } from '../github/context.js'
import type { Settings } from '../settings.js'
import { redact } from '../secrets/redact.js'
import { commentBody, commentMarker } from './comment.js'
import { failureMarkdown, outputsFor, summaryMarkdown } from './format.js'

async function appendSummary(markdown: string): Promise<void> {
  // Outside a runner (local runs) there is no summary file.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Outputs of a run that reached its end. */
export function writeOutputs(state: RunState): void {
  if (!state.integration) return
  for (const [name, value] of Object.entries(outputsFor(state.integration, state.dryRun))) core.setOutput(name, value)
}

/** The job summary, written on success and failure alike. */
export async function writeSummary(state: RunState): Promise<void> {
  const { integration, dryRun, plan, failure } = state
  const markdown = integration
    ? summaryMarkdown({ integration, dryRun, ...(plan && { plan }), ...(failure !== undefined && { failure }) })
    : failureMarkdown(failure ?? 'The run ended before it reached Botpress.', state.label)
  await appendSummary(redact(markdown, state.secretValues))
}

/** A pull request from a fork: no secrets, so nothing to deploy, and no failure either. */
export async function reportSkipped(pullRequest: number): Promise<void> {
  const why =
    `Skipped: pull request #${pullRequest} comes from a fork, and GitHub gives workflows of fork pull requests no secrets, so \`token\` is empty. ` +
    'Nothing was deployed. A maintainer can deploy it after merging, or from a branch of this repository.'
  core.notice(why, { title: 'Botpress deploy skipped' })
  await appendSummary(`## Deploy Botpress integration\n\n**⏭️ skipped**\n\n${why}\n`)
}

/** Creates or edits this integration's comment on the pull request; a failure here only warns. */
export async function publishComment(settings: Settings, context: RunContext, state: RunState): Promise<void> {
  const pullRequest = context.pullRequest
  if (!pullRequest || !context.repository) {
    core.info('`comment-on-pr` is set, but this run is not for a pull request: no comment.')
    return
  }
  if (!settings.githubToken) {
    core.warning('No pull-request comment: `github-token` is empty.')
    return
  }
  const key = state.integrationId ?? settings.manifestDisplayPath
  const { integration, plan, failure } = state
  const body = commentBody({
    key,
    dryRun: state.dryRun,
    sha: pullRequest.headSha || context.sha,
    ...(context.runUrl && { runUrl: context.runUrl }),
    ...(integration && { integration }),
    ...(plan && { plan }),
    ...(failure !== undefined && { failure }),
  })
  try {
    const { upsertComment } = await import('../github/comment.js')
    const result = await upsertComment(
      { token: settings.githubToken, apiUrl: context.apiUrl, ...context.repository, issueNumber: pullRequest.number },
      commentMarker(key),
      redact(body, state.secretValues),
    )
    core.info(`Pull-request comment ${result.action}: ${result.url}`)
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 401
        ? ' Give the job `permissions: pull-requests: write` (and, for pull requests from forks, run on `pull_request_target`).'
        : ''
    core.warning(`Could not write the pull-request comment: ${error instanceof Error ? error.message : String(error)}.${hint} The deploy itself is not affected.`)
  }
}
