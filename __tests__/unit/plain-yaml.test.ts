import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { isDeepStrictEqual } from 'node:util'
import { parseDocument } from 'yaml'
import { readPlainYaml } from '../../src/manifest/plain-yaml.js'

/** What the yaml library makes of `text`, with the options the action reads manifests with; undefined on an error. */
function yamlLibrary(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false, merge: true })
  return doc.errors.length ? undefined : doc.toJS()
}

/** The fast reader's data must be the yaml library's, own keys (`__proto__` too) and their order included. */
function expectSameAsYamlLibrary(text: string): boolean {
  const fast = readPlainYaml(text)
  if (fast === undefined) return false
  const slow = yamlLibrary(text)
  // isDeepStrictEqual: jest's equality compares `a.constructor`, an ordinary key in a manifest.
  expect({ text, same: isDeepStrictEqual(fast, slow) }).toEqual({ text, same: true })
  const keys = (value: unknown): unknown =>
    value !== null && typeof value === 'object' ? Object.getOwnPropertyNames(value).map((key) => [key, keys((value as Record<string, unknown>)[key])]) : value
  expect(keys(fast)).toStrictEqual(keys(slow))
  return true
}

// Scalars whose reading differs between YAML versions, schemas or parsers.
const SCALARS = [
  ...['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n'],
  ...['0', '-0', '+0', '12', '+12', '012', '0o17', '0O17', '0x1F', '0X1f', '0xg', '0b101', '1_000', '1.5', '.5', '5.', '-.5'],
  ...['1e3', '1E3', '1e+3', '1e-3', '+1.5e3', '.inf', '.Inf', '-.inf', '+.inf', '.nan', '.NaN', '9007199254740993'],
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '1:20', '0777', '-0x1', '0o8', '1.2.3'],
  ...['__proto__', 'constructor', 'toString', 'a #b', 'a#b', '@x', '`x', '=', '<<', '%x', 'café', '\u2028', 'x: y'],
]

function styles(scalar: string): string[] {
  const single = `'${scalar.replace(/'/g, "''")}'`
  const double = JSON.stringify(scalar)
  return [scalar, single, double]
}

