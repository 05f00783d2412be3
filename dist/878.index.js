export const id = 878;
export const ids = [878];
export const modules = {

/***/ 8878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployMany: () => (/* binding */ deployMany),
  reportMany: () => (/* binding */ reportMany)
});

// EXTERNAL MODULE: ./src/deploy.ts + 17 modules
var deploy = __webpack_require__(5529);
// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/base/log.ts
var base_log = __webpack_require__(3179);
;// CONCATENATED MODULE: ./src/base/pool.ts
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

// EXTERNAL MODULE: ./src/report/report.ts + 3 modules
var report = __webpack_require__(7039);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/version-gate.ts
var version_gate = __webpack_require__(919);
;// CONCATENATED MODULE: ./src/many.ts







/** What only one integration can have: refused before anything is read. */
function refuseOneIntegrationInputs(settings, count) {
    const refused = [
        settings.integrationId !== undefined && '`integration-id` names one integration: give each manifest its own `id`, or leave it out',
        settings.expectedVersion !== undefined && '`expected-version` names one version: check each manifest’s `version` in its own step, or leave it out',
        (settings.preview || settings.previewSweep) && '`preview` works on one manifest for now: one step per integration',
        settings.environment !== '' && '`environment` records one deployment: one step per integration',
    ].filter((reason) => Boolean(reason));
    if (refused.length)
        throw new errors/* InputError */.dz(`Input \`manifest\` names ${count} integrations, so these inputs cannot be used: ${refused.join('; ')}. Nothing was sent.`);
}
/**
 * Deploys each target as a run of one would (its own lookup, plan, write and
 * verification), at most `max-parallel` at once, each one's log lines kept
 * together; with `fail-fast`, none starts after the first failure. Never
 * throws for one integration's failure: that is its result.
 */
async function deployMany(settings, context, targets, env, state, log, annotate) {
    refuseOneIntegrationInputs(settings, targets.length);
    const changes = settings.checkVersionBump ? await (0,version_gate/* pullRequestChanges */.G)(settings, context, log) : undefined;
    log.info(`Deploying ${targets.length} integrations, at most ${settings.maxParallel} at once: ${targets.map((t) => t.displayPath).join(', ')}`);
    return inPool(targets, settings.maxParallel, (target) => deployOne(settings, target, env, state, log, annotate, changes), {
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
    const own = (0,base_log/* bufferedLog */.A)(log, who);
    const targetSettings = { ...settings, manifestFile: target.file, manifestDisplayPath: target.displayPath, secretsPerIntegration: true };
    try {
        await (0,deploy/* deploy */.gg)(targetSettings, env, state, own, changes ? { changes } : {});
    }
    catch (error) {
        annotate(error);
        state.failure = (0,redact/* redact */.E$)((0,errors/* errorMessage */.gJ)(error), state.secretValues);
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
    (0,report/* writeResultsOutputs */.M3)(results, state);
    await (0,report/* writeManySummary */.JM)(results, state);
    if (settings.commentOnPr)
        await (0,report/* publishManyComment */.am)(settings, context, results, state);
    const failed = results.filter((result) => result.operation === 'failed');
    if (!failed.length)
        return undefined;
    const lines = failed.map((result) => `  - ${result.name && result.version ? `${result.name}@${result.version}` : result.manifest}: ${(result.failure ?? '').split('\n')[0]}`);
    return (0,redact/* redact */.E$)(`${failed.length} of ${results.length} integrations failed:\n${lines.join('\n')}`, state.secretValues);
}


/***/ })

};
