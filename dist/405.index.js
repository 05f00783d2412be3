export const id = 405;
export const ids = [405];
export const modules = {

/***/ 6405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  endPreview: () => (/* binding */ endPreview),
  installPreviewBot: () => (/* binding */ installPreviewBot),
  sweepStalePreviews: () => (/* binding */ sweepStalePreviews)
});

// EXTERNAL MODULE: ./src/api/client.ts
var client = __webpack_require__(7085);
// EXTERNAL MODULE: ./src/api/errors.ts
var errors = __webpack_require__(3249);
// EXTERNAL MODULE: ./src/api/transport.ts + 3 modules
var transport = __webpack_require__(2985);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: ./src/base/record.ts
var record = __webpack_require__(412);
// EXTERNAL MODULE: ./src/botpress/integration.ts
var integration = __webpack_require__(3870);
;// CONCATENATED MODULE: ./src/botpress/listings.ts



// The answers of the calls previews make: lists in pages, and bots. Only what
// the action relies on is checked; the rest is kept as it came.
const id = schemas/* string */.YjP().regex(integration/* BOTPRESS_ID */.d9, 'is not a Botpress id');
const page = schemas/* looseObject */._H3({ nextToken: schemas/* string */.YjP().optional() });
const stringMap = schemas/* custom */.IeY((value) => (0,record/* isRecord */.u)(value) && Object.values(value).every((item) => typeof item === 'string'), 'must be a map of strings');
/** A version as `GET /v1/admin/integrations` lists it. */
const listedVersionSchema = schemas/* looseObject */._H3({
    id,
    name: schemas/* string */.YjP(),
    version: schemas/* string */.YjP(),
    updatedAt: schemas/* string */.YjP(),
    visibility: schemas/* enum */.k5n(['public', 'private', 'unlisted']),
});
const listIntegrationsResponseSchema = schemas/* object */.Ikc({ integrations: schemas/* array */.YOg(listedVersionSchema), meta: page });
/** A bot as `GET /v1/admin/bots` lists it. */
const listedBotSchema = schemas/* looseObject */._H3({ id, name: schemas/* string */.YjP(), tags: stringMap, updatedAt: schemas/* string */.YjP() });
const listBotsResponseSchema = schemas/* object */.Ikc({ bots: schemas/* array */.YOg(listedBotSchema), meta: page });
/** An integration installed in a bot, keyed by its alias. */
const installedIntegrationSchema = schemas/* looseObject */._H3({
    id,
    name: schemas/* string */.YjP(),
    version: schemas/* string */.YjP(),
    enabled: schemas/* boolean */.zMY(),
    webhookUrl: schemas/* string */.YjP(),
    status: schemas/* enum */.k5n(['registration_pending', 'registered', 'registration_failed', 'unregistration_pending', 'unregistered', 'unregistration_failed']),
    statusReason: schemas/* string */.YjP().nullable().optional(),
});
const botSchema = schemas/* looseObject */._H3({
    id,
    name: schemas/* string */.YjP(),
    tags: stringMap,
    integrations: schemas/* record */.g1P(schemas/* string */.YjP(), installedIntegrationSchema),
});
const botResponseSchema = schemas/* object */.Ikc({ bot: botSchema });

;// CONCATENATED MODULE: ./src/api/preview-client.ts



/** Bots' integrations are keyed by alias, which Botpress does only for clients that send this header. */
const BOT_HEADERS = { 'x-multiple-integrations': 'true' };
/** A list longer than this many pages is refused rather than read on: a server that never ends a list would hold the step. */
const MAX_PAGES = 100;
/**
 * The calls previews make beside a deploy: bots (found by tags, created,
 * installed into, read, deleted) and the versions of one integration (listed,
 * deleted). Same transport as every other call: retries, bounds, scrubbing.
 */
