export const id = 802;
export const ids = [802];
export const modules = {

/***/ 9802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  definitionChild: () => (/* reexport */ definitionChild),
  readDefinition: () => (/* binding */ readDefinition)
});

// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/files/safe-read.ts
var safe_read = __webpack_require__(419);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/definition/kind.ts
var kind = __webpack_require__(1487);
// EXTERNAL MODULE: ./src/manifest/schema.ts
var schema = __webpack_require__(6470);
// EXTERNAL MODULE: ./src/manifest/issues.ts
var issues = __webpack_require__(9597);
// EXTERNAL MODULE: ./src/base/own.ts
var own = __webpack_require__(5105);
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
    const withSchema = (entry) => (entry.schema === undefined ? entry : { ...entry, schema: toJson(entry) });
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

// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
;// CONCATENATED MODULE: ./src/definition/loader.ts
// What every way of loading a definition shares: the shape of a loader, the
// repository's packages resolved from the definition's own folder (never from
// the action), and the error for a package the definition imports and the
// repository lacks.




/** Whether a file belongs to an installed package: both loaders leave those to Node, which loads the repository's own copies. */
const isInstalled = (file) => file.split((external_node_path_default()).sep).includes('node_modules');
/** The folders Node looks in for `node_modules` packages, from `dir` up. */
function nodeModulesPaths(dir) {
    return external_node_module_.Module._nodeModulePaths(dir);
}
/** The folder of the installed package `name` that Node would find from `dir`, or undefined. */
function installedPackageDir(name, dir) {
    for (const modules of nodeModulesPaths(dir)) {
        const candidate = external_node_path_default().join(modules, name);
        if ((0,external_node_fs_.existsSync)(external_node_path_default().join(candidate, 'package.json')))
            return candidate;
    }
    return undefined;
}
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
/** `@scope/name` or `name`, of an import such as `@scope/name/sub/path`; undefined for a relative or absolute path or a built-in. */
function packageOf(request) {
    if (request.startsWith('.') || external_node_path_default().isAbsolute(request) || (0,external_node_module_.isBuiltin)(request))
        return undefined;
    const parts = request.split('/');
    return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
/** `importer` shown as the user sees the definition: relative to the same folder as `displayPath`. */
function shownPath(importer, file, displayPath) {
    return external_node_path_default().join(external_node_path_default().dirname(displayPath), external_node_path_default().relative(external_node_path_default().dirname(file), importer))
        .split((external_node_path_default()).sep)
        .join('/');
}
/** The error for a package that `importer` imports and that is not installed. */
function missingPackage(request, importer, file, displayPath) {
    const name = packageOf(request) ?? request;
    return new errors/* InputError */.dz(`${shownPath(importer, file, displayPath)} imports \`${request}\`, and the package ${name} is not installed in the repository: ` +
        `add it to the dependencies of its package.json (\`npm install ${name}\`) and run the install step before this one. Nothing was sent.`);
}
/** The module error Node throws for an import it cannot find. */
function isModuleNotFound(error) {
    return error instanceof Error && error.code === 'MODULE_NOT_FOUND';
}

;// CONCATENATED MODULE: ./src/definition/esbuild-loader.ts
// Loading a definition as `bp build` does: bundled with esbuild (the
// repository's own, or the one the installed Botpress CLI uses), then run.




const SKIP = Symbol('resolving');
/**
 * Node's built-ins (`fs` as well as `node:fs`) and installed packages (under
 * node_modules) are left to Node, which loads the repository's own copies at
 * run time, @botpress/sdk first of all; a monorepo's workspace packages, which
 * resolve to the repository's own sources, are bundled like the definition's
 * other files (they may be TypeScript). A package that does not resolve is
 * left to Node too (an optional import may expect that), and remembered with
 * the file that imports it, for the error if it is needed after all.
 */
function installedPackagesStayExternal(missing) {
    return {
        name: 'installed-packages-stay-external',
        setup(build) {
            build.onResolve({ filter: /^[^./]/ }, async (args) => {
                if (args.pluginData === SKIP)
                    return undefined;
                if ((0,external_node_module_.isBuiltin)(args.path))
                    return { external: true };
                const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SKIP });
                if (resolved.errors.length) {
                    if (!missing.has(args.path))
                        missing.set(args.path, args.importer);
                    return { external: true };
                }
                if (isInstalled(resolved.path))
                    return { external: true };
                return { path: resolved.path };
            });
        },
    };
}
function esbuildLoader(esbuild, describe) {
    return {
        describe,
        async load(file, displayPath) {
            const missing = new Map();
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
                    plugins: [installedPackagesStayExternal(missing)],
                });
                code = result.outputFiles?.[0]?.text ?? '';
            }
            catch (error) {
                throw new errors/* InputError */.dz(`${displayPath} does not build: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
            }
            const loaded = new external_node_module_.Module(file);
            loaded.filename = file;
            loaded.paths = nodeModulesPaths(external_node_path_default().dirname(file));
            try {
                loaded._compile(code, file);
            }
            catch (error) {
                const request = isModuleNotFound(error) ? [...missing.keys()].find((name) => error.message.startsWith(`Cannot find module '${name}'`)) : undefined;
                if (request !== undefined)
                    throw missingPackage(request, missing.get(request), file, displayPath);
                throw error;
            }
            return loaded.exports;
        },
    };
}

;// CONCATENATED MODULE: ./src/definition/typescript-loader.ts
// Loading a definition where no esbuild can be found: the repository's own
// `typescript` (which `bp init` installs) transpiles each of the repository's
// files as Node requires it. Nothing ships with the action for this, so
// dist/ stays as small as it was; docs/benchmark.md says why this was chosen.





const NodeModule = external_node_module_.Module;
// esbuild's default order, so that `./tags` finds tags.ts before a tags.js beside it, as in `bp build`.
const EXTENSION_ORDER = ['.tsx', '.ts', '.jsx', '.js', '.json', '.node', '.mts', '.cts', '.mjs', '.cjs'];
const TYPESCRIPT = new Set(['.ts', '.tsx', '.mts', '.cts']);
// TypeScript's own convention: `import './tags.js'` means tags.ts when there is no tags.js.
const TS_FOR_JS = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
/** What the hooks need to know of the load under way; the hooks are installed once in a process. */
let current;
function compile(module, file) {
    const { ts, file: definition, displayPath } = current;
    const result = ts.transpileModule((0,external_node_fs_.readFileSync)(file, 'utf8'), {
        fileName: file,
        reportDiagnostics: true,
        // What esbuild's CommonJS output gives the definition: default imports of CommonJS packages, JSX as React.createElement.
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.React, sourceMap: false },
    });
    const error = result.diagnostics?.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    if (error) {
        const at = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
        const where = `${shownPath(file, definition, displayPath)}${at ? `:${at.line + 1}:${at.character + 1}` : ''}`;
        throw new errors/* InputError */.dz(`${displayPath} does not build: ${where}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}\nNothing was sent.`);
    }
    module._compile(result.outputText, file);
}
function installHooks() {
    const original = { ...NodeModule._extensions };
    const handlers = {};
    for (const extension of EXTENSION_ORDER) {
        const node = original[extension];
        if (extension === '.json' || extension === '.node')
            handlers[extension] = node;
        else if (TYPESCRIPT.has(extension) || !node)
            handlers[extension] = compile;
        else
            handlers[extension] = (module, file) => (isInstalled(file) ? node(module, file) : compile(module, file));
    }
    // Node tries the extensions in the order of the object's keys: ours first, in
    // esbuild's order, then any other that Node had, with its own handler.
    for (const extension of Object.keys(NodeModule._extensions))
        delete NodeModule._extensions[extension];
    Object.assign(NodeModule._extensions, handlers, original, handlers);
    const resolve = NodeModule._resolveFilename;
    NodeModule._resolveFilename = function (request, parent, ...rest) {
        try {
            return resolve.call(this, request, parent, ...rest);
        }
        catch (error) {
            const importer = parent?.filename;
            if (!isModuleNotFound(error) || !current || !importer || isInstalled(importer))
                throw error;
            const extension = external_node_path_default().extname(request);
            if (request.startsWith('.') && TS_FOR_JS[extension]) {
                for (const replacement of TS_FOR_JS[extension]) {
                    try {
                        return resolve.call(this, request.slice(0, -extension.length) + replacement, parent, ...rest);
                    }
                    catch {
                        // the next one
                    }
                }
            }
            if (packageOf(request))
                current.missing.set(error, { request, importer });
            throw error;
        }
    };
}
/** Whether `ts` is a TypeScript whose JavaScript API can transpile (4 to 6). */
function canTranspile(ts) {
    return typeof ts.transpileModule === 'function' && ts.ModuleKind !== undefined && ts.ScriptTarget?.ES2022 !== undefined;
}
function typescriptLoader(ts, describe) {
    return {
        describe,
        load(file, displayPath) {
            if (!current)
                installHooks();
            current = { ts, file, displayPath, missing: new WeakMap() };
            try {
                return (0,external_node_module_.createRequire)(file)(file);
            }
            catch (error) {
                const missing = error instanceof Error ? current.missing.get(error) : undefined;
                if (missing)
                    throw missingPackage(missing.request, missing.importer, file, displayPath);
                throw error;
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/definition/find-loader.ts
// Which bundler loads a definition. A repository made by `bp init` has
// @botpress/sdk and typescript but no esbuild (the CLI is global, or run with
// npx), and in a pnpm monorepo esbuild sits under the CLI's own folder: the
// action looks where each layout keeps one, in this order, and says which it used.







const CLI = '@botpress/cli';
/** The version in `dir`/package.json when that package is `name`, else undefined. */
function packageVersion(dir, name) {
    try {
        const pkg = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'package.json'), 'utf8'));
        return pkg.name === name ? String(pkg.version) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The @botpress/cli package folder that holds `file` (a `bp` followed to its real path), or undefined. */
function cliPackageAbove(file) {
    for (let dir = external_node_path_default().dirname(file), depth = 0; depth < 8 && dir !== external_node_path_default().dirname(dir); dir = external_node_path_default().dirname(dir), depth++) {
        if (packageVersion(dir, CLI))
            return dir;
    }
    return undefined;
}
// A shim that starts the CLI names its package relative to the shim's folder:
// npm's and pnpm's shell and cmd shims (`$basedir/…`, `%~dp0\…`, `%dp0%\…`) and PowerShell's (`$PSScriptRoot/…`).
const SHIM_TARGET = /(?:\$basedir|%~dp0|%dp0%|\$PSScriptRoot)[\\/]([^"'\s*]*?node_modules[\\/]@botpress[\\/]cli)(?=[\\/"'\s])/;
/** The @botpress/cli package behind a `bp` in `dir`: a link to it, a shim naming it, or npm's global layouts beside it. */
function cliPackageOfBin(dir, bin) {
    const real = cliPackageAbove((0,external_node_fs_.realpathSync)(bin));
    if (real)
        return real;
    const candidates = [external_node_path_default().join(dir, 'node_modules', CLI), external_node_path_default().join(dir, '..', 'lib', 'node_modules', CLI)];
    if ((0,external_node_fs_.statSync)(bin).size < 64 * 1024) {
        const target = SHIM_TARGET.exec((0,external_node_fs_.readFileSync)(bin, 'latin1'));
        if (target)
            candidates.unshift(external_node_path_default().resolve(dir, target[1].replace(/\\/g, '/')));
    }
    return candidates.find((candidate) => packageVersion(candidate, CLI));
}
/** The folders of the @botpress/cli packages that `bp` on `searchPath` runs, first found first. */
function cliPackagesOnPath(searchPath) {
    const found = [];
    for (const dir of searchPath.split((external_node_path_default()).delimiter).filter(Boolean)) {
        for (const name of ['bp', 'bp.cmd', 'bp.ps1']) {
            const bin = external_node_path_default().join(dir, name);
            try {
                if (!(0,external_node_fs_.existsSync)(bin) || !(0,external_node_fs_.statSync)(bin).isFile())
                    continue;
                const cli = cliPackageOfBin(dir, bin);
                if (cli)
                    found.push((0,external_node_fs_.realpathSync)(cli));
            }
            catch {
                // an unreadable entry of PATH is not ours to report
            }
        }
    }
    return found;
}
/**
 * The loader for `file`: the repository's own esbuild; else the esbuild of the
 * Botpress CLI installed in the repository or found as `bp` on `searchPath`;
 * else the repository's own typescript. `tried` gets a line for each one
 * found but unusable, for the debug log.
 */
function findLoader(file, searchPath, tried) {
    const dir = external_node_path_default().dirname(file);
    const attempt = (from, name, where) => {
        try {
            return (0,external_node_module_.createRequire)(from)(name);
        }
        catch (error) {
            if (installedPackageDir(name, external_node_path_default().dirname(from)))
                tried.push(`${name} ${where} could not be loaded: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
            return undefined;
        }
    };
    const own = attempt(file, 'esbuild', `from ${dir}`);
    if (own)
        return esbuildLoader(own, `esbuild ${own.version ?? ''} (the repository's own)`);
    const installed = installedPackageDir(CLI, dir);
    for (const cli of [...(installed ? [(0,external_node_fs_.realpathSync)(installed)] : []), ...cliPackagesOnPath(searchPath)]) {
        const esbuild = attempt(external_node_path_default().join(cli, 'package.json'), 'esbuild', `of ${CLI} in ${cli}`);
        if (esbuild)
            return esbuildLoader(esbuild, `esbuild ${esbuild.version ?? ''} (the one ${CLI} ${packageVersion(cli, CLI)} uses, in ${cli})`);
    }
    const ts = attempt(file, 'typescript', `from ${dir}`);
    if (ts && canTranspile(ts))
        return typescriptLoader(ts, `typescript ${ts.version} (the repository's own), each of its files transpiled as Node loads it`);
    if (ts) {
        throw new errors/* InputError */.dz(`Cannot load ${external_node_path_default().basename(file)}: no esbuild can be found from ${dir} nor a Botpress CLI (\`bp\`) on PATH, and the repository's typescript ` +
            `${ts.version} has no JavaScript API to transpile with (TypeScript 7 has none). Add esbuild to the repository's devDependencies ` +
            '(`npm install -D esbuild`), or keep typescript 6 (`bp init` installs ^6). Nothing was sent.');
    }
    throw new errors/* InputError */.dz(`Cannot load ${external_node_path_default().basename(file)}: it is TypeScript, and neither esbuild nor typescript can be found from ${dir} (the repository's packages), ` +
        "nor a Botpress CLI (`bp`) on PATH. Install the repository's packages before this step (`npm ci`; `bp init` adds typescript to devDependencies). Nothing was sent.");
}

