export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTIONS_BOT_LOGIN: () => (/* binding */ ACTIONS_BOT_LOGIN),
/* harmony export */   MAX_COMMENT_PAGES: () => (/* binding */ MAX_COMMENT_PAGES),
/* harmony export */   UnconfirmedComment: () => (/* binding */ UnconfirmedComment),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4758);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6702);


/** The login GITHUB_TOKEN comments as. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/** A comment written, or maybe written, whose answer did not say where it is. */
class UnconfirmedComment extends Error {
}
/** Pages of 100 comments read at most while looking for ours. */
const MAX_COMMENT_PAGES = 30;
function isOurs(comment, markers, login) {
    // Ours open with a marker (a reply that quotes one does not) and were written by us, by login: any other bot may copy a marker.
    return markers.some((marker) => comment.body?.startsWith(marker) === true) && comment.user?.login === login;
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
 * that a marker finds (the first is the current one, the others former ones): never a second one, never anyone else's. Bounded:
 * each request by the timeout, the whole by twice it plus 30 s, the listing
 * by MAX_COMMENT_PAGES pages and by a `next` link that repeats. Octokit is
 * loaded only here, so that runs that do not comment never load it.
 */
async function upsertComment(target, markers, body) {
    const { octokit, budget, budgetMs } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .boundedOctokit */ .X)(target);
    let writing = false;
    try {
        return await upsert(octokit, target, markers, body, () => (writing = true));
    }
    catch (error) {
        const late = budget.aborted ? `the GitHub API did not answer within ${budgetMs / 1000} s in all` : undefined;
        // A write that got no whole answer may have been applied: say so rather than that it failed.
        if (writing && (late || error.name === 'AbortError' || error.status === undefined)) {
            throw new UnconfirmedComment(late ?? (0,_base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error), { cause: error });
        }
        if (late)
            throw new Error(late, { cause: error });
        throw error;
    }
}
/** Where GitHub says the comment is; an answer without it leaves the comment unconfirmed. */
function confirmed(data) {
    if (typeof data.html_url !== 'string' || !data.html_url)
        throw new UnconfirmedComment("GitHub's answer did not say where the comment is (no html_url)");
    return data.html_url;
}
async function upsert(octokit, target, markers, body, onWrite) {
    const where = { owner: target.owner, repo: target.repo };
    // Who the token acts as: `comment-author` when given, else the login GitHub
    // names, else GITHUB_TOKEN's bot (GITHUB_TOKEN and app tokens may not read /user).
    const login = target.author ||
        (await octokit.rest.users.getAuthenticated().then(({ data }) => data.login, () => ACTIONS_BOT_LOGIN));
    const apiOrigin = new URL(target.apiUrl).origin;
    const seen = new Set();
    let response = await octokit.rest.issues.listComments({
        ...where,
        issue_number: target.issueNumber,
        per_page: 100,
    });
    for (let page = 1;; page++) {
        const existing = (Array.isArray(response.data) ? response.data : []).find((comment) => isOurs(comment, markers, login));
        if (existing) {
            onWrite();
            const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
            return { action: 'updated', url: confirmed(data) };
        }
        const next = nextPage(response.headers.link, apiOrigin);
        if (!next || seen.has(next) || page >= MAX_COMMENT_PAGES)
            break;
        seen.add(next);
        response = await octokit.request({ method: 'GET', url: next });
    }
    onWrite();
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body });
    return { action: 'created', url: confirmed(data) };
}


/***/ }),

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ boundedOctokit)
/* harmony export */ });
/**
 * An Octokit bounded as every GitHub exchange of this action is: each request
 * by the timeout, all of them together by `budget` (aborted after twice the
 * timeout plus 30 s). Loaded only by the runs that call GitHub.
 */
async function boundedOctokit(target) {
    const budgetMs = 2 * target.timeoutMs + 30_000;
    const budget = AbortSignal.timeout(budgetMs);
    const { getOctokit } = await __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 157));
    const octokit = getOctokit(target.token, { baseUrl: target.apiUrl, request: { retries: 0 } });
    octokit.hook.before('request', (options) => {
        options.request = { ...options.request, signal: AbortSignal.any([budget, AbortSignal.timeout(target.timeoutMs)]) };
    });
    return { octokit, budget, budgetMs };
}


/***/ })

};