class PreviewClient {
    transport;
    constructor(options) {
        this.transport = new transport/* Transport */.o(options);
    }
    /** Every version Botpress lists under `name` (all pages); only those whose name is exactly `name`. */
    async listVersions(name) {
        const listed = await this.pages(`Listing the versions of ${name}`, '/v1/admin/integrations', { name }, {}, listIntegrationsResponseSchema, (a) => a.integrations);
        return listed.filter((version) => version.name === name);
    }
    /** Deletes a version; false when it was already gone. */
    async deleteVersion(version) {
        const path = `/v1/admin/integrations/${encodeURIComponent(version.id)}`;
        const operation = `Deleting ${version.name}@${version.version} (DELETE ${path})`;
        return (await this.transport.callOrMissing({ operation, method: 'DELETE', path })) !== undefined;
    }
    /** Every bot of the workspace that has all of `tags` (all pages). */
    async listBots(tags) {
        const listed = await this.pages('Listing the preview bots', '/v1/admin/bots', { tags }, BOT_HEADERS, listBotsResponseSchema, (a) => a.bots);
        // The filter is the server's; checked again here, since what matches is deleted.
        return listed.filter((bot) => Object.entries(tags).every(([key, value]) => bot.tags[key] === value));
    }
    async createBot(name, tags) {
        const path = '/v1/admin/bots';
        return this.bot(`Creating bot ${name} (POST ${path})`, 'POST', path, { name, tags });
    }
    async getBot(id) {
        const path = `/v1/admin/bots/${encodeURIComponent(id)}`;
        return this.bot(`Reading bot ${id} (GET ${path})`, 'GET', path);
    }
    /** Installs one integration version in a bot, under its alias, enabled, with its configuration. */
    async install(botId, installation) {
        const path = `/v1/admin/bots/${encodeURIComponent(botId)}`;
        const { alias, integrationId, configuration } = installation;
        return this.bot(`Installing the preview in bot ${botId} (PUT ${path})`, 'PUT', path, {
            integrations: { [alias]: { integrationId, enabled: true, configuration } },
        });
    }
    /** Deletes a bot; false when it was already gone. */
    async deleteBot(id) {
        const path = `/v1/admin/bots/${encodeURIComponent(id)}`;
        const operation = `Deleting bot ${id} (DELETE ${path})`;
        return (await this.transport.callOrMissing({ operation, method: 'DELETE', path, headers: BOT_HEADERS })) !== undefined;
    }
    async bot(operation, method, path, body) {
        const text = await this.transport.call({ operation, method, path, headers: BOT_HEADERS, ...(body && { body }) });
        const { bot } = this.transport.parse(operation, text, botResponseSchema);
        if (method !== 'POST' && !path.endsWith(`/${encodeURIComponent(bot.id)}`)) {
            throw new errors/* ApiError */.hD(`${operation} answered with another bot (${bot.id}); nothing was done with it. Check \`api-url\`.`);
        }
        return bot;
    }
    /** Reads a list through its `nextToken` pages, at most MAX_PAGES of them. */
    async pages(what, path, query, headers, schema, items) {
        const all = [];
        const seen = new Set();
        let nextToken;
        for (let page = 1;; page++) {
            const url = `${path}?${queryString({ ...query, ...(nextToken && { nextToken }) })}`;
            const operation = `${what} (GET ${path}, page ${page})`;
            const answer = this.transport.parse(operation, await this.transport.call({ operation, method: 'GET', path: url, headers }), schema);
            all.push(...items(answer));
            nextToken = answer.meta.nextToken || undefined;
            if (nextToken === undefined)
                return all;
            if (seen.has(nextToken) || page >= MAX_PAGES) {
                throw new errors/* ApiError */.hD(`${what}: the list did not end after ${page} pages (its next page token repeats or never ends); nothing was deleted from it.`);
            }
            seen.add(nextToken);
        }
    }
}
/** `name=…&tags[key]=value&nextToken=…`, each part encoded: tags as Botpress's clients send them. */
function queryString(query) {
    const parts = [];
    if (query.name !== undefined)
        parts.push(`name=${encodeURIComponent(query.name)}`);
    for (const [key, value] of Object.entries(query.tags ?? {}))
        parts.push(`tags[${encodeURIComponent(key)}]=${encodeURIComponent(value)}`);
    if (query.nextToken !== undefined)
        parts.push(`nextToken=${encodeURIComponent(query.nextToken)}`);
    return parts.join('&');
}

