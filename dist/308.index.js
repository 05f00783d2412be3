export const id = 308;
export const ids = [308];
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

/***/ 5308:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deployMany: () => (/* binding */ deployMany),
/* harmony export */   reportMany: () => (/* binding */ reportMany)
/* harmony export */ });
/* harmony import */ var _deploy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6097);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4758);
/* harmony import */ var _base_log_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3179);
/* harmony import */ var _base_pool_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8583);
/* harmony import */ var _report_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6863);
/* harmony import */ var _secrets_redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4200);
/* harmony import */ var _version_gate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(919);







/** What only one integration can have: refused before anything is read. */
function refuseOneIntegrationInputs(settings, count) {
    const refused = [
        settings.integrationId !== undefined && '`integration-id` names one integration: give each manifest its own `id`, or leave it out',
        settings.expectedVersion !== undefined && '`expected-version` names one version: check each manifest’s `version` in its own step, or leave it out',
        (settings.preview || settings.previewSweep) && '`preview` works on one manifest for now: one step per integration',
        settings.environment !== '' && '`environment` records one deployment: one step per integration',
    ].filter((reason) => Boolean(reason));
    if (refused.length)
        throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input \`manifest\` names ${count} integrations, so these inputs cannot be used: ${refused.join('; ')}. Nothing was sent.`);
}
/**
 * Deploys each target as a run of one would (its own lookup, plan, write and
 * verification), at most `max-parallel` at once, each one's log lines kept
 * together; with `fail-fast`, none starts after the first failure. Never
 * throws for one integration's failure: that is its result.
 */
async function deployMany(settings, context, targets, env, state, log, annotate) {
    refuseOneIntegrationInputs(settings, targets.length);
    const changes = settings.checkVersionBump ? await (0,_version_gate_js__WEBPACK_IMPORTED_MODULE_3__/* .pullRequestChanges */ .G)(settings, context, log) : undefined;
    log.info(`Deploying ${targets.length} integrations, at most ${settings.maxParallel} at once: ${targets.map((t) => t.displayPath).join(', ')}`);
    return (0,_base_pool_js__WEBPACK_IMPORTED_MODULE_4__/* .inPool */ .Q)(targets, settings.maxParallel, (target) => deployOne(settings, target, env, state, log, annotate, changes), {
        stopAfter: (result) => settings.failFast && result.operation === 'failed',
        notStarted: (target) => ({
            manifest: target.displayPath,
            operation: 'skipped',
            failure: 'Not started: `fail-fast` stopped the run after an integration failed.',
        }),
    });
}
async function deployOne(settings, target, env, shared, log, annotate, changes) {
    const state = { dryRun: settings.dryRun, secretValues: [...shared.secretValues] };
    const who = () => {
        const name = state.integration?.name ?? state.plan?.name ?? state.label?.name;
        const version = state.integration?.version ?? state.plan?.version ?? state.label?.version;
        return name && version ? `${name}@${version}` : target.displayPath;
    };
    const own = (0,_base_log_js__WEBPACK_IMPORTED_MODULE_5__/* .bufferedLog */ .A)(log, who);
    const targetSettings = { ...settings, manifestFile: target.file, manifestDisplayPath: target.displayPath };
    try {
        await (0,_deploy_js__WEBPACK_IMPORTED_MODULE_0__/* .deploy */ .gg)(targetSettings, env, state, own, changes ? { changes } : {});
    }
    catch (error) {
        annotate(error);
        state.failure = (0,_secrets_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)((0,_base_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error), state.secretValues);
        own.info(`Failed: ${state.failure}`);
    }
    finally {
        // The report scrubs every secret any integration met.
        for (const value of state.secretValues)
            if (!shared.secretValues.includes(value))
                shared.secretValues.push(value);
        own.flush(who());
    }
    const name = state.plan?.name ?? state.label?.name;
    const version = state.plan?.version ?? state.label?.version;
    return {
        manifest: target.displayPath,
        operation: state.failure !== undefined || !state.operation ? 'failed' : state.operation,
        ...(name !== undefined && { name }),
        ...(version !== undefined && { version }),
        ...(state.integration && { integration: state.integration }),
        ...(state.plan && { plan: state.plan }),
        ...(state.failure !== undefined && { failure: state.failure }),
    };
}
/** Outputs, summary and comment of a run of several; the failure that fails the step, if any integration failed. */
async function reportMany(settings, context, results, state) {
    (0,_report_report_js__WEBPACK_IMPORTED_MODULE_2__/* .writeResultsOutputs */ .M3)(results, state);
    await (0,_report_report_js__WEBPACK_IMPORTED_MODULE_2__/* .writeManySummary */ .JM)(results, state);
    if (settings.commentOnPr)
        await (0,_report_report_js__WEBPACK_IMPORTED_MODULE_2__/* .publishManyComment */ .am)(settings, context, results, state);
    const failed = results.filter((result) => result.operation === 'failed');
    if (!failed.length)
        return undefined;
    const lines = failed.map((result) => `  - ${result.name && result.version ? `${result.name}@${result.version}` : result.manifest}: ${(result.failure ?? '').split('\n')[0]}`);
    return (0,_secrets_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .redact */ .E$)(`${failed.length} of ${results.length} integrations failed:\n${lines.join('\n')}`, state.secretValues);
}


/***/ })

};
