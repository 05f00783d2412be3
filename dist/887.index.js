export const id = 887;
export const ids = [887];
export const modules = {

/***/ 6887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deactivateEnvironment: () => (/* binding */ deactivateEnvironment),
/* harmony export */   setDeploymentState: () => (/* binding */ setDeploymentState),
/* harmony export */   startDeployment: () => (/* binding */ startDeployment)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4758);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6702);


/** Deployments of one environment read at most, when a closed pull request's are marked inactive. */
const MAX_DEPLOYMENTS = 100;
/** GitHub's limit on a deployment's and a status's description. */
const describe = (text) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
/**
 * Creates a deployment of `request.sha` to the environment and marks it
 * `in_progress`; returns its id. No merge of the default branch, no required
 * status checks: the deploy has happened, or is about to, whatever they say.
 */
async function startDeployment(target, request) {
    const { octokit } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .boundedOctokit */ .X)(target);
    const where = { owner: target.owner, repo: target.repo };
    const { data } = await octokit.rest.repos.createDeployment({
        ...where,
        ref: request.sha,
        environment: request.environment,
        auto_merge: false,
        required_contexts: [],
        transient_environment: request.transient,
        production_environment: request.production,
        description: describe(request.description),
    });
    const id = data.id;
    // 202 means GitHub merged nothing and created nothing (auto_merge is off, so it should not happen).
    if (typeof id !== 'number')
        throw new Error(`GitHub created no deployment: ${(0,_base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(data.message ?? 'no id in its answer')}`);
    await setDeploymentState(target, id, 'in_progress', { ...(request.logUrl && { logUrl: request.logUrl }), description: request.description });
    return id;
}
/** A status of a deployment, with links to the run and to what was deployed. */
async function setDeploymentState(target, id, state, links) {
    const { octokit } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .boundedOctokit */ .X)(target);
    await octokit.rest.repos.createDeploymentStatus({
        owner: target.owner,
        repo: target.repo,
        deployment_id: id,
        state,
        description: describe(links.description),
        ...(links.logUrl && { log_url: links.logUrl }),
        ...(links.environmentUrl && { environment_url: links.environmentUrl }),
    });
}
/** Marks every deployment of `environment` inactive (a closed pull request's preview); returns their ids. */
async function deactivateEnvironment(target, environment, description) {
    const { octokit } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .boundedOctokit */ .X)(target);
    const { data } = await octokit.rest.repos.listDeployments({ owner: target.owner, repo: target.repo, environment, per_page: MAX_DEPLOYMENTS });
    const ids = (Array.isArray(data) ? data : []).map((deployment) => deployment.id).filter((id) => typeof id === 'number');
    for (const id of ids)
        await setDeploymentState(target, id, 'inactive', { description });
    return ids;
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
