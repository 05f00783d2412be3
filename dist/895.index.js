export const id = 895;
export const ids = [895];
export const modules = {

/***/ 8895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  definitionChild: () => (/* binding */ definitionChild),
  loadDefinitionData: () => (/* binding */ loadDefinitionData),
  readDefinition: () => (/* binding */ readDefinition)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/manifest/safe-read.ts
var safe_read = __webpack_require__(1289);
// EXTERNAL MODULE: ./src/manifest/schema.ts
var schema = __webpack_require__(6470);
// EXTERNAL MODULE: ./src/manifest/issues.ts
var issues = __webpack_require__(9597);
// EXTERNAL MODULE: ./src/own.ts
var own = __webpack_require__(8371);
;// CONCATENATED MODULE: ./src/definition/convert.ts


function mapValues(record, map) {
    return record ? Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, map(entry)])) : undefined;
}
/**
 * A definition (an `IntegrationDefinition` of `@botpress/sdk`) as the data a
 * YAML manifest holds, with each schema in JSON Schema, as Botpress's CLI
 * builds its body (packages/cli/src/api/integration-body.ts). File keys stay
 * paths relative to the definition; the code is what `bp build` writes.
 */
function definitionToManifest(definition, toJson) {
    const withSchema = (entry) => (entry.schema === undefined ? entry : { ...entry, schema: toJson(entry.schema) });
    const d = definition;
    const metadata = d.metadata;
    const data = {
        name: d.name,
        version: d.version,
        title: d.title,
        description: d.description,
        icon: d.icon,
        readme: d.readme,
        code: '.botpress/dist/index.cjs',
        sdkVersion: metadata?.sdkVersion,
        configuration: d.configuration && withSchema(d.configuration),
        configurations: mapValues(d.configurations, withSchema),
        events: mapValues(d.events, withSchema),
        actions: mapValues(d.actions, (action) => ({
            ...action,
            input: withSchema(action.input),
            output: withSchema(action.output),
        })),
        channels: mapValues(d.channels, (channel) => ({ ...channel, messages: mapValues(channel.messages, withSchema) })),
        states: mapValues(d.states, withSchema),
        entities: mapValues(d.entities, withSchema),
        user: d.user,
        identifier: d.identifier,
        attributes: d.attributes,
        secrets: mapValues(d.secrets, (secret) => ({
            ...(secret.optional !== undefined && { optional: secret.optional }),
            ...(typeof secret.description === 'string' && { description: secret.description }),
        })),
        // By id when `bp add` left one, else by name and version, which the lifecycle resolves.
        interfaces: mapValues(d.interfaces, (entry) => (entry.id ? { ...entry, name: undefined, version: undefined } : entry)),
    };
    return JSON.parse(JSON.stringify(data));
}
/**
 * `value` with every key the manifest's schema does not allow left out (the
 * SDK's `ui`, a renamed action's `name`, …), each dropped key path added to
 * `dropped`. One general rule, from the schema, rather than a list of keys.
 */
function keepWhatTheBodyAllows(value, schema, dropped, path = '') {
    const def = (0,issues/* unwrap */.oA)(schema)._zod.def;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return value;
    if (def.type === 'object' && def.shape) {
        const kept = {};
        for (const [key, item] of Object.entries(value)) {
            const inner = def.shape[key];
            if (!inner) {
                dropped.push(`${path}${key}`);
                continue;
            }
            (0,own/* setOwn */.P)(kept, key, keepWhatTheBodyAllows(item, inner, dropped, `${path}${key}.`));
        }
        return kept;
    }
    if (def.type === 'record' && def.valueType) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keepWhatTheBodyAllows(item, def.valueType, dropped, `${path}${key}.`)]));
    }
    return value;
}

// EXTERNAL MODULE: ./src/definition/kind.ts
var kind = __webpack_require__(1487);
;// CONCATENATED MODULE: ./src/definition/load.ts









const SKIP = Symbol('resolving');
/**
 * Installed packages (under node_modules) are left to Node, which loads the
 * repository's own copies at run time, @botpress/sdk first of all; a monorepo's
 * workspace packages, which resolve to the repository's own sources, are
 * bundled like the definition's other files (they may be TypeScript).
 */
const installedPackagesStayExternal = {
    name: 'installed-packages-stay-external',
    setup(build) {
        build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === SKIP || args.path.startsWith('node:'))
                return undefined;
            const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SKIP });
            if (resolved.errors.length || resolved.path.split((external_node_path_default()).sep).includes('node_modules'))
                return { external: true };
            return { path: resolved.path };
        });
    },
};
/** A package the definition's own repository must have installed, resolved from its folder, never from the action. */
function fromRepository(file, name, why) {
    try {
        return (0,external_node_module_.createRequire)(file)(name);
    }
    catch (error) {
        throw new errors/* InputError */.dz(`Cannot load ${name} from ${external_node_path_default().dirname(file)} (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}): ${why}. ` +
            "Run the repository's install step (`npm ci`) before this one. Nothing was sent.");
    }
}
/**
 * Loads `integration.definition.ts` (or .js) as Botpress's CLI does: bundled
 * with the repository's own esbuild (TypeScript, extensionless and folder
 * imports, JSON, bp_modules, a monorepo's workspace packages), installed
 * packages left to Node, which finds them in the repository's node_modules,
 * then run. Its schemas become JSON Schema with the repository's own
 * @botpress/sdk, the one that made them.
 */
