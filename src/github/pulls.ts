import { boundedOctokit, type GitHubTarget } from './octokit.js'

/** Whether pull request `number` is closed (merged or not), as GitHub says. */
export async function isPullRequestClosed(target: GitHubTarget, number: number): Promise<boolean> {
  const { octokit } = await boundedOctokit(target)
  const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: number })
  return (data as { state?: unknown }).state === 'closed'
}
