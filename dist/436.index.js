export const id = 436;
export const ids = [436];
export const modules = {

/***/ 7436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readYamlDocument: () => (/* binding */ readYamlDocument),
  yamlPositions: () => (/* binding */ yamlPositions)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/base/errors.ts
var base_errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/manifest/interpolate.ts
var interpolate = __webpack_require__(7882);
// EXTERNAL MODULE: ./src/manifest/issues.ts
var issues = __webpack_require__(9597);
;// CONCATENATED MODULE: ./src/manifest/locate.ts

/**
 * Finds the line and column of a key path in a parsed YAML document. With
 * `at: 'key'` it points at the last key itself (for unknown keys), otherwise at
 * its value. Where the path goes further than the document, it points at the
 * deepest node that exists, which is where a missing key belongs.
 */
function locate(doc, lineCounter, path, at = 'value') {
    let node = doc.contents;
    let offset = node?.range?.[0] ?? 0;
    for (const [index, segment] of path.entries()) {
        const last = index === path.length - 1;
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(segment));
            if (!pair)
                break;
            const keyOffset = pair.key.range?.[0] ?? offset;
            const value = pair.value;
            if ((last && at === 'key') || !value?.range) {
                offset = keyOffset;
                if (last || !value)
                    break;
            }
            node = value;
            offset = value.range?.[0] ?? keyOffset;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number' && node.items[segment]) {
            node = node.items[segment];
            offset = node.range?.[0] ?? offset;
        }
        else {
            break;
        }
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
}

;// CONCATENATED MODULE: ./src/manifest/yaml-document.ts





// The yaml library reads what the fast reader (plain-yaml.ts) leaves: anchors,
// aliases (within its limits on expansion), merge keys, tags, and every manifest
// with a problem, since it knows where each node stands.
function parse(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    // The library's own duplicate-key check compares every key with every other
    // (a 1 MB manifest of short keys takes minutes): duplicateKeys() is linear.
    // Merge keys (`<<: *base`) share schemas between entries, as YAML users expect.
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
    return { doc, lineCounter };
}
/** The file, line and column of a character offset. */
function sourceAt(lineCounter, file, offset) {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
}
/** Where each key path stands in a parsed document. */
function locator(doc, lineCounter, file) {
    return async (keyPath, at) => ({ file, ...locate(doc, lineCounter, keyPath, at) });
}
/** Each key that stands twice in one map, as a parse error at the second one. */
function duplicateKeys(doc) {
    const errors = [];
    (0,dist/* visit */.YR)(doc, {
        Map(_key, map) {
            const seen = new Set();
            for (const pair of map.items) {
                if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.value === '<<')
                    continue;
                const name = String(pair.key.value);
                if (seen.has(name)) {
                    const at = pair.key.range?.[0] ?? 0;
                    errors.push({ message: `Map keys must be unique; "${name}" is repeated`, pos: [at, at] });
                }
                seen.add(name);
            }
        },
    });
    return errors;
}
/**
 * Replaces `${VAR}` references in string values (never in keys, never in the
 * files the manifest names, which are read later) with the step's environment.
 */
function interpolateValues(doc, lineCounter, displayPath, env, holdsSecret) {
    const problems = [];
    (0,dist/* visit */.YR)(doc, {
        Scalar(key, node, ancestors) {
            if (key === 'key' || typeof node.value !== 'string')
                return;
            const result = (0,interpolate/* interpolate */.GW)(node.value, env, holdsSecret);
            if ('value' in result) {
                node.value = result.value;
                return;
            }
            const keyPath = ancestors.filter(dist/* isPair */.tO).map((pair) => ((0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '?'));
            const location = sourceAt(lineCounter, displayPath, node.range?.[0] ?? 0);
            for (const unusable of result.unusable) {
                problems.push({
                    message: (0,interpolate/* unusableMessage */.b5)(unusable),
                    ...(keyPath.length && { keyPath: keyPath.join('.') }),
                    location,
                });
            }
        },
    });
    if (problems.length) {
        throw new base_errors/* InputError */.dz(`${displayPath} refers to variables it cannot use; nothing was sent`, problems);
    }
}
/** The library's message, or what it means where the message is JavaScript's own. */
function readable(message) {
    // The library reports the stack running out while it descends into nested collections.
    if (/call stack/i.test(message))
        return 'nested too deeply to be read (thousands of levels): a manifest needs a few dozen at most';
    return message;
}
/** The document's data; a YAML bomb (aliases that expand beyond the library's limit) is refused at its first alias. */
function toData(doc, lineCounter, displayPath) {
    try {
        return doc.toJS();
    }
    catch (error) {
        if (!(error instanceof ReferenceError && /alias count/i.test(error.message)))
            throw error;
        let first;
        (0,dist/* visit */.YR)(doc, {
            Alias(_key, node) {
                first = node;
                return dist/* visit */.YR.BREAK;
            },
        });
        throw new base_errors/* InputError */.dz(`${displayPath} is not valid YAML`, [
            {
                message: 'its aliases (`*name`) expand to too much data, as a YAML bomb does: repeat less through anchors, or write the values out',
                location: sourceAt(lineCounter, displayPath, first?.range?.[0] ?? 0),
            },
        ]);
    }
}
/** Parses, checks for YAML errors and duplicate keys, and fills in `${VAR}` references, each problem at its line. */
function readYamlDocument(text, displayPath, env, holdsSecret) {
    const { doc, lineCounter } = parse(text);
    const errors = doc.errors.length ? doc.errors : duplicateKeys(doc);
    if (errors.length) {
        throw new base_errors/* InputError */.dz(`${displayPath} is not valid YAML`, errors.slice(0, issues/* MAX_PROBLEMS */.aZ).map((error) => ({
            message: readable(error.message.split('\n')[0]),
            location: sourceAt(lineCounter, displayPath, error.pos[0]),
        })));
    }
    interpolateValues(doc, lineCounter, displayPath, env, holdsSecret);
    const data = toData(doc, lineCounter, displayPath);
    return { displayPath, data, locate: locator(doc, lineCounter, displayPath) };
}
/** Where each key path stands in `text`, for a manifest the fast reader read. */
function yamlPositions(text, displayPath) {
    const { doc, lineCounter } = parse(text);
    return locator(doc, lineCounter, displayPath);
}


/***/ })

};