// EXTERNAL MODULE: ./src/base/errors.ts
var base_errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/lifecycle/lookup.ts
var lookup = __webpack_require__(3311);
// EXTERNAL MODULE: ./src/api/retry.ts
var retry = __webpack_require__(7018);
// EXTERNAL MODULE: ./src/preview/version.ts
var preview_version = __webpack_require__(4356);
;// CONCATENATED MODULE: ./src/preview/cleanup.ts



/**
 * Removes what a pull request's previews made, and nothing else: its preview
 * bots first (a version still installed cannot be deleted), then the private
 * versions of this integration that are previews of this pull request. A
 * public or unlisted version, or another pull request's preview, is never
 * touched. Idempotent: what is already gone is not an error.
 */
async function removePreviews(client, of, log, options) {
    const removed = [];
    for (const bot of await client.listBots((0,preview_version/* previewBotTags */.jP)(of.name, of.number))) {
        if (await client.deleteBot(bot.id)) {
            log.info(`Deleted preview bot ${bot.name} (${bot.id}).`);
            removed.push({ kind: 'bot', id: bot.id, name: bot.name });
        }
    }
    const isPreview = (0,preview_version/* previewMatcher */.rM)(of.pattern, of.number);
    const versions = (await client.listVersions(of.name)).filter((version) => isPreview(version.version));
    for (const version of versions) {
        if (version.visibility !== 'private') {
            log.warning(`${version.name}@${version.version} looks like a preview of pull request #${of.number} but is ${version.visibility}: it is kept.`);
            continue;
        }
        if (await deleteWithPatience(client, version, options, log)) {
            log.info(`Deleted preview version ${version.name}@${version.version} (${version.id}).`);
            removed.push({ kind: 'integration', id: version.id, name: version.name, version: version.version });
        }
    }
    return removed;
}
/** A delete that Botpress refuses for a reason that may pass (a bot that is being deleted still holds the version) is tried again. */
async function deleteWithPatience(client, version, options, log) {
    for (let attempt = 1;; attempt++) {
        try {
            return await client.deleteVersion(version);
        }
        catch (error) {
            const refused = error instanceof errors/* ApiError */.hD && error.status !== undefined && error.status >= 400 && !retry/* RETRYABLE_STATUSES */.U3.has(error.status);
            const mayPass = refused && error.status !== 401 && error.status !== 403;
            if (!mayPass || attempt >= options.attempts)
                throw error;
            const delay = (0,retry/* retryDelay */.a2)(attempt);
            log.warning(`Botpress refused to delete ${version.name}@${version.version} (HTTP ${error.status}); trying again in ${(delay / 1000).toFixed(1)} s.`);
            await options.sleep(delay);
        }
    }
}
/**
 * The sweep for previews whose cleanup never ran: every private preview of
 * this integration whose pull request is closed (with that pull request's
 * bots, as a cleanup would), or that was last updated before `updatedBefore`.
 */
async function removeStalePreviews(client, of, rules, log, options) {
    const byNumber = new Map();
    for (const version of await client.listVersions(of.name)) {
        const number = (0,preview_version/* previewNumber */.KL)(of.pattern, version.version);
        if (number === undefined || version.visibility !== 'private')
            continue;
        byNumber.set(number, [...(byNumber.get(number) ?? []), version]);
    }
    const removed = [];
    for (const [number, versions] of [...byNumber].sort(([a], [b]) => a - b)) {
        if ((await rules.isClosed(number)) === true) {
            log.info(`Pull request #${number} is closed: removing its previews.`);
            removed.push(...(await removePreviews(client, { ...of, number }, log, options)));
            continue;
        }
        for (const version of versions) {
            const updated = Date.parse(version.updatedAt);
            if (!(updated < rules.updatedBefore))
                continue;
            if (await deleteWithPatience(client, version, options, log)) {
                log.info(`Deleted ${version.name}@${version.version} (${version.id}): not updated since ${version.updatedAt}.`);
                removed.push({ kind: 'integration', id: version.id, name: version.name, version: version.version });
            }
        }
    }
    return removed;
}

