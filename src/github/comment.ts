import { errorMessage } from '../base/errors.js'
import { boundedOctokit, type GitHubTarget, type Octokit } from './octokit.js'

/** Where a pull-request comment goes, and with what credentials. */
export interface CommentTarget extends GitHubTarget {
  issueNumber: number
  /** Whose comments are ours where `GET /user` is refused (input `comment-author`); empty: GITHUB_TOKEN's bot. */
  author: string
}

/** The login GITHUB_TOKEN comments as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/** A comment written, or maybe written, whose answer did not say where it is. */
export class UnconfirmedComment extends Error {}

/** Pages of 100 comments read at most while looking for ours. */
export const MAX_COMMENT_PAGES = 30

interface IssueComment {
  id: number
  body?: string
  user?: { login?: string; type?: string } | null
}

function isOurs(comment: IssueComment, markers: readonly string[], login: string): boolean {
  // Ours open with a marker (a reply that quotes one does not) and were written by us, by login: any other bot may copy a marker.
  return markers.some((marker) => comment.body?.startsWith(marker) === true) && comment.user?.login === login
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
 * that a marker finds (the first is the current one, the others former ones): never a second one, never anyone else's. Bounded:
 * each request by the timeout, the whole by twice it plus 30 s, the listing
 * by MAX_COMMENT_PAGES pages and by a `next` link that repeats. Octokit is
 * loaded only here, so that runs that do not comment never load it.
 */
export async function upsertComment(target: CommentTarget, markers: readonly string[], body: string): Promise<{ action: 'created' | 'updated'; url: string }> {
  const { octokit, budget, budgetMs } = await boundedOctokit(target)
  let writing = false
  try {
    return await upsert(octokit, target, markers, body, () => (writing = true))
  } catch (error) {
    const late = budget.aborted ? `the GitHub API did not answer within ${budgetMs / 1000} s in all` : undefined
    // A write that got no whole answer may have been applied: say so rather than that it failed.
    if (writing && (late || (error as { name?: string }).name === 'AbortError' || (error as { status?: number }).status === undefined)) {
      throw new UnconfirmedComment(late ?? errorMessage(error), { cause: error })
    }
    if (late) throw new Error(late, { cause: error })
    throw error
  }
}

/** Where GitHub says the comment is; an answer without it leaves the comment unconfirmed. */
function confirmed(data: { html_url?: unknown }): string {
  if (typeof data.html_url !== 'string' || !data.html_url) throw new UnconfirmedComment("GitHub's answer did not say where the comment is (no html_url)")
  return data.html_url
}

async function upsert(
  octokit: Octokit,
  target: CommentTarget,
  markers: readonly string[],
  body: string,
  onWrite: () => void,
): Promise<{ action: 'created' | 'updated'; url: string }> {
  const where = { owner: target.owner, repo: target.repo }
  // Who the token acts as: `comment-author` when given, else the login GitHub
  // names, else GITHUB_TOKEN's bot (GITHUB_TOKEN and app tokens may not read /user).
  const login =
    target.author ||
    (await octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      () => ACTIONS_BOT_LOGIN,
    ))
  const apiOrigin = new URL(target.apiUrl).origin
  const seen = new Set<string>()
  let response: { data: unknown; headers: { link?: string } } = await octokit.rest.issues.listComments({
    ...where,
    issue_number: target.issueNumber,
    per_page: 100,
  })
  for (let page = 1; ; page++) {
    const existing = (Array.isArray(response.data) ? (response.data as IssueComment[]) : []).find((comment) => isOurs(comment, markers, login))
    if (existing) {
      onWrite()
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
      return { action: 'updated', url: confirmed(data) }
    }
    const next = nextPage(response.headers.link, apiOrigin)
    if (!next || seen.has(next) || page >= MAX_COMMENT_PAGES) break
    seen.add(next)
    response = await octokit.request({ method: 'GET', url: next })
  }
  onWrite()
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body })
  return { action: 'created', url: confirmed(data) }
}
