import { InputError } from './base/errors.js'
import type { Log } from './base/log.js'
import type { RunContext } from './github/context.js'
import type { Settings } from './settings/settings.js'

/**
 * `check-version-bump`: what the pull request changes, by git (the base
 * commit must be in the checkout) or else as GitHub lists it. Loaded only by
 * runs that check.
 */
export async function pullRequestChanges(settings: Settings, context: RunContext, log: Log): Promise<ReadonlySet<string>> {
  const pullRequest = context.pullRequest
  if (!pullRequest) {
    throw new InputError(
      `\`check-version-bump\` compares a pull request with its base, and this run is for a \`${context.eventName || 'unknown'}\` event: run it on \`pull_request\`.`,
    )
  }
  const { changedInPullRequest } = await import('./github/changes.js')
  const repository = context.repository
  const fromApi =
    settings.githubToken && repository
      ? async () =>
          (await import('./github/pulls.js')).pullRequestFiles(
            { token: settings.githubToken, apiUrl: context.apiUrl, ...repository, timeoutMs: settings.timeoutMs },
            pullRequest.number,
          )
      : undefined
  return changedInPullRequest(settings.workspace, pullRequest.baseSha, fromApi, log)
}
