// Which bundler loads a definition. A repository made by `bp init` has
// @botpress/sdk and typescript but no esbuild (the CLI is global, or run with
// npx), and in a pnpm monorepo esbuild sits under the CLI's own folder: the
// action looks where each layout keeps one, in this order, and says which it used.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { InputError, errorMessage } from '../base/errors.js'
import { esbuildLoader, type Esbuild } from './esbuild-loader.js'
import { installedPackageDir, type DefinitionLoader } from './loader.js'
import { canTranspile, typescriptLoader, type TypeScript } from './typescript-loader.js'

const CLI = '@botpress/cli'

/** The version in `dir`/package.json when that package is `name`, else undefined. */
function packageVersion(dir: string, name: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown }
    return pkg.name === name ? String(pkg.version) : undefined
  } catch {
    return undefined
  }
}

/** The @botpress/cli package folder that holds `file` (a `bp` followed to its real path), or undefined. */
function cliPackageAbove(file: string): string | undefined {
  for (let dir = path.dirname(file), depth = 0; depth < 8 && dir !== path.dirname(dir); dir = path.dirname(dir), depth++) {
    if (packageVersion(dir, CLI)) return dir
  }
  return undefined
}

// A shim that starts the CLI names its package relative to the shim's folder:
// npm's and pnpm's shell and cmd shims (`$basedir/…`, `%~dp0\…`, `%dp0%\…`) and PowerShell's (`$PSScriptRoot/…`).
const SHIM_TARGET = /(?:\$basedir|%~dp0|%dp0%|\$PSScriptRoot)[\\/]([^"'\s*]*?node_modules[\\/]@botpress[\\/]cli)(?=[\\/"'\s])/

/** The @botpress/cli package behind a `bp` in `dir`: a link to it, a shim naming it, or npm's global layouts beside it. */
function cliPackageOfBin(dir: string, bin: string): string | undefined {
  const real = cliPackageAbove(realpathSync(bin))
  if (real) return real
  const candidates = [path.join(dir, 'node_modules', CLI), path.join(dir, '..', 'lib', 'node_modules', CLI)]
  if (statSync(bin).size < 64 * 1024) {
    const target = SHIM_TARGET.exec(readFileSync(bin, 'latin1'))
    if (target) candidates.unshift(path.resolve(dir, target[1]!.replace(/\\/g, '/')))
  }
  return candidates.find((candidate) => packageVersion(candidate, CLI))
}

/** The folders of the @botpress/cli packages that `bp` on `searchPath` runs, first found first. */
export function cliPackagesOnPath(searchPath: string): string[] {
  const found: string[] = []
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of ['bp', 'bp.cmd', 'bp.ps1']) {
      const bin = path.join(dir, name)
      try {
        if (!existsSync(bin) || !statSync(bin).isFile()) continue
        const cli = cliPackageOfBin(dir, bin)
        if (cli) found.push(realpathSync(cli))
      } catch {
        // an unreadable entry of PATH is not ours to report
      }
    }
  }
  return found
}

/**
 * The loader for `file`: the repository's own esbuild; else the esbuild of the
 * Botpress CLI installed in the repository or found as `bp` on `searchPath`;
 * else the repository's own typescript. `tried` gets a line for each one
 * found but unusable, for the debug log.
 */
export function findLoader(file: string, searchPath: string, tried: string[]): DefinitionLoader {
  const dir = path.dirname(file)
  const attempt = <T>(from: string, name: string, where: string): T | undefined => {
    try {
      return createRequire(from)(name) as T
    } catch (error) {
      if (installedPackageDir(name, path.dirname(from))) tried.push(`${name} ${where} could not be loaded: ${errorMessage(error).split('\n')[0]}`)
      return undefined
    }
  }

  const own = attempt<Esbuild>(file, 'esbuild', `from ${dir}`)
  if (own) return esbuildLoader(own, `esbuild ${own.version ?? ''} (the repository's own)`)

  const installed = installedPackageDir(CLI, dir)
  for (const cli of [...(installed ? [realpathSync(installed)] : []), ...cliPackagesOnPath(searchPath)]) {
    const esbuild = attempt<Esbuild>(path.join(cli, 'package.json'), 'esbuild', `of ${CLI} in ${cli}`)
    if (esbuild) return esbuildLoader(esbuild, `esbuild ${esbuild.version ?? ''} (the one ${CLI} ${packageVersion(cli, CLI)} uses, in ${cli})`)
  }

  const ts = attempt<Partial<TypeScript>>(file, 'typescript', `from ${dir}`)
  if (ts && canTranspile(ts)) return typescriptLoader(ts, `typescript ${ts.version} (the repository's own), each of its files transpiled as Node loads it`)
  if (ts) {
    throw new InputError(
      `Cannot load ${path.basename(file)}: no esbuild can be found from ${dir} nor a Botpress CLI (\`bp\`) on PATH, and the repository's typescript ` +
        `${ts.version} has no JavaScript API to transpile with (TypeScript 7 has none). Add esbuild to the repository's devDependencies ` +
        '(`npm install -D esbuild`), or keep typescript 6 (`bp init` installs ^6). Nothing was sent.',
    )
  }

  throw new InputError(
    `Cannot load ${path.basename(file)}: it is TypeScript, and neither esbuild nor typescript can be found from ${dir} (the repository's packages), ` +
      "nor a Botpress CLI (`bp`) on PATH. Install the repository's packages before this step (`npm ci`; `bp init` adds typescript to devDependencies). Nothing was sent.",
  )
}
