export const id = 938;
export const ids = [938];
export const modules = {

/***/ 5938:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveTargets: () => (/* binding */ resolveTargets)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4758);
/* harmony import */ var _definition_kind_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1487);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(914);





// Never walked into: dependencies and Git's own files hold no manifest of this repository.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
// A pattern that walks this many entries is too broad to be meant; the run says so instead of crawling.
const MAX_ENTRIES = 50_000;
const slashed = (relative) => relative.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
/** Every file under `base` (a folder), by its path relative to `root`, with `/`; symbolic links to folders are not followed. */
async function walk(base, root, pattern) {
    const found = [];
    let visited = 0;
    const visit = async (folder) => {
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(folder, { withFileTypes: true });
        }
        catch {
            return; // a folder that is not there matches nothing
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
            if (++visited > MAX_ENTRIES) {
                throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`manifest\`: pattern \`${pattern}\` walks more than ${MAX_ENTRIES} files and folders; start it with the folder that holds the integrations.`);
            }
            const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(folder, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_FOLDERS.has(entry.name))
                    await visit(full);
            }
            else if (entry.isFile() || entry.isSymbolicLink())
                found.push(slashed(node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(root, full)));
        }
    };
    await visit(base);
    return found;
}
function inside(workspace, file) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, file);
    return relative === '' || (!relative.startsWith(`..${(node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)}`) && relative !== '..' && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative));
}
/**
 * The manifests the `manifest` input names: paths as they are, patterns
 * matched against the files under `workingDirectory`, less what a `!` line
 * excludes; sorted, each once. A pattern that matches nothing, one that leaves
 * the workspace, and a folder with both a definition and a YAML manifest are
 * errors: which one is meant is not guessed.
 */
async function resolveTargets(lines, workingDirectory, workspace) {
    const included = new Set();
    const excludes = [];
    for (const line of lines) {
        const pattern = line.replace(/^\.\//, '');
        if (pattern.startsWith('!')) {
            excludes.push((0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .globToRegExp */ .tL)(pattern.slice(1).replace(/^\.\//, '')));
            continue;
        }
        if (!(0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .isPattern */ .Pt)(pattern)) {
            included.add(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workingDirectory, pattern));
            continue;
        }
        if (node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(pattern))
            throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`manifest\`: pattern \`${line}\` must be relative to \`working-directory\`.`);
        const base = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workingDirectory, (0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .fixedPrefix */ .j9)(pattern));
        if (!inside(workspace, base))
            throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`manifest\`: pattern \`${line}\` reaches outside the workspace; nothing was read.`);
        const matcher = (0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .globToRegExp */ .tL)(node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.normalize(pattern));
        const matches = (await walk(base, workingDirectory, line)).filter((relative) => matcher.test(relative));
        if (!matches.length) {
            throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`manifest\`: pattern \`${line}\` matches no file under ${slashed(node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, workingDirectory)) || '.'}; check it, or remove the line.`);
        }
        for (const relative of matches)
            included.add(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workingDirectory, relative));
    }
    const targets = [...included]
        .filter((file) => !excludes.some((exclude) => exclude.test(slashed(node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workingDirectory, file)))))
        .map((file) => ({ file, displayPath: slashed(node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(workspace, file)) }))
        .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
    if (!targets.length)
        throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('Input `manifest`: its `!` lines exclude every manifest its other lines match; nothing to deploy.');
    checkOnePerFolder(targets);
    return targets;
}
/** A folder must not give two manifests, a definition and a YAML file: which one is meant is not guessed. */
function checkOnePerFolder(targets) {
    const byFolder = new Map();
    for (const target of targets) {
        const folder = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(target.file);
        byFolder.set(folder, [...(byFolder.get(folder) ?? []), target]);
    }
    for (const inFolder of byFolder.values()) {
        const definition = inFolder.find((t) => _definition_kind_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFINITION_FILE */ .b.test(t.file));
        const yaml = inFolder.find((t) => /\.ya?ml$/.test(t.file));
        if (definition && yaml) {
            throw new _base_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`Input \`manifest\` matches both ${definition.displayPath} and ${yaml.displayPath}, two manifests of one folder; narrow the pattern (or add a \`!\` line) so that it names one.`);
        }
    }
}


/***/ })

};