;// CONCATENATED MODULE: ./src/preview/bot.ts


/** Bot names are cut to this many characters, keeping their `-pr-<number>` end. */
const MAX_BOT_NAME = 64;
const POLL_FIRST_MS = 1000;
const POLL_CAP_MS = 10_000;
/** `acme-crm-pr-42`, cut to what Botpress shows whole, the pull request's number kept. */
function previewBotName(integrationName, number) {
    const suffix = `-pr-${number}`;
    return `${(0,lookup/* splitName */.W0)(integrationName).bare.slice(0, MAX_BOT_NAME - suffix.length)}${suffix}`;
}
/**
 * Installs the preview version in the pull request's own bot (found by its
 * tags, or created), so that Botpress runs the integration's registration for
 * real, then reads the bot until registration ends or `timeoutMs` passes.
 */
async function installInPreviewBot(client, request, log, options) {
    const tags = (0,preview_version/* previewBotTags */.jP)(request.name, request.number);
    const [found, ...others] = await client.listBots(tags);
    if (others.length)
        log.warning(`${others.length + 1} bots are tagged as the preview bot of pull request #${request.number}; ${found.id} is used.`);
    const bot = found ?? (await client.createBot(previewBotName(request.name, request.number), tags));
    if (!found)
        log.info(`Created preview bot ${bot.name} (${bot.id}).`);
    const alias = (0,lookup/* splitName */.W0)(request.name).bare;
    await client.install(bot.id, { alias, integrationId: request.integrationId, configuration: request.configuration });
    log.info(`Installed ${request.name} (${request.integrationId}) in preview bot ${bot.name} as ${alias}; waiting for its registration.`);
    const now = options.now ?? Date.now;
    const deadline = now() + options.timeoutMs;
    for (let wait = POLL_FIRST_MS;; wait = Math.min(POLL_CAP_MS, wait * 2)) {
        const entry = (await client.getBot(bot.id)).integrations[alias];
        const result = { id: bot.id, name: bot.name, webhookUrl: entry?.webhookUrl ?? '' };
        if (entry && entry.id === request.integrationId && (entry.status === 'registered' || entry.status === 'registration_failed')) {
            return { ...result, status: entry.status, ...(entry.statusReason && { reason: entry.statusReason }) };
        }
        const left = deadline - now();
        if (left <= 0)
            return { ...result, status: entry?.status ?? 'registration_pending' };
        await options.sleep(Math.min(wait, left));
    }
}

// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/botpress/dashboard.ts
var dashboard = __webpack_require__(7576);
// EXTERNAL MODULE: ./src/deploy.ts + 18 modules
var deploy = __webpack_require__(6097);
;// CONCATENATED MODULE: ./src/previews.ts










/** Refused deletes (a bot still holding the version) are tried 4 times, with backoff. */
const CLEANUP = { attempts: 4, sleep: transport/* defaultSleep */.J };
/**
 * A closed pull request's previews removed: its bots, then its private
 * preview versions. The manifest is read for its name only: the files it
 * names need not exist (the branch may be gone), and no secret is needed.
 */
async function endPreview(settings, env, state, log, of) {
    const options = (0,deploy/* transportOptions */.wL)(settings, state, log);
    const name = await integrationName(settings, env, state, log, options);
    state.pullRequest = of.number;
    state.removed = await removePreviews(new PreviewClient(options), { name, number: of.number, pattern: settings.previewVersion }, log, CLEANUP);
    state.operation = state.removed.length ? 'deleted' : 'skipped';
    if (!state.removed.length)
        log.notice(`Pull request #${of.number} is closed and no preview of ${name} is left on Botpress: nothing to remove.`);
}
/**
 * The sweep for previews whose cleanup never ran (a disabled workflow, a
 * cancelled run): by the same rules, the previews of pull requests that are
 * closed, and those not updated for `preview-max-age` days.
 */
