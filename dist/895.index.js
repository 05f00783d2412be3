export const id = 895;
export const ids = [895];
export const modules = {

/***/ 8895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readDefinition: () => (/* binding */ readDefinition)
});

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/manifest/safe-read.ts + 1 modules
var safe_read = __webpack_require__(3747);
// EXTERNAL MODULE: ./src/manifest/schema.ts
var schema = __webpack_require__(6470);
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
function unwrap(schema) {
    let current = schema;
    for (;;) {
        const def = current._zod.def;
        if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType)
            current = def.innerType;
        else
            return current;
    }
}
/**
 * `value` with every key the manifest's schema does not allow left out (the
 * SDK's `ui`, a renamed action's `name`, …), each dropped key path added to
 * `dropped`. One general rule, from the schema, rather than a list of keys.
 */
function keepWhatTheBodyAllows(value, schema, dropped, path = '') {
    const def = unwrap(schema)._zod.def;
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
            Object.defineProperty(kept, key, {
                value: keepWhatTheBodyAllows(item, inner, dropped, `${path}${key}.`),
                enumerable: true,
                writable: true,
                configurable: true,
            });
        }
        return kept;
    }
    if (def.type === 'record' && def.valueType) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keepWhatTheBodyAllows(item, def.valueType, dropped, `${path}${key}.`)]));
    }
    return value;
}

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
 * imports, JSON, bp_modules), packages left to Node, which finds them in the
 * repository's node_modules, then run. Its schemas become JSON Schema with the
 * repository's own @botpress/sdk, the one that made them. Loading a definition
 * runs the repository's code: never on `pull_request_target` with a fork's code.
 */
async function readDefinition(file, displayPath, workspace, debug) {
    try {
        await (0,safe_read/* resolveInside */.LI)(file, workspace, safe_read/* FILE_LIMITS */.SK.manifest);
    }
    catch (error) {
        if (!(error instanceof safe_read/* FileRefused */.rV))
            throw error;
        throw new errors/* InputError */.dz(`Cannot read the definition ${displayPath} (${error.message}). Set the \`manifest\` input to its path, relative to \`working-directory\`.`);
    }
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
    for (const key of dropped)
        debug(`${displayPath}: ${key} is not part of Botpress's body; left out`);
    return { displayPath, data, protoKeys: JSON.stringify(data).includes('"__proto__"'), locate: () => undefined };
}


/***/ })

};