async function loadDefinitionData(file, displayPath) {
    const esbuild = fromRepository(file, 'esbuild', 'it bundles the definition, as `bp build` does (it comes with @botpress/cli)');
    const sdk = fromRepository(file, '@botpress/sdk', 'its schemas are turned into JSON Schema by the SDK that made them');
    let code;
    try {
        const result = await esbuild.build({
            entryPoints: [file],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            write: false,
            logLevel: 'silent',
            target: 'node20',
            plugins: [installedPackagesStayExternal],
        });
        code = result.outputFiles?.[0]?.text ?? '';
    }
    catch (error) {
        throw new errors/* InputError */.dz(`${displayPath} does not build: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
    }
    let definition;
    try {
        const loaded = new external_node_module_.Module(file);
        loaded.filename = file;
        loaded.paths = external_node_module_.Module._nodeModulePaths(external_node_path_default().dirname(file));
        loaded._compile(code, file);
        const exported = loaded.exports;
        definition = (exported.default ?? exported);
    }
    catch (error) {
        throw new errors/* InputError */.dz(`${displayPath} threw while loading: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
    }
    if (!definition || typeof definition.name !== 'string' || typeof definition.version !== 'string') {
        throw new errors/* InputError */.dz(`${displayPath} must export an IntegrationDefinition of @botpress/sdk as its default export (\`export default new IntegrationDefinition({…})\`). Nothing was sent.`);
    }
    const advanced = (definition.__advanced ?? {});
    const transforms = sdk.z.transforms;
    const transform = advanced.useLegacyZuiTransformer && transforms.toJSONSchemaLegacy ? transforms.toJSONSchemaLegacy : transforms.toJSONSchema;
    const toJson = (schema) => transform(schema, advanced.toJSONSchemaOptions);
    let data;
    try {
        data = definitionToManifest(definition, toJson);
    }
    catch (error) {
        throw new errors/* InputError */.dz(`${displayPath}: a schema could not be turned into JSON Schema: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
    }
    const dropped = [];
    data = keepWhatTheBodyAllows(data, schema/* manifestSchema */.r, dropped);
    return { data, dropped };
}
const RESULT_FD = 3;
const MAX_RESULT_BYTES = 64 * 1024 * 1024;
// Only what a Node.js program needs to run: no token, no secret, no input, no runner credential.
const CHILD_ENV = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SystemRoot'];
/**
 * Reads a definition as a manifest. Loading it runs the repository's code, so
 * the action runs it in a process of its own, with an environment that holds
 * none of the run's credentials, and waits for it at most `timeoutMs`.
 */
async function readDefinition(file, displayPath, workspace, options) {
    try {
        await (0,safe_read/* resolveInside */.LI)(file, workspace, safe_read/* FILE_LIMITS */.SK.manifest);
    }
    catch (error) {
        if (!(error instanceof safe_read/* FileRefused */.rV))
            throw error;
        throw new errors/* InputError */.dz(`Cannot read the definition ${displayPath} (${error.message}). Set the \`manifest\` input to its path, relative to \`working-directory\`.`);
    }
    const { data, dropped } = options.isolate
        ? await loadInChild(file, displayPath, options.timeoutMs, options.debug)
        : await loadDefinitionData(file, displayPath);
    for (const key of dropped)
        options.debug(`${displayPath}: ${key} is not part of Botpress's body; left out`);
    return { displayPath, data, locate: () => Promise.resolve(undefined) };
}
function loadInChild(file, displayPath, timeoutMs, debug) {
    const env = { [kind/* DEFINITION_CHILD */.f]: JSON.stringify({ file, displayPath }) };
    for (const name of CHILD_ENV)
        if (process.env[name] !== undefined)
            env[name] = process.env[name];
    const child = (0,external_node_child_process_.spawn)(process.execPath, [process.argv[1]], { cwd: external_node_path_default().dirname(file), env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const chunks = [];
    let size = 0;
    const result = child.stdio[RESULT_FD];
    result.on('data', (chunk) => {
        size += chunk.length;
        if (size > MAX_RESULT_BYTES)
            child.kill('SIGKILL');
        else
            chunks.push(chunk);
    });
    // What the definition prints is its own business: the debug log, a line each.
    for (const stream of [child.stdout, child.stderr])
        stream?.on('data', (chunk) => String(chunk)
            .split('\n')
            .filter(Boolean)
            .forEach((line) => debug(`${displayPath}: ${line}`)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (error) => reject(new errors/* InputError */.dz(`${displayPath} could not be loaded: ${(0,errors/* errorMessage */.gJ)(error)}. Nothing was sent.`)));
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            let answer;
            try {
                answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            }
            catch {
                answer = undefined;
            }
            if (answer?.ok)
                resolve({ data: answer.data, dropped: answer.dropped });
            else if (answer)
                reject(new errors/* InputError */.dz(answer.message));
            else if (signal === 'SIGKILL')
                reject(new errors/* InputError */.dz(`${displayPath} did not load within ${timeoutMs / 1000} s (or gave back more than ${MAX_RESULT_BYTES / 1024 / 1024} MiB); nothing was sent.`));
            else
                reject(new errors/* InputError */.dz(`${displayPath} stopped the process that loads it (exit code ${code}); nothing was sent.`));
        });
    });
}
/** The child's side: load the definition named in the environment, give back its data on fd 3, print nothing of ours. */
async function definitionChild() {
    const { file, displayPath } = JSON.parse(process.env[kind/* DEFINITION_CHILD */.f] ?? '{}');
    let answer;
    try {
        answer = { ok: true, ...(await loadDefinitionData(file, displayPath)) };
    }
    catch (error) {
        answer = {
            ok: false,
            message: error instanceof errors/* InputError */.dz ? error.message : `${displayPath} could not be loaded: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`,
        };
    }
    await new Promise((resolve, reject) => (0,external_node_fs_.createWriteStream)('', { fd: RESULT_FD })
        .end(JSON.stringify(answer), () => resolve())
        .on('error', reject));
    process.exit(0);
}


/***/ })

};