/** A small deterministic generator, so that a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

function generated(seed: number): string {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const scalar = () => pick(styles(pick(SCALARS)))
  const lines: string[] = []
  const block = (indent: string, depth: number): void => {
    const count = 1 + Math.floor(next() * 4)
    for (let i = 0; i < count; i++) {
      const key = next() < 0.7 ? `key${Math.floor(next() * 6)}_${depth}_${i}` : scalar()
      const kind = depth < 3 ? pick(['scalar', 'map', 'seq', 'flow', 'literal', 'folded']) : 'scalar'
      if (kind === 'scalar') lines.push(`${indent}${key}: ${scalar()}`)
      if (kind === 'flow') lines.push(`${indent}${key}: [${scalar()}, {k: ${scalar()}}, ${scalar()}]`)
      if (kind === 'literal' || kind === 'folded') {
        lines.push(
          `${indent}${key}: ${kind === 'literal' ? '|' : '>'}${pick(['', '-', '+'])}`,
          `${indent}  ${pick(SCALARS)}`,
          `${indent}  more ${pick(SCALARS)}`,
          '',
        )
      }
      if (kind === 'map') {
        lines.push(`${indent}${key}:`)
        block(`${indent}  `, depth + 1)
      }
      if (kind === 'seq') {
        lines.push(`${indent}${key}:`)
        for (let k = 0; k < 3; k++) lines.push(`${indent}  - ${scalar()}`)
      }
    }
  }
  block('', 0)
  return `${lines.join('\n')}\n`
}

describe('readPlainYaml, the fast reader of plain manifests', () => {
  it('reads the example manifest as the yaml library does', async () => {
    expect(expectSameAsYamlLibrary(await readFile('examples/acme-crm/integration.yml', 'utf8'))).toBe(true)
  })

  it('reads each tricky scalar, as a value, a key, in flow and in block styles, as the yaml library does, or leaves it', () => {
    let read = 0
    for (const scalar of SCALARS) {
      for (const written of styles(scalar)) {
        for (const text of [`v: ${written}\n`, `v: [${written}]\n`, `v: {k: ${written}}\n`, `${written}: 1\n`, `v:\n  - ${written}\n`]) {
          if (expectSameAsYamlLibrary(text)) read++
        }
      }
      for (const text of [`v: |\n  ${scalar}\n`, `v: >-\n  ${scalar}\n  ${scalar}\n\n  x\n`]) if (expectSameAsYamlLibrary(text)) read++
    }
    // Most of them are plain YAML: the comparison is not vacuous.
    expect(read).toBeGreaterThan(SCALARS.length * 12)
  })

  it('reads escapes, folding, chomping, flow collections and comments as the yaml library does', () => {
    const texts = [
      'a: "x\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\e\\/\\ \\t"\n',
      'a: "line\n  folded\n\n  para"\n',
      "a: 'single\n\n  quoted'\n",
      'a: plain\n  multi\n\n  line\n',
      'a: |+\n  keep\n\n',
      'a: >\n  folded\n  text\n\n   more\n  back\n',
      'a: |2\n   indented\n',
      'a: "multi\\\n  line"\n',
      'a: [1, 2, {b: c}, [d]]\nb: {c: [x, y], "d": e}\n',
      '? a\n: b\n',
      'a: b # c\n# d\n',
      '---\na: 1\n...\n',
      'a: 1\r\nb: 2\r\n',
      '\uFEFFa: 1\n',
      '__proto__: {x: 1}\nb: {__proto__: [1]}\n',
      '"<<": 1\nb: {\'<<\': 2}\n', // quoted, an ordinary key to both
    ]
    for (const text of texts) expect(expectSameAsYamlLibrary(text)).toBe(true)
  })

  it('reads generated manifests as the yaml library does', () => {
    let read = 0
    for (let seed = 1; seed <= 400; seed++) if (expectSameAsYamlLibrary(generated(seed))) read++
    expect(read).toBeGreaterThan(200)
  })

  it('leaves to the yaml library what the two may read differently, and every error', () => {
    const left = [
      'a: &x 1\nb: *x\n', // anchors and aliases: the yaml library bounds their expansion
      'a: {<<: {b: 1}, c: 2}\n', // a merge key
      '<<: {b: 1}\n',
      'a: !!str 1\n', // tags
      'a: ! 1\n',
      '~: 1\n', // null keys: '' to the yaml library, 'null' to js-yaml
      'null: 1\n',
      ': 1\n',
      'v:\n  - ?\n',
      '[a, b]: c\n', // a collection as a key
      '%YAML 1.1\n---\na: yes\n', // a directive changes the schema
      'a: 1\n---\nb: 2\n', // two documents
      'a: 1\na: 2\n', // duplicate keys
      'a: "unterminated\n',
      'a: b: c\n',
      '- 1\n', // not a map
      'x\n',
      '',
      '# only a comment\n',
      // js-yaml refuses these where the yaml library reads them: the library has the last word.
      '"a":b\n',
      'a: [\n  1,\n  2,\n]\n',
    ]
    for (const text of left) expect({ text, read: readPlainYaml(text) }).toEqual({ text, read: undefined })
  })

  it('never reads what the yaml library refuses', () => {
    const refused = [
      ...['a:\t\tb\n', 'a:\n\tb: 1\n', 'a: b\n\tc: d\n', 'a: [b\n', 'a: b]\n', 'a: {b: c\n', 'a: "b" c\n', "a: 'b' c\n", 'a:\n  - b\n  c: d\n'],
      ...['a: b\n  - c\n', 'a: - b\n', '- a\nb: c\n', 'a: b\n- c\n', 'a: @b\n', 'a: `b\n', 'a: "\\q"\n', 'a: "\\x4"\n', 'a: b: c\n'],
      ...['a: b\u0000\n', 'a: 1\n b: 2\n', 'a: |0\n  b\n', 'a: {b: c, b: d}\n', 'a: [a, b]]\n', "a: 'b\n", '---\n---\n', 'a: &\n', 'a: *\n'],
    ]
    const refusedByTheLibrary = refused.filter((text) => yamlLibrary(text) === undefined)
    expect(refusedByTheLibrary.length).toBeGreaterThan(20)
    for (const text of refusedByTheLibrary) expect({ text, read: readPlainYaml(text) }).toEqual({ text, read: undefined })
  })
})