;// CONCATENATED MODULE: ./src/definition/schemas.ts
// A definition's zod schemas as JSON Schema, the way Botpress's CLI makes them
// (packages/cli/src/utils/schema-utils.ts, mapZodToJsonSchema): the SDK's
// transformer (the legacy one with `target: 'jsonSchema7'` when the definition
// asks for it), local `$ref`s dereferenced, then the entry's `ui` titles and
// examples set on the matching properties of an object schema.

const isObject = (value) => typeof value === 'object' && value !== null;
function schemaMapper(transforms, advanced) {
    const legacy = advanced.useLegacyZuiTransformer === true;
    if (legacy && !transforms.toJSONSchemaLegacy) {
        throw new Error('the definition asks for the legacy schema transformer (__advanced.useLegacyZuiTransformer), which this @botpress/sdk does not have');
    }
    return (entry) => {
        const made = legacy
            ? transforms.toJSONSchemaLegacy(entry.schema, { target: 'jsonSchema7', ...advanced.toJSONSchemaOptions })
            : transforms.toJSONSchema(entry.schema, advanced.toJSONSchemaOptions);
        const schema = dereferenceLocal(made);
        if (!isObject(schema) || schema.type !== 'object' || !entry.ui)
            return schema;
        const properties = isObject(schema.properties) ? schema.properties : {};
        for (const [key, options] of Object.entries(entry.ui)) {
            const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
            if (!isObject(property))
                continue;
            // Truthy values only, as the CLI does (an empty title is not set).
            if (options?.title)
                property.title = options.title;
            if (options?.examples)
                property.examples = options.examples;
        }
        return schema;
    };
}
/** The value a JSON Pointer (`#/properties/p`, RFC 6901) names in `root`, or undefined. */
function pointerTarget(root, ref) {
    if (ref === '#')
        return root;
    if (!ref.startsWith('#/'))
        return undefined;
    let value = root;
    for (const raw of ref.slice(2).split('/')) {
        let token;
        try {
            token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        }
        catch {
            return undefined;
        }
        if (!isObject(value) || !Object.hasOwn(value, token))
            return undefined;
        value = value[token];
    }
    return value;
}
/**
 * `schema` with every local `$ref` replaced by what it points at, as
 * json-schema-ref-parser's `dereference` does for the CLI: the same object
 * wherever it is referenced (so a `ui` title set on one property shows on
 * every property that shares it, as in `bp deploy`'s body), a `$ref` with keys
 * beside it merged (those keys first, then the target's others), references
 * outside the document left as they are. A circular reference, which the body
 * could not hold as JSON, stays a `$ref`.
 */
