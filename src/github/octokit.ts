/** Where a GitHub API call goes, with what credentials, and how long each may take. */
export interface GitHubTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  /** Each request's limit; the whole exchange gets twice it plus 30 s. */
  timeoutMs: number
}

export type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

/**
 * An Octokit bounded as every GitHub exchange of this action is: each request
 * by the timeout, all of them together by `budget` (aborted after twice the
 * timeout plus 30 s). Loaded only by the runs that call GitHub.
 */
export async function boundedOctokit(target: GitHubTarget): Promise<{ octokit: Octokit; budget: AbortSignal; budgetMs: number }> {
  const budgetMs = 2 * target.timeoutMs + 30_000
  const budget = AbortSignal.timeout(budgetMs)
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl, request: { retries: 0 } })
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, signal: AbortSignal.any([budget, AbortSignal.timeout(target.timeoutMs)]) }
  })
  return { octokit, budget, budgetMs }
}
