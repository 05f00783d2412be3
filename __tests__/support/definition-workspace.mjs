// @ts-check
import { cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { projectRoot } from './runner.mjs'

export const DEFINITIONS = path.join(projectRoot, 'examples', 'definitions')
/** Each example definition, with its file inside its workspace. */
export const EXAMPLE_DEFINITIONS = [
  { name: 'messaging', definition: 'integration.definition.ts' },
  { name: 'crm-actions', definition: 'integration.definition.ts' },
  { name: 'legacy-schemas', definition: 'integration.definition.ts' },
  { name: 'with-interface', definition: 'integration.definition.ts' },
  { name: 'monorepo', definition: 'integrations/billing/integration.definition.ts' },
]

/**
 * What the repository has installed (this project's packages stand in for it):
 * - `all`: everything, esbuild among it, as in a repository that installs esbuild itself;
 * - `bp init`: what `bp init` installs, @botpress/* and typescript (6, as its template asks), and no esbuild;
 * - `cli in repository`: that, and @botpress/cli with its own esbuild, as a pnpm monorepo links it (Botpress's own layout);
 * - `esbuild only`, `sdk only`: one of them, for the errors.
 */
/** @typedef {'all' | 'bp init' | 'cli in repository' | 'esbuild only' | 'sdk only'} Installed */

/** @param {string} target @param {string} at */
const link = async (target, at) => {
  await mkdir(path.dirname(at), { recursive: true })
  await symlink(target, at)
}
/** @param {string} name */
const fromProject = (name) => path.join(projectRoot, 'node_modules', name)

/**
 * A folder laid out as `npm install -g @botpress/cli` lays one out: `bin/bp`, a
 * link to the package's bin.js, whose own node_modules holds esbuild. `bin`
 * is the folder to put on PATH.
 * @param {string} root
 * @returns {Promise<{ bin: string, cli: string }>}
 */
export async function fakeCliInstall(root, version = '7.1.2') {
  const cli = path.join(root, 'lib', 'node_modules', '@botpress', 'cli')
  await mkdir(cli, { recursive: true })
  await writeFile(path.join(cli, 'package.json'), JSON.stringify({ name: '@botpress/cli', version, bin: { bp: './bin.js' } }))
  await writeFile(path.join(cli, 'bin.js'), '#!/usr/bin/env node\n')
  await link(fromProject('esbuild'), path.join(cli, 'node_modules', 'esbuild'))
  await link(path.join(cli, 'bin.js'), path.join(root, 'bin', 'bp'))
  return { bin: path.join(root, 'bin'), cli }
}

/**
 * A copy of an example definition in a workspace of its own, its packages installed as `installed` says.
 * @param {string} name
 * @param {Installed} installed
 * @returns {Promise<string>}
 */
export async function definitionWorkspace(name, installed = 'all') {
  const workspace = await mkdtemp(path.join(tmpdir(), `${name}-`))
  await cp(path.join(DEFINITIONS, name), workspace, { recursive: true })
  const modules = path.join(workspace, 'node_modules')
  if (name === 'monorepo') await link(path.join(workspace, 'packages/shared'), path.join(modules, '@acme/shared'))
  if (installed === 'all' && name !== 'monorepo') {
    await symlink(fromProject(''), modules)
    return workspace
  }
  const packages = {
    all: ['@botpress', 'esbuild', 'typescript'],
    'bp init': ['@botpress', 'typescript'],
    'cli in repository': ['@botpress/sdk', '@botpress/client', 'typescript'],
    'esbuild only': ['esbuild'],
    'sdk only': ['@botpress'],
  }[installed]
  for (const dependency of packages) {
    const installedAs = dependency === 'typescript' && installed !== 'all' ? 'typescript6' : dependency
    await link(fromProject(installedAs), path.join(modules, dependency))
  }
  if (installed === 'cli in repository') {
    const { cli } = await fakeCliInstall(path.join(workspace, 'tools'))
    await link(cli, path.join(modules, '@botpress', 'cli'))
  }
  return workspace
}

/**
 * Whether Node resolves `name` from `file`'s folder: the proof that a layout lacks a package.
 * @param {string} name
 * @param {string} file
 */
export function resolvable(name, file) {
  try {
    createRequire(file).resolve(name)
    return true
  } catch {
    return false
  }
}

/**
 * A PATH with Node's own folders and the system's, and no `bp`: checked, not assumed.
 * @param {string[]} first
 */
export function pathWithoutBp(...first) {
  const dirs = [...first, path.dirname(process.execPath), '/usr/bin', '/bin']
  for (const dir of dirs.slice(first.length)) if (['bp', 'bp.cmd'].some((bin) => existsSync(path.join(dir, bin)))) throw new Error(`${dir} has a bp`)
  return dirs.join(path.delimiter)
}