function dereferenceLocal(schema) {
    const resolved = new Map();
    // The objects being walked: a reference to one of them is circular.
    const active = new Set();
    const done = new Set();
    const resolveRef = (ref) => {
        if (resolved.has(ref))
            return resolved.get(ref);
        const target = pointerTarget(schema, ref);
        if (target === undefined || active.has(target))
            return undefined;
        const value = walk(target);
        if (value !== undefined)
            resolved.set(ref, value);
        return value;
    };
    const walk = (value) => {
        if (!isObject(value) || done.has(value) || active.has(value))
            return value;
        if (typeof value.$ref === 'string' && value.$ref.startsWith('#')) {
            active.add(value);
            const target = resolveRef(value.$ref);
            active.delete(value);
            if (target === undefined)
                return value;
            const siblings = Object.keys(value).filter((key) => key !== '$ref');
            if (!siblings.length || !isObject(target))
                return target;
            const merged = {};
            for (const key of siblings)
                (0,own/* setOwn */.P)(merged, key, walk(value[key]));
            for (const key of Object.keys(target))
                if (!Object.hasOwn(merged, key))
                    (0,own/* setOwn */.P)(merged, key, target[key]);
            return merged;
        }
        active.add(value);
        for (const key of Object.keys(value)) {
            const item = value[key];
            const replaced = walk(item);
            if (replaced !== item)
                (0,own/* setOwn */.P)(value, key, replaced);
        }
        active.delete(value);
        done.add(value);
        return value;
    };
    return walk(schema);
}

