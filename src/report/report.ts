import { createHash } from 'node:crypto'
import * as core from '@actions/core'
import { errorMessage } from '../base/errors.js'
import type { RunState } from './run-state.js'
import type { RunContext } from '../github/context.js'
import type { Settings } from '../settings/settings.js'
import { logLine } from '../base/log.js'
import { dashboardLinks } from '../botpress/dashboard.js'
import { redact } from '../secrets/redact.js'
import { commentBody, commentMarker } from './comment.js'
import { outputsFor, summaryMarkdown, type SummaryInput } from './format.js'
import { fitWithin, markdownFor } from './markdown.js'
import { manyCommentBody, manySummaryMarkdown, matrixMarkdown, resultsOutput, type MatrixEntry, type TargetResult } from './results.js'

// GitHub's limits are 1 MiB for a step's summary and 65,536 characters for a comment; some room is kept.
const SUMMARY_MAX_BYTES = 1_000_000
const COMMENT_MAX_CHARACTERS = 65_000

async function appendSummary(markdown: string): Promise<void> {
  // Outside a runner (local runs) there is no summary file.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    // What could not be written must not come back at the head of the next summary.
    core.summary.emptyBuffer()
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

/** Outputs of a run that reached its end. */
export function writeOutputs(state: RunState): void {
  const { operation, dryRun, integration, plan, previewVersion, removed } = state
  if (!operation) return
  const outcome = {
    operation,
    dryRun,
    ...(integration && { integration }),
    ...(plan && { plan }),
    ...(previewVersion !== undefined && { previewVersion }),
    ...(removed && { removed }),
  }
  try {
    // The server's answer may echo a secret: GITHUB_OUTPUT is read by later steps and never masked.
    for (const [name, value] of Object.entries(outputsFor(outcome))) core.setOutput(name, redact(value, state.secretValues))
  } catch (error) {
    const what = integration ? `${integration.name}@${integration.version} (${integration.id})` : plan ? `${plan.name}@${plan.version}` : 'the integration'
    throw new Error(
      `The deploy itself happened (${operation} ${what}), but its step outputs could not be written: ${errorMessage(error)}. ` +
        'Check GITHUB_OUTPUT in the step environment; running the workflow again is safe.',
      { cause: error },
    )
  }
}

/**
 * The outputs of a failed run: `operation: failed`, `error` (the failure's
 * first line, scrubbed already), and what the run learnt before it failed
 * (the version found, or the name and version the manifest gives).
 */
export function writeFailureOutputs(state: RunState): void {
  setOutputQuietly('operation', 'failed')
  setOutputQuietly('created', 'false')
  setOutputQuietly('dry-run', String(state.dryRun))
  if (state.failure !== undefined) setOutputQuietly('error', state.failure.split('\n')[0]!)
  const { integration, plan, label } = state
  const learnt: Record<string, string | undefined> = integration
    ? {
        'version-id': integration.id,
        'verification-status': integration.verificationStatus,
        name: integration.name,
        version: integration.version,
        visibility: integration.visibility,
      }
    : { name: plan?.name ?? label?.name, version: plan?.version ?? label?.version }
  if (state.previewVersion !== undefined) learnt['preview-version'] = state.previewVersion
  for (const [name, value] of Object.entries(learnt)) if (value !== undefined) setOutputQuietly(name, redact(value, state.secretValues))
}

/**
 * The preview bot's outputs, on success and on a failed registration alike.
 * The webhook URL is masked (it was told to the runner as a secret) and is
 * written as it is: scrubbing it would leave the output empty.
 */
export function writePreviewBotOutputs(state: RunState): void {
  const bot = state.previewBot
  if (!bot) return
  setOutputQuietly('preview-bot-id', bot.id)
  setOutputQuietly('registration-status', bot.status)
  if (bot.webhookUrl) setOutputQuietly('preview-webhook-url', bot.webhookUrl)
}

/** An output written on every run, where a broken GITHUB_OUTPUT must not hide the run's own failure. */
export function setOutputQuietly(name: string, value: string): void {
  try {
    core.setOutput(name, value)
  } catch {
    // Reported once, by writeOutputs or by the run's own failure.
  }
}

/** The job summary, written on success and failure alike; with links when the run got as far as its settings. */
export async function writeSummary(state: RunState, settings?: Settings, context?: RunContext): Promise<void> {
  const input = { ...summaryInput(state), ...runLinks(settings, context, state) }
  await appendSummary(fitWithin(summaryMarkdown(input, markdownFor(state.secretValues)), SUMMARY_MAX_BYTES, Buffer.byteLength))
}

/** The version's dashboard page and the commit's page, from checked parts only (an https base, ids segment-encoded, a hex sha). */
function runLinks(settings: Settings | undefined, context: RunContext | undefined, state: RunState): Pick<SummaryInput, 'versionUrl' | 'commit'> {
  const sha = context?.pullRequest?.headSha || context?.sha
  const commitUrl = sha && /^[0-9a-f]{40}$/.test(sha) ? context?.runUrl?.replace(/\/actions\/runs\/\d+$/, `/commit/${sha}`) : undefined
  return {
    ...(settings && state.integration && { versionUrl: dashboardLinks(settings.dashboardUrl, settings.workspaceId).version(state.integration) }),
    ...(sha && { commit: { sha, ...(commitUrl && { url: commitUrl }) } }),
  }
}

function summaryInput(state: RunState): SummaryInput {
  const { integration, label, operation, dryRun, plan, failure, removed, pullRequest, previewVersion, previewBot } = state
  return {
    dryRun,
    ...(previewVersion !== undefined && { previewVersion }),
    ...(previewBot && { previewBot: { id: previewBot.id, name: previewBot.name, status: previewBot.status, url: previewBot.url } }),
    ...(removed && { removed }),
    ...(pullRequest !== undefined && { pullRequest }),
    ...(integration && { integration }),
    ...(label && { label }),
    ...(operation && { operation }),
    ...(plan && { plan }),
    ...(failure !== undefined ? { failure } : !operation && { failure: 'The run ended before it reached Botpress.' }),
  }
}

// It goes inside an HTML comment: nothing in it may end that comment.
const markerSafe = (key: string) => key.replace(/[^\w./@-]/g, '_')

/**
 * The comment's key, the same on every run of a pull request whether its
 * manifest parses or not: the id the workflow gives, else the manifest's path.
 */
export function commentKey(settings: Pick<Settings, 'integrationId' | 'manifestDisplayPath'>): string {
  return markerSafe(settings.integrationId ?? settings.manifestDisplayPath)
}

/** Keys of comments written before the key stopped depending on the manifest (the id or name in it): adopted, not duplicated. */
function formerKeys(state: Pick<RunState, 'label'>, key: string): string[] {
  const keys = [state.label?.id, state.label?.name].filter((value): value is string => Boolean(value)).map(markerSafe)
  return [...new Set(keys)].filter((former) => former !== key)
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
  const key = commentKey(settings)
  await postComment(settings, context, [commentMarker(key), ...formerKeys(state, key).map(commentMarker)], (pullRequest) =>
    commentBody(
      {
        ...summaryInput(state),
        ...runLinks(settings, context, state),
        key,
        sha: pullRequest.headSha || context.sha,
        ...(context.runUrl && { runUrl: context.runUrl }),
      },
      markdownFor(state.secretValues),
    ),
  )
}

/** The one comment of a run of several integrations, found again by the set of manifests it names. */
export async function publishManyComment(settings: Settings, context: RunContext, results: readonly TargetResult[], state: RunState): Promise<void> {
  const key = manyCommentKey(settings.manifestLines)
  await postComment(settings, context, [commentMarker(key)], (pullRequest) =>
    manyCommentBody(
      results,
      { key, sha: pullRequest.headSha || context.sha, dryRun: state.dryRun, ...(context.runUrl && { runUrl: context.runUrl }) },
      markdownFor(state.secretValues),
    ),
  )
}

/** The key of a run of several: the same for the same `manifest` lines, whatever they match today. */
export function manyCommentKey(manifestLines: readonly string[]): string {
  return `set-${createHash('sha256').update(manifestLines.join('\n')).digest('hex').slice(0, 12)}`
}

async function postComment(
  settings: Settings,
  context: RunContext,
  markers: string[],
  render: (pullRequest: NonNullable<RunContext['pullRequest']>) => string,
): Promise<void> {
  const pullRequest = context.pullRequest
  if (!pullRequest || !context.repository) {
    core.info('`comment-on-pr` is set, but this run is not for a pull request: no comment.')
    return
  }
  if (!settings.githubToken) {
    core.warning('No pull-request comment: `github-token` is empty.')
    return
  }
  const body = fitWithin(render(pullRequest), COMMENT_MAX_CHARACTERS)
  let comments: typeof import('../github/comment.js') | undefined
  try {
    comments = await import('../github/comment.js')
    const result = await comments.upsertComment(
      {
        token: settings.githubToken,
        apiUrl: context.apiUrl,
        ...context.repository,
        issueNumber: pullRequest.number,
        timeoutMs: settings.timeoutMs,
        author: settings.commentAuthor,
      },
      markers,
      body,
    )
    core.info(logLine(`Pull-request comment ${result.action}: ${result.url}`))
  } catch (error) {
    if (comments && error instanceof comments.UnconfirmedComment) {
      core.warning(
        `The pull-request comment could not be confirmed (${error.message}): it may or may not have been written. The deploy itself is not affected.`,
      )
      return
    }
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 401
        ? ' Give the job `permissions: pull-requests: write` (and, for pull requests from forks, run on `pull_request_target`).'
        : ''
    core.warning(`Could not write the pull-request comment: ${errorMessage(error)}.${hint} The deploy itself is not affected.`)
  }
}

/** The outputs of a run of several: `results` and `dry-run`; the outputs of one integration stay empty. */
export function writeResultsOutputs(results: readonly TargetResult[], state: RunState): void {
  setOutputQuietly('results', redact(resultsOutput(results), state.secretValues))
  setOutputQuietly('dry-run', String(state.dryRun))
  setOutputQuietly('skipped', 'false')
}

/** The job summary of a run of several: one table, then each integration's plan. */
export async function writeManySummary(results: readonly TargetResult[], state: RunState): Promise<void> {
  await appendSummary(fitWithin(manySummaryMarkdown(results, state.dryRun, markdownFor(state.secretValues)), SUMMARY_MAX_BYTES, Buffer.byteLength))
}

/** `mode: list`: output `matrix` for `strategy.matrix`, and the summary. */
export async function writeMatrix(matrix: { include: MatrixEntry[]; published: MatrixEntry[] }, state: RunState): Promise<void> {
  setOutputQuietly('matrix', redact(JSON.stringify({ include: matrix.include }), state.secretValues))
  setOutputQuietly('dry-run', String(state.dryRun))
  setOutputQuietly('skipped', 'false')
  await appendSummary(matrixMarkdown(matrix.include, matrix.published, markdownFor(state.secretValues)))
}
