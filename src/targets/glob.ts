/**
 * The glob patterns of the `manifest` input, as GitHub's own path filters and
 * shells read them: `*` and `?` within one path segment, `**` across any
 * number of segments (none included), `{a,b}` for either, `[...]` never (a
 * bracket is itself). Patterns are relative paths with `/` between segments.
 */

const SPECIAL = /[*?{]/

/** Whether a line of the input is a pattern rather than one path. */
export function isPattern(line: string): boolean {
  return line.startsWith('!') || SPECIAL.test(line)
}

/** Whether the `manifest` input names more than one path, or any by pattern: then it is resolved (targets/resolve.ts). */
export function namesSeveral(lines: readonly string[]): boolean {
  return lines.length > 1 || lines.some(isPattern)
}

const escapeRegExp = (text: string) => text.replace(/[.+^$()|[\]\\]/g, '\\$&')

/** The alternatives of a `{a,b}` group starting at `open`, and where it ends; undefined when it never closes. */
function braceGroup(pattern: string, open: number): { alternatives: string[]; end: number } | undefined {
  const alternatives: string[] = []
  let depth = 0
  let start = open + 1
  for (let i = open + 1; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '{') depth++
    else if (char === '}' && depth > 0) depth--
    else if (char === ',' && depth === 0) {
      alternatives.push(pattern.slice(start, i))
      start = i + 1
    } else if (char === '}') {
      alternatives.push(pattern.slice(start, i))
      return { alternatives, end: i }
    }
  }
  return undefined
}

function toSource(pattern: string): string {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*' && pattern[i + 1] === '*') {
      const wholeSegment = (i === 0 || pattern[i - 1] === '/') && (i + 2 === pattern.length || pattern[i + 2] === '/')
      if (wholeSegment && pattern[i + 2] === '/') {
        // `**/` is any number of whole segments, none included.
        source += '(?:[^/]+/)*'
        i += 2
      } else {
        source += '.*'
        i += 1
      }
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '{') {
      const group = braceGroup(pattern, i)
      if (!group) source += '\\{'
      else {
        source += `(?:${group.alternatives.map(toSource).join('|')})`
        i = group.end
      }
    } else source += escapeRegExp(char)
  }
  return source
}

/** The pattern as a regular expression over a whole relative path. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${toSource(pattern)}$`)
}

/** The segments before the first one that holds a wildcard: where a walk for the pattern starts. */
export function fixedPrefix(pattern: string): string {
  const segments = pattern.split('/')
  const fixed: string[] = []
  for (const segment of segments.slice(0, -1)) {
    if (SPECIAL.test(segment)) break
    fixed.push(segment)
  }
  return fixed.join('/')
}