;// CONCATENATED MODULE: ./src/definition/load.ts






/**
 * Loads `integration.definition.ts` (or .js) as Botpress's CLI does: bundled
 * with esbuild (or transpiled file by file with the repository's typescript
 * where no esbuild can be found; see find-loader.ts), installed packages left
 * to Node, which finds them in the repository's node_modules, then run. Its
 * schemas become JSON Schema with the repository's own @botpress/sdk, the one
 * that made them, as `bp deploy` makes them (schemas.ts).
 */
async function loadDefinitionData(file, displayPath, searchPath = process.env.PATH ?? '') {
    const debug = [];
    const loader = findLoader(file, searchPath, debug);
    debug.push(`loaded with ${loader.describe}`);
    const sdk = fromRepository(file, '@botpress/sdk', 'its schemas are turned into JSON Schema by the SDK that made them');
    let definition;
    try {
        const exported = (await loader.load(file, displayPath));
        definition = (exported.default ?? exported);
    }
    catch (error) {
        if (error instanceof errors/* InputError */.dz)
            throw error;
        throw new errors/* InputError */.dz(`${displayPath} threw while loading: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
    }
    if (!definition || typeof definition.name !== 'string' || typeof definition.version !== 'string') {
        throw new errors/* InputError */.dz(`${displayPath} must export an IntegrationDefinition of @botpress/sdk as its default export (\`export default new IntegrationDefinition({…})\`). Nothing was sent.`);
    }
    let data;
    try {
        data = definitionToManifest(definition, schemaMapper(sdk.z.transforms, (definition.__advanced ?? {})));
    }
    catch (error) {
        throw new errors/* InputError */.dz(`${displayPath}: a schema could not be turned into JSON Schema: ${(0,errors/* errorMessage */.gJ)(error)}\nNothing was sent.`);
    }
    const dropped = [];
    data = keepWhatTheBodyAllows(data, schema/* manifestSchema */.r, dropped);
    return { data, dropped, debug };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/definition/sandbox.ts
// The process a definition loads in, and how it is stopped. JavaScript alone
// cannot keep code that runs as the runner's user away from the runner's other
// processes: on Linux, where user namespaces are allowed without privileges,
// the process gets PID and mount namespaces of its own (it sees no other
// process in /proc, and everything it starts ends with it); elsewhere, a
// process group of its own, killed whole.

const NAMESPACES = ['--user', '--map-root-user', '--pid', '--fork', '--kill-child', '--mount-proc'];
let namespacesUsable;
/** Whether `unshare` can give a process namespaces of its own here, without privileges (tried once per run). */
function canUseNamespaces() {
    if (namespacesUsable === undefined) {
        namespacesUsable = process.platform === 'linux' && (0,external_node_child_process_.spawnSync)('unshare', [...NAMESPACES, 'true'], { stdio: 'ignore', timeout: 5000, env: {} }).status === 0;
    }
    return namespacesUsable;
}
/** Starts `command` kept apart as well as this platform allows without privileges. */
function startSandboxed(command, args, options) {
    const windows = process.platform === 'win32';
    const namespaces = canUseNamespaces();
    const child = namespaces
        ? (0,external_node_child_process_.spawn)('unshare', [...NAMESPACES, command, ...args], { ...options, detached: true })
        : (0,external_node_child_process_.spawn)(command, args, { ...options, detached: !windows });
    const isolation = namespaces
        ? 'PID, mount and user namespaces of its own (it sees no other process; all it starts ends with it)'
        : windows
            ? 'a process of its own, killed with the processes it started'
            : 'a process group of its own, killed whole (user namespaces are not allowed here)';
    const kill = () => {
        if (child.pid === undefined)
            return;
        try {
            if (windows)
                (0,external_node_child_process_.spawnSync)('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', timeout: 5000 });
            else
                process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // already gone
        }
    };
    return { child, isolation, kill };
}

;// CONCATENATED MODULE: ./src/definition/child.ts






// Loading a definition runs the repository's code: the action does it in a
// process of its own (a run of its own bundle, flagged by DEFINITION_CHILD),
// which gives the data back on fd 3.
const RESULT_FD = 3;
const MAX_RESULT_BYTES = 64 * 1024 * 1024;
/** What the definition may print into the debug log; the rest is counted and dropped. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** How long the answer may take to arrive once the process has exited (a process it started may hold the pipe). */
const DRAIN_MS = 500;
// Only what a Node.js program needs to run: no token, no secret, no input, no runner credential.
const CHILD_ENV = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SystemRoot'];
/**
 * Loads the definition in a process of its own (see sandbox.ts), with an
 * environment that holds none of the run's credentials. At `timeoutMs`, or
 * once it has exited, it and everything it started are killed and its pipes
 * closed: nothing it leaves behind keeps the step waiting or outlives it.
 */
function loadInChild(file, displayPath, timeoutMs, debug) {
    const env = { [kind/* DEFINITION_CHILD */.f]: JSON.stringify({ file, displayPath }) };
    for (const name of CHILD_ENV)
        if (process.env[name] !== undefined)
            env[name] = process.env[name];
    const { child, isolation, kill } = startSandboxed(process.execPath, [process.argv[1]], {
        cwd: external_node_path_default().dirname(file),
        env,
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    debug(`${displayPath}: loaded in ${isolation}`);
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    const result = child.stdio[RESULT_FD];
    result.on('data', (chunk) => {
        size += chunk.length;
        if (size <= MAX_RESULT_BYTES)
            chunks.push(chunk);
        else if (!tooLarge) {
            tooLarge = true;
            kill();
        }
    });
    // What the definition prints is its own business: the debug log, a line each, up to MAX_OUTPUT_BYTES.
    let printed = 0;
    let dropped = 0;
    for (const stream of [child.stdout, child.stderr]) {
        stream?.on('data', (chunk) => {
            const room = MAX_OUTPUT_BYTES - printed;
            if (room <= 0) {
                dropped += chunk.length;
                return;
            }
            const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
            printed += kept.length;
            dropped += chunk.length - kept.length;
            String(kept)
                .split('\n')
                .filter(Boolean)
                .forEach((line) => debug(`${displayPath}: ${line}`));
        });
    }
    return new Promise((resolve, reject) => {
        let timedOut = false;
        let done = false;
        let exitCode = null;
        let exited = false;
        let idle;
        const finish = () => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            clearTimeout(idle);
            kill();
            for (const stream of [child.stdout, child.stderr, result])
                stream?.destroy();
            if (dropped)
                debug(`${displayPath}: … ${dropped} more bytes of output dropped (the log keeps the first ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB)`);
            let answer;
            try {
                answer = tooLarge ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
            }
            catch {
                answer = undefined;
            }
            if (answer?.ok)
                resolve({ data: answer.data, dropped: answer.dropped, debug: answer.debug });
            else if (answer)
                reject(new errors/* InputError */.dz(answer.message));
            else if (timedOut)
                reject(new errors/* InputError */.dz(`${displayPath} did not load within ${timeoutMs / 1000} s; nothing was sent.`));
            else if (tooLarge)
                reject(new errors/* InputError */.dz(`${displayPath} gave back more than ${MAX_RESULT_BYTES / 1024 / 1024} MiB; nothing was sent.`));
            else
                reject(new errors/* InputError */.dz(`${displayPath} stopped the process that loads it (exit code ${exitCode}); nothing was sent.`));
        };
        const timer = setTimeout(() => {
            timedOut = true;
            finish();
        }, timeoutMs);
        child.on('error', (error) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            kill();
            reject(new errors/* InputError */.dz(`${displayPath} could not be loaded: ${(0,errors/* errorMessage */.gJ)(error)}. Nothing was sent.`));
        });
        // Done when the process has exited and its pipes have ended; a process it
        // started may hold them open, so what is still in them is waited for only
        // until DRAIN_MS pass without a byte.
        const drain = () => {
            clearTimeout(idle);
            idle = setTimeout(finish, DRAIN_MS);
        };
        let open = 0;
        for (const stream of [child.stdout, child.stderr, result]) {
            if (!stream)
                continue;
            open++;
            stream.on('data', () => exited && drain());
            stream.on('end', () => {
                if (--open === 0 && exited)
                    finish();
            });
        }
        child.on('exit', (code) => {
            exited = true;
            exitCode = code;
            if (open === 0)
                finish();
            else
                drain();
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
    // What the definition printed is still on its way: exiting now would cut it short.
    await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
    process.exit(0);
}

;// CONCATENATED MODULE: ./src/definition/read.ts




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
    const { data, dropped, debug } = options.isolate
        ? await loadInChild(file, displayPath, options.timeoutMs, options.debug)
        : await loadDefinitionData(file, displayPath);
    for (const line of debug)
        options.debug(`${displayPath}: ${line}`);
    for (const key of dropped)
        options.debug(`${displayPath}: ${key} is not part of Botpress's body; left out`);
    return { displayPath, data, locate: () => Promise.resolve(undefined) };
}
// The child's entry point, from this module, so that the action's two dynamic
// imports of the loader (deploy.ts, index.ts) make one chunk, not two copies.



/***/ })

};