async function sweepStalePreviews(settings, context, env, state, log) {
    const options = (0,deploy/* transportOptions */.wL)(settings, state, log);
    const name = await integrationName(settings, env, state, log, options);
    const repository = context.repository;
    const target = repository && settings.githubToken ? { token: settings.githubToken, apiUrl: context.apiUrl, ...repository, timeoutMs: settings.timeoutMs } : undefined;
    if (!target)
        log.warning('No `github-token` (or no repository): whether pull requests are closed cannot be told, so only previews older than `preview-max-age` are removed.');
    const isClosed = async (number) => {
        if (!target)
            return undefined;
        try {
            return await (await __webpack_require__.e(/* import() */ 487).then(__webpack_require__.bind(__webpack_require__, 4487))).isPullRequestClosed(target, number);
        }
        catch (error) {
            log.warning(`Could not read pull request #${number} (${(0,redact/* redact */.E$)((0,base_errors/* errorMessage */.gJ)(error), state.secretValues)}): only its previews' age counts.`);
            return undefined;
        }
    };
    const updatedBefore = Date.now() - settings.previewMaxAgeDays * 24 * 60 * 60 * 1000;
    state.removed = await removeStalePreviews(new PreviewClient(options), { name, pattern: settings.previewVersion }, { updatedBefore, isClosed }, log, CLEANUP);
    state.operation = state.removed.length ? 'deleted' : 'skipped';
    if (!state.removed.length)
        log.notice(`No stale preview of ${name} on Botpress: nothing to remove.`);
}
/** The manifest's `name`, with the workspace's handle: all a cleanup needs of it. */
async function integrationName(settings, env, state, log, options) {
    const parsed = await (0,deploy/* parseManifestSource */.sp)(settings, env, state, log);
    const declared = (parsed.data ?? {});
    if (typeof declared.name !== 'string' || !declared.name) {
        throw new base_errors/* InputError */.dz(`${parsed.displayPath} has no \`name\`: previews are found by the integration's name, so removing them needs it. Nothing was removed.`);
    }
    const handle = await new client/* BotpressClient */.w(options).getWorkspaceHandle(settings.workspaceId);
    return (0,lookup/* qualifyName */.Br)(declared.name, handle, parsed.displayPath);
}
/**
 * The preview version installed in the pull request's own bot, so that
 * Botpress runs its registration for real: registered, or the run fails with
 * Botpress's reason, or with the wait it gave up on.
 */
async function installPreviewBot(settings, state, log, of) {
    const integration = state.integration;
    if (!integration)
        throw new Error('unreachable: a preview bot is installed after its version is written');
    const client = new PreviewClient((0,deploy/* transportOptions */.wL)(settings, state, log));
    const result = await installInPreviewBot(client, { name: integration.name, number: of.number, integrationId: integration.id, configuration: settings.previewConfiguration }, log, { timeoutMs: settings.previewTimeoutMs, sleep: transport/* defaultSleep */.J });
    // Anyone holding the webhook URL can post events to the bot: masked before anything else is written.
    if (result.webhookUrl) {
        log.mask(result.webhookUrl);
        state.secretValues.push(result.webhookUrl);
    }
    const url = (0,dashboard/* dashboardLinks */.y)(settings.dashboardUrl, settings.workspaceId).bot(result.id);
    state.previewBot = { id: result.id, name: result.name, status: result.status, webhookUrl: result.webhookUrl, url };
    if (result.status === 'registered') {
        log.info(`${integration.name}@${integration.version} registered in preview bot ${result.name} (${result.id}).`);
        return;
    }
    if (result.status === 'registration_failed') {
        const reason = result.reason ? (0,redact/* redact */.E$)(result.reason, state.secretValues) : 'Botpress gave no reason';
        state.previewBot.reason = reason;
        throw new Error(`${integration.name}@${integration.version} failed to register in preview bot ${result.name} (${result.id}): ${reason}. ` +
            'Check the `register` handler and the configuration the preview bot gets (`preview-configuration`) against the configuration schema.');
    }
    throw new Error(`${integration.name}@${integration.version} was still ${result.status} in preview bot ${result.name} (${result.id}) after ${settings.previewTimeoutMs / 1000} s ` +
        "(`preview-timeout`): its `register` handler may hang, or Botpress is slow; look at the bot's logs in the dashboard, or raise `preview-timeout`.");
}


/***/ })

};
