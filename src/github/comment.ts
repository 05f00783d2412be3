/** Where a pull-request comment goes, and with what credentials. */
export interface CommentTarget {
  token: string
  apiUrl: string
  owner: string
  repo: string
  issueNumber: number
}

/**
 * Creates this action's comment on the pull request, or edits the one the
 * marker finds: never a second one. Octokit is loaded only here, so that runs
 * that do not comment never load it.
 */
export async function upsertComment(target: CommentTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; url: string }> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(target.token, { baseUrl: target.apiUrl })
  const where = { owner: target.owner, repo: target.repo }
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: target.issueNumber, per_page: 100 })
  for await (const page of pages) {
    // Ours open with the marker; a reply that quotes one does not.
    const existing = page.data.find((comment) => comment.body?.startsWith(marker))
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
      return { action: 'updated', url: data.html_url }
    }
  }
  const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body })
  return { action: 'created', url: data.html_url }
}
