/** Where a pull-request comment goes, and with what credentials. */
export interface CommentTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  issueNumber: number
  /** Each request's limit; the whole exchange gets twice it plus 30 s. */
  timeoutMs: number
}

/** Pages of 100 comments read at most while looking for ours. */
export const MAX_COMMENT_PAGES = 30

interface IssueComment {
  id: number
  body?: string
  user?: { login?: string; type?: string } | null
}

/**
 * Who the token acts as: its login where GitHub says (`GET /user`), else any
 * bot, since GITHUB_TOKEN and other app installation tokens may not read
 * `/user` and comment as `<app>[bot]`.
 */
type Author = { login: string } | { anyBot: true }

function isOurs(comment: IssueComment, marker: string, author: Author): boolean {
  // Ours open with the marker (a reply that quotes one does not) and were written by us.
  if (!comment.body?.startsWith(marker)) return false
  return 'login' in author ? comment.user?.login === author.login : comment.user?.type === 'Bot'
}

/** The `next` link of a Link header, only where it stays on the API's own origin (it gets the token). */
function nextPage(link: string | undefined, apiOrigin: string): string | undefined {
  const next = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1]
  if (!next) return undefined
  try {
    return new URL(next).origin === apiOrigin ? next : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates this action's comment on the pull request, or edits the one ours
 * that the marker finds: never a second one, never anyone else's. Bounded:
 * each request by the timeout, the whole by twice it plus 30 s, the listing
 * by MAX_COMMENT_PAGES pages and by a `next` link that repeats. Octokit is
 * loaded only here, so that runs that do not comment never load it.
 */
export async function upsertComment(target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; url: string }> {
  const budgetMs = 2 * target.timeoutMs + 30_000
  const budget = AbortSignal.timeout(budgetMs)
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl, request: { retries: 0 } })
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, signal: AbortSignal.any([budget, AbortSignal.timeout(target.timeoutMs)]) }
  })
  try {
    return await upsert(octokit, target, marker, body)
  } catch (error) {
    if (budget.aborted) throw new Error(`the GitHub API did not answer within ${budgetMs / 1000} s in all`, { cause: error })
    throw error
  }
}

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

async function upsert(octokit: Octokit, target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; url: string }> {
  const where = { owner: target.owner, repo: target.repo }
  const author: Author = await octokit.rest.users.getAuthenticated().then(
    ({ data }) => ({ login: data.login }),
    () => ({ anyBot: true as const }),
  )
  const apiOrigin = new URL(target.apiUrl).origin
  const seen = new Set<string>()
  let response: { data: unknown; headers: { link?: string } } = await octokit.rest.issues.listComments({
    ...where,
    issue_number: target.issueNumber,
    per_page: 100,
  })
  for (let page = 1; ; page++) {
    const existing = (Array.isArray(response.data) ? (response.data as IssueComment[]) : []).find((comment) => isOurs(comment, marker, author))
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
      return { action: 'updated', url: data.html_url }
    }
    const next = nextPage(response.headers.link, apiOrigin)
    if (!next || seen.has(next) || page >= MAX_COMMENT_PAGES) break
    seen.add(next)
    response = await octokit.request({ method: 'GET', url: next })
  }
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body })
  return { action: 'created', url: data.html_url }
}
