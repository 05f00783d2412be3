export const id = 487;
export const ids = [487];
export const modules = {

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


/***/ }),

/***/ 4487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isPullRequestClosed: () => (/* binding */ isPullRequestClosed),
/* harmony export */   pullRequestFiles: () => (/* binding */ pullRequestFiles)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6702);

/** Whether pull request `number` is closed (merged or not), as GitHub says. */
async function isPullRequestClosed(target, number) {
    const { octokit } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .boundedOctokit */ .X)(target);
    const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: number });
    return data.state === 'closed';
}
// GitHub lists at most 3,000 files of a pull request.
const MAX_PULL_FILES = 3000;
/** The paths a pull request changes (both names of a renamed file), as GitHub lists them. */
async function pullRequestFiles(target, number) {
    const { octokit } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .boundedOctokit */ .X)(target);
    const paths = [];
    for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
        owner: target.owner,
        repo: target.repo,
        pull_number: number,
        per_page: 100,
    })) {
        for (const file of data) {
            for (const name of [file.filename, file.previous_filename])
                if (typeof name === 'string')
                    paths.push(name);
        }
        if (paths.length >= MAX_PULL_FILES * 2)
            break;
    }
    return paths;
}


/***/ })

};
