export const id = 759;
export const ids = [759];
export const modules = {

/***/ 8583:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ inPool)
/* harmony export */ });
/**
 * Runs `work` on each item with at most `limit` in flight, and gives the
 * results in the items' order. `work` settles each item itself (it never
 * throws here); with `stopAfter`, no item starts once one result says so,
 * and the ones not started get `notStarted(item)`.
 */
async function inPool(items, limit, work, options = {}) {
    const results = new Array(items.length);
    let next = 0;
    let stopped = false;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            const item = items[index];
            if (stopped && options.notStarted) {
                results[index] = options.notStarted(item);
                continue;
            }
            const result = await work(item, index);
            results[index] = result;
            if (options.stopAfter?.(result))
                stopped = true;
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}


/***/ }),

/***/ 2759:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listTargets: () => (/* binding */ listTargets)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7085);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4758);
/* harmony import */ var _base_pool_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8583);
/* harmony import */ var _botpress_integration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3870);
/* harmony import */ var _deploy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6097);
/* harmony import */ var _lifecycle_lookup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3311);






/**
 * `mode: list`: each manifest's name and version (a definition is loaded for
 * them), less, with `skip-published`, those already public or unlisted on
 * Botpress: the integrations a matrix of jobs has left to deploy. Nothing is
 * written. Any manifest that cannot say its name and version fails the list:
 * a matrix that silently lacks one would never deploy it.
 */
async function listTargets(settings, targets, env, state, log) {
    const client = new _api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .BotpressClient */ .w((0,_deploy_js__WEBPACK_IMPORTED_MODULE_3__/* .transportOptions */ .wL)(settings, state, log));
    let handle;
    const entries = await (0,_base_pool_js__WEBPACK_IMPORTED_MODULE_5__/* .inPool */ .Q)(targets, settings.maxParallel, async (target) => {
        const label = { dryRun: true, secretValues: state.secretValues };
        await (0,_deploy_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifestSource */ .sp)({ ...settings, manifestFile: target.file, manifestDisplayPath: target.displayPath }, env, label, log);
        const { name, version } = label.label ?? {};
        if (name === undefined || version === undefined || !_botpress_integration_js__WEBPACK_IMPORTED_MODULE_2__/* .EXACT_VERSION */ .XO.test(version)) {
            throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${target.displayPath} must set \`name\` and a semantic \`version\` (such as 1.5.0) for \`mode: list\`${version === undefined ? '' : `; its version is "${version}"`}. Nothing was listed.`);
        }
        const entry = { manifest: target.displayPath, name, version };
        if (!settings.skipPublished)
            return { entry, published: false };
        handle ??= client.getWorkspaceHandle(settings.workspaceId);
        const found = await client.findIntegration((0,_lifecycle_lookup_js__WEBPACK_IMPORTED_MODULE_4__/* .qualifyName */ .Br)(name, await handle, target.displayPath), version);
        return { entry, published: found !== undefined && found.visibility !== 'private' };
    });
    const include = entries.filter((e) => !e.published).map((e) => e.entry);
    const published = entries.filter((e) => e.published).map((e) => e.entry);
    log.info(`${include.length} of ${entries.length} integrations to deploy${published.length ? `; already published: ${published.map((e) => `${e.name}@${e.version}`).join(', ')}` : ''}.`);
    return { include, published };
}


/***/ })

};
