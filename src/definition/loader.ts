// What every way of loading a definition shares: the shape of a loader, the
// repository's packages resolved from the definition's own folder (never from
// the action), and the error for a package the definition imports and the
// repository lacks.
import { existsSync } from 'node:fs'
import { createRequire, isBuiltin, Module } from 'node:module'
import path from 'node:path'
import { InputError, errorMessage } from '../base/errors.js'

/** Runs a definition file and gives back its module's exports. */
export interface DefinitionLoader {
  /** What it loads with, for the debug log: `esbuild 0.28.2 (the repository's own, from …)`. */
  describe: string
  load(file: string, displayPath: string): unknown
}

/** Whether a file belongs to an installed package: both loaders leave those to Node, which loads the repository's own copies. */
export const isInstalled = (file: string): boolean => file.split(path.sep).includes('node_modules')

/** The folders Node looks in for `node_modules` packages, from `dir` up. */
export function nodeModulesPaths(dir: string): string[] {
  return (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir)
}

/** The folder of the installed package `name` that Node would find from `dir`, or undefined. */
export function installedPackageDir(name: string, dir: string): string | undefined {
  for (const modules of nodeModulesPaths(dir)) {
    const candidate = path.join(modules, name)
    if (existsSync(path.join(candidate, 'package.json'))) return candidate
  }
  return undefined
}

/** A package the definition's own repository must have installed, resolved from its folder, never from the action. */
export function fromRepository<T>(file: string, name: string, why: string): T {
  try {
    return createRequire(file)(name) as T
  } catch (error) {
    throw new InputError(
      `Cannot load ${name} from ${path.dirname(file)} (${errorMessage(error).split('\n')[0]}): ${why}. ` +
        "Run the repository's install step (`npm ci`) before this one. Nothing was sent.",
    )
  }
}

/** `@scope/name` or `name`, of an import such as `@scope/name/sub/path`; undefined for a relative or absolute path or a built-in. */
export function packageOf(request: string): string | undefined {
  if (request.startsWith('.') || path.isAbsolute(request) || isBuiltin(request)) return undefined
  const parts = request.split('/')
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** `importer` shown as the user sees the definition: relative to the same folder as `displayPath`. */
export function shownPath(importer: string, file: string, displayPath: string): string {
  return path
    .join(path.dirname(displayPath), path.relative(path.dirname(file), importer))
    .split(path.sep)
    .join('/')
}

/** The error for a package that `importer` imports and that is not installed. */
export function missingPackage(request: string, importer: string, file: string, displayPath: string): InputError {
  const name = packageOf(request) ?? request
  return new InputError(
    `${shownPath(importer, file, displayPath)} imports \`${request}\`, and the package ${name} is not installed in the repository: ` +
      `add it to the dependencies of its package.json (\`npm install ${name}\`) and run the install step before this one. Nothing was sent.`,
  )
}

/** The module error Node throws for an import it cannot find. */
export function isModuleNotFound(error: unknown): error is Error & { code: string } {
  return error instanceof Error && (error as { code?: unknown }).code === 'MODULE_NOT_FOUND'
}
