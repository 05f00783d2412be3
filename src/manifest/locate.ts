import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { KeyPath } from '../base/key-path.js'

/**
 * Finds the line and column of a key path in a parsed YAML document. With
 * `at: 'key'` it points at the last key itself (for unknown keys), otherwise at
 * its value. Where the path goes further than the document, it points at the
 * deepest node that exists, which is where a missing key belongs.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: KeyPath, at: 'key' | 'value' = 'value'): { line: number; column: number } {
  let node: unknown = doc.contents
  let offset = (node as Node | null)?.range?.[0] ?? 0
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      const keyOffset = (pair.key as Node).range?.[0] ?? offset
      const value = pair.value as Node | null
      if ((last && at === 'key') || !value?.range) {
        offset = keyOffset
        if (last || !value) break
      }
      node = value
      offset = value.range?.[0] ?? keyOffset
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment]
      offset = (node as Node).range?.[0] ?? offset
    } else {
      break
    }
  }
  const { line, col } = lineCounter.linePos(offset)
  return { line, column: col }
}
