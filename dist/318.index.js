export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export MAX_COMMENT_PAGES */
/** Pages of 100 comments read at most while looking for ours. */
const MAX_COMMENT_PAGES = 30;
function isOurs(comment, marker, author) {
    // Ours open with the marker (a reply that quotes one does not) and were written by us.
    if (!comment.body?.startsWith(marker))
        return false;
    return 'login' in author ? comment.user?.login === author.login : comment.user?.type === 'Bot';
}
/** The `next` link of a Link header, only where it stays on the API's own origin (it gets the token). */
function nextPage(link, apiOrigin) {
    const next = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
    if (!next)
        return undefined;
    try {
        return new URL(next).origin === apiOrigin ? next : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Creates this action's comment on the pull request, or edits the one ours
 * that the marker finds: never a second one, never anyone else's. Bounded:
 * each request by the timeout, the whole by twice it plus 30 s, the listing
 * by MAX_COMMENT_PAGES pages and by a `next` link that repeats. Octokit is
 * loaded only here, so that runs that do not comment never load it.
 */
async function upsertComment(target, marker, body) {
    const budgetMs = 2 * target.timeoutMs + 30_000;
    const budget = AbortSignal.timeout(budgetMs);
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(target.token, { baseUrl: target.apiUrl, request: { retries: 0 } });
    octokit.hook.before('request', (options) => {
        options.request = { ...options.request, signal: AbortSignal.any([budget, AbortSignal.timeout(target.timeoutMs)]) };
    });
    try {
        return await upsert(octokit, target, marker, body);
    }
    catch (error) {
        if (budget.aborted)
            throw new Error(`the GitHub API did not answer within ${budgetMs / 1000} s in all`, { cause: error });
        throw error;
    }
}
async function upsert(octokit, target, marker, body) {
    const where = { owner: target.owner, repo: target.repo };
    const author = await octokit.rest.users.getAuthenticated().then(({ data }) => ({ login: data.login }), () => ({ anyBot: true }));
    const apiOrigin = new URL(target.apiUrl).origin;
    const seen = new Set();
    let response = await octokit.rest.issues.listComments({
        ...where,
        issue_number: target.issueNumber,
        per_page: 100,
    });
    for (let page = 1;; page++) {
        const existing = (Array.isArray(response.data) ? response.data : []).find((comment) => isOurs(comment, marker, author));
        if (existing) {
            const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
            return { action: 'updated', url: data.html_url };
        }
        const next = nextPage(response.headers.link, apiOrigin);
        if (!next || seen.has(next) || page >= MAX_COMMENT_PAGES)
            break;
        seen.add(next);
        response = await octokit.request({ method: 'GET', url: next });
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body });
    return { action: 'created', url: data.html_url };
}


/***/ })

};
