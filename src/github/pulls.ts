import { boundedOctokit, type GitHubTarget } from './octokit.js'

/** Whether pull request `number` is closed (merged or not), as GitHub says. */
export async function isPullRequestClosed(target: GitHubTarget, number: number): Promise<boolean> {
  const { octokit } = await boundedOctokit(target)
  const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: number })
  return (data as { state?: unknown }).state === 'closed'
}

// GitHub lists at most 3,000 files of a pull request.
const MAX_PULL_FILES = 3000

/** The paths a pull request changes (both names of a renamed file), as GitHub lists them. */
export async function pullRequestFiles(target: GitHubTarget, number: number): Promise<string[]> {
  const { octokit } = await boundedOctokit(target)
  const paths: string[] = []
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: number,
    per_page: 100,
  })) {
    for (const file of data as Array<{ filename?: unknown; previous_filename?: unknown }>) {
      for (const name of [file.filename, file.previous_filename]) if (typeof name === 'string') paths.push(name)
    }
    if (paths.length >= MAX_PULL_FILES * 2) break
  }
  return paths
}
