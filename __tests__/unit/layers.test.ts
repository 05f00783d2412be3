import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The pipeline from the bottom up: a folder imports only from folders before
// it (and from itself). Files at the top of src/ run the pipeline: they may
// import any folder, and no folder imports them.
const LAYERS = [
  'base',
  'botpress',
  'settings',
  'files',
  'manifest',
  'definition',
  'targets',
  'secrets',
  'plan',
  'api',
  'lifecycle',
  'github',
  'preview',
  'report',
]

const src = fileURLToPath(new URL('../../src/', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Each relative import of a file (static, re-export, type-only or dynamic), as a path from src/. */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8')
  const found: Array<{ target: string; typeOnly: boolean }> = []
  const pattern = /(?:^|\n)\s*(import|export)(\s+type)?[^'"\n;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4]!
    const target = path
      .relative(src, path.resolve(path.dirname(file), specifier))
      .replace(/\.js$/, '.ts')
      .split(path.sep)
      .join('/')
    found.push({ target, typeOnly: Boolean(match[2]) })
  }
  return found
}

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '')
const files = sourceFiles(src).map((file) => path.relative(src, file).split(path.sep).join('/'))
const graph = new Map(files.map((file) => [file, importsOf(path.join(src, file))]))

describe('imports run one way', () => {
  it('places every folder of src/ in the pipeline', () => {
    const folders = [...new Set(files.map(folderOf).filter(Boolean))].sort()
    expect(folders).toEqual([...LAYERS].sort())
  })

  it('finds the imports it checks', () => {
    expect(graph.get('modes.ts')!.map((i) => i.target)).toContain('deploy.ts')
    expect(graph.get('report/report.ts')!.map((i) => i.target)).toContain('github/comment.ts')
    expect(
      graph
        .get('report/run-state.ts')!
        .filter((i) => i.typeOnly)
        .map((i) => i.target),
    ).toContain('plan/plan.ts')
  })

  it('has each folder import only from itself and the folders below it, never from the top of src/', () => {
    const wrong: string[] = []
    for (const [file, imports] of graph) {
      const from = folderOf(file)
      if (!from) continue
      for (const { target } of imports) {
        const to = folderOf(target)
        if (to === from) continue
        if (!to || LAYERS.indexOf(to) > LAYERS.indexOf(from)) wrong.push(`${file} imports ${target}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('has no module that imports, through any chain, a module that imports it', () => {
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, chain: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...chain.slice(chain.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'open')
      for (const { target } of graph.get(file) ?? []) visit(target, [...chain, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })
})
