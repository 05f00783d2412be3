import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../base/errors.js'
import { DEFINITION_FILE } from '../definition/kind.js'
import { fixedPrefix, globToRegExp, isPattern } from './glob.js'

/** One integration the run works on: its manifest or definition. */
export interface Target {
  file: string
  /** Relative to the workspace, with `/`, as annotations and the report show it. */
  displayPath: string
}

// Never walked into: dependencies and Git's own files hold no manifest of this repository.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git'])
// A pattern that walks this many entries is too broad to be meant; the run says so instead of crawling.
const MAX_ENTRIES = 50_000

const slashed = (relative: string) => relative.split(path.sep).join('/')

/** Every file under `base` (a folder), by its path relative to `root`, with `/`; symbolic links to folders are not followed. */
async function walk(base: string, root: string, pattern: string): Promise<string[]> {
  const found: string[] = []
  let visited = 0
  const visit = async (folder: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(folder, { withFileTypes: true })
    } catch {
      return // a folder that is not there matches nothing
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (++visited > MAX_ENTRIES) {
        throw new InputError(
          `Input \`manifest\`: pattern \`${pattern}\` walks more than ${MAX_ENTRIES} files and folders; start it with the folder that holds the integrations.`,
        )
      }
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(full)
      } else if (entry.isFile() || entry.isSymbolicLink()) found.push(slashed(path.relative(root, full)))
    }
  }
  await visit(base)
  return found
}

function inside(workspace: string, file: string): boolean {
  const relative = path.relative(workspace, file)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

/**
 * The manifests the `manifest` input names: paths as they are, patterns
 * matched against the files under `workingDirectory`, less what a `!` line
 * excludes; sorted, each once. A pattern that matches nothing, one that leaves
 * the workspace, and a folder with both a definition and a YAML manifest are
 * errors: which one is meant is not guessed.
 */
export async function resolveTargets(lines: readonly string[], workingDirectory: string, workspace: string): Promise<Target[]> {
  const included = new Set<string>()
  const excludes: RegExp[] = []
  for (const line of lines) {
    const pattern = line.replace(/^\.\//, '')
    if (pattern.startsWith('!')) {
      excludes.push(globToRegExp(pattern.slice(1).replace(/^\.\//, '')))
      continue
    }
    if (!isPattern(pattern)) {
      included.add(path.resolve(workingDirectory, pattern))
      continue
    }
    if (path.isAbsolute(pattern)) throw new InputError(`Input \`manifest\`: pattern \`${line}\` must be relative to \`working-directory\`.`)
    const base = path.resolve(workingDirectory, fixedPrefix(pattern))
    if (!inside(workspace, base)) throw new InputError(`Input \`manifest\`: pattern \`${line}\` reaches outside the workspace; nothing was read.`)
    const matcher = globToRegExp(path.posix.normalize(pattern))
    const matches = (await walk(base, workingDirectory, line)).filter((relative) => matcher.test(relative))
    if (!matches.length) {
      throw new InputError(
        `Input \`manifest\`: pattern \`${line}\` matches no file under ${slashed(path.relative(workspace, workingDirectory)) || '.'}; check it, or remove the line.`,
      )
    }
    for (const relative of matches) included.add(path.resolve(workingDirectory, relative))
  }
  const targets = [...included]
    .filter((file) => !excludes.some((exclude) => exclude.test(slashed(path.relative(workingDirectory, file)))))
    .map((file) => ({ file, displayPath: slashed(path.relative(workspace, file)) }))
    .sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0))
  if (!targets.length) throw new InputError('Input `manifest`: its `!` lines exclude every manifest its other lines match; nothing to deploy.')
  checkOnePerFolder(targets)
  return targets
}

/** A folder must not give two manifests, a definition and a YAML file: which one is meant is not guessed. */
function checkOnePerFolder(targets: readonly Target[]): void {
  const byFolder = new Map<string, Target[]>()
  for (const target of targets) {
    const folder = path.dirname(target.file)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), target])
  }
  for (const inFolder of byFolder.values()) {
    const definition = inFolder.find((t) => DEFINITION_FILE.test(t.file))
    const yaml = inFolder.find((t) => /\.ya?ml$/.test(t.file))
    if (definition && yaml) {
      throw new InputError(
        `Input \`manifest\` matches both ${definition.displayPath} and ${yaml.displayPath}, two manifests of one folder; narrow the pattern (or add a \`!\` line) so that it names one.`,
      )
    }
  }
}
