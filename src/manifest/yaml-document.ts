import { isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import { InputError, type Problem, type SourceLocation } from '../base/errors.js'
import { interpolate, unusableMessage, type HoldsSecret } from './interpolate.js'
import { MAX_PROBLEMS } from './issues.js'
import type { ParsedManifest } from './manifest.js'
import { locate } from './locate.js'

// The yaml library reads what the fast reader (plain-yaml.ts) leaves: anchors,
// aliases (within its limits on expansion), merge keys, tags, and every manifest
// with a problem, since it knows where each node stands.

function parse(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter()
  // The library's own duplicate-key check compares every key with every other
  // (a 1 MB manifest of short keys takes minutes): duplicateKeys() is linear.
  // Merge keys (`<<: *base`) share schemas between entries, as YAML users expect.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true })
  return { doc, lineCounter }
}

/** The file, line and column of a character offset. */
function sourceAt(lineCounter: LineCounter, file: string, offset: number): SourceLocation {
  const { line, col } = lineCounter.linePos(offset)
  return { file, line, column: col }
}

/** Where each key path stands in a parsed document. */
function locator(doc: Document, lineCounter: LineCounter, file: string): ParsedManifest['locate'] {
  return async (keyPath, at) => ({ file, ...locate(doc, lineCounter, keyPath, at) })
}

/** Each key that stands twice in one map, as a parse error at the second one. */
function duplicateKeys(doc: Document): Array<{ message: string; pos: [number, number] }> {
  const errors: Array<{ message: string; pos: [number, number] }> = []
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.value === '<<') continue
        const name = String(pair.key.value)
        if (seen.has(name)) {
          const at = (pair.key as Node).range?.[0] ?? 0
          errors.push({ message: `Map keys must be unique; "${name}" is repeated`, pos: [at, at] })
        }
        seen.add(name)
      }
    },
  })
  return errors
}

/**
 * Replaces `${VAR}` references in string values (never in keys, never in the
 * files the manifest names, which are read later) with the step's environment.
 */
function interpolateValues(doc: Document, lineCounter: LineCounter, displayPath: string, env: NodeJS.ProcessEnv, holdsSecret: HoldsSecret): void {
  const problems: Problem[] = []
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'string') return
      const result = interpolate(node.value, env, holdsSecret)
      if ('value' in result) {
        node.value = result.value
        return
      }
      const keyPath = ancestors.filter(isPair).map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'))
      const location = sourceAt(lineCounter, displayPath, node.range?.[0] ?? 0)
      for (const unusable of result.unusable) {
        problems.push({
          message: unusableMessage(unusable),
          ...(keyPath.length && { keyPath: keyPath.join('.') }),
          location,
        })
      }
    },
  })
  if (problems.length) {
    throw new InputError(`${displayPath} refers to variables it cannot use; nothing was sent`, problems)
  }
}

/** The library's message, or what it means where the message is JavaScript's own. */
function readable(message: string): string {
  // The library reports the stack running out while it descends into nested collections.
  if (/call stack/i.test(message)) return 'nested too deeply to be read (thousands of levels): a manifest needs a few dozen at most'
  return message
}

/** The document's data; a YAML bomb (aliases that expand beyond the library's limit) is refused at its first alias. */
function toData(doc: Document, lineCounter: LineCounter, displayPath: string): unknown {
  try {
    return doc.toJS()
  } catch (error) {
    if (!(error instanceof ReferenceError && /alias count/i.test(error.message))) throw error
    let first: Node | undefined
    visit(doc, {
      Alias(_key, node) {
        first = node
        return visit.BREAK
      },
    })
    throw new InputError(`${displayPath} is not valid YAML`, [
      {
        message: 'its aliases (`*name`) expand to too much data, as a YAML bomb does: repeat less through anchors, or write the values out',
        location: sourceAt(lineCounter, displayPath, first?.range?.[0] ?? 0),
      },
    ])
  }
}

/** Parses, checks for YAML errors and duplicate keys, and fills in `${VAR}` references, each problem at its line. */
export function readYamlDocument(text: string, displayPath: string, env: NodeJS.ProcessEnv, holdsSecret: HoldsSecret): ParsedManifest {
  const { doc, lineCounter } = parse(text)
  const errors = doc.errors.length ? doc.errors : duplicateKeys(doc)
  if (errors.length) {
    throw new InputError(
      `${displayPath} is not valid YAML`,
      errors.slice(0, MAX_PROBLEMS).map((error) => ({
        message: readable(error.message.split('\n')[0]!),
        location: sourceAt(lineCounter, displayPath, error.pos[0]),
      })),
    )
  }
  interpolateValues(doc, lineCounter, displayPath, env, holdsSecret)
  const data = toData(doc, lineCounter, displayPath)
  return { displayPath, data, locate: locator(doc, lineCounter, displayPath) }
}

/** Where each key path stands in `text`, for a manifest the fast reader read. */
export function yamlPositions(text: string, displayPath: string): ParsedManifest['locate'] {
  const { doc, lineCounter } = parse(text)
  return locator(doc, lineCounter, displayPath)
}
