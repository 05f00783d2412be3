export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/**
 * Creates this action's comment on the pull request, or edits the one the
 * marker finds: never a second one. Octokit is loaded only here, so that runs
 * that do not comment never load it.
 */
async function upsertComment(target, marker, body) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(target.token, { baseUrl: target.apiUrl });
    const where = { owner: target.owner, repo: target.repo };
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: target.issueNumber, per_page: 100 });
    for await (const page of pages) {
        // Ours open with the marker; a reply that quotes one does not.
        const existing = page.data.find((comment) => comment.body?.startsWith(marker));
        if (existing) {
            const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
            return { action: 'updated', url: data.html_url };
        }
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: target.issueNumber, body });
    return { action: 'created', url: data.html_url };
}


/***/ })

};
