import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createRequire, Module } from 'node:module'
import path from 'node:path'
import { InputError, errorMessage } from '../errors.js'
import type { ParsedManifest } from '../manifest/load.js'
import { FILE_LIMITS, FileRefused, resolveInside } from '../manifest/safe-read.js'
import { manifestSchema } from '../manifest/schema.js'
import { definitionToManifest, keepWhatTheBodyAllows, type ToJsonSchema } from './convert.js'
import { DEFINITION_CHILD } from './kind.js'

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: Array<{ text: string }> }>
}

interface ResolveArgs {
  path: string
  importer: string
  resolveDir: string
  kind: string
  pluginData?: unknown
}
interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: ResolveArgs) => Promise<{ external?: boolean; path?: string } | undefined>): void
  resolve(path: string, options: { importer: string; resolveDir: string; kind: string; pluginData: unknown }): Promise<{ path: string; errors: unknown[] }>
}

const SKIP = Symbol('resolving')

/**
 * Installed packages (under node_modules) are left to Node, which loads the
 * repository's own copies at run time, @botpress/sdk first of all; a monorepo's
 * workspace packages, which resolve to the repository's own sources, are
 * bundled like the definition's other files (they may be TypeScript).
 */
const installedPackagesStayExternal = {
  name: 'installed-packages-stay-external',
  setup(build: PluginBuild) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === SKIP || args.path.startsWith('node:')) return undefined
      const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SKIP })
      if (resolved.errors.length || resolved.path.split(path.sep).includes('node_modules')) return { external: true }
      return { path: resolved.path }
    })
  },
}

interface Sdk {
  z: { transforms: { toJSONSchema: (schema: unknown, options?: unknown) => unknown; toJSONSchemaLegacy?: (schema: unknown, options?: unknown) => unknown } }
}

/** A package the definition's own repository must have installed, resolved from its folder, never from the action. */
function fromRepository<T>(file: string, name: string, why: string): T {
  try {
    return createRequire(file)(name) as T
  } catch (error) {
    throw new InputError(
      `Cannot load ${name} from ${path.dirname(file)} (${errorMessage(error).split('\n')[0]}): ${why}. ` +
        "Run the repository's install step (`npm ci`) before this one. Nothing was sent.",
    )
  }
}

/** What loading a definition gives: the manifest's data, and the keys left out of it. */
export interface DefinitionData {
  data: unknown
  dropped: string[]
}

/**
 * Loads `integration.definition.ts` (or .js) as Botpress's CLI does: bundled
 * with the repository's own esbuild (TypeScript, extensionless and folder
 * imports, JSON, bp_modules, a monorepo's workspace packages), installed
 * packages left to Node, which finds them in the repository's node_modules,
 * then run. Its schemas become JSON Schema with the repository's own
 * @botpress/sdk, the one that made them.
 */
export async function loadDefinitionData(file: string, displayPath: string): Promise<DefinitionData> {
  const esbuild = fromRepository<Esbuild>(file, 'esbuild', 'it bundles the definition, as `bp build` does (it comes with @botpress/cli)')
  const sdk = fromRepository<Sdk>(file, '@botpress/sdk', 'its schemas are turned into JSON Schema by the SDK that made them')

  let code: string
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      target: 'node20',
      plugins: [installedPackagesStayExternal],
    })
    code = result.outputFiles?.[0]?.text ?? ''
  } catch (error) {
    throw new InputError(`${displayPath} does not build: ${errorMessage(error)}\nNothing was sent.`)
  }

  let definition: Record<string, unknown>
  try {
    const loaded = new Module(file) as Module & { _compile(code: string, file: string): void; paths: string[] }
    loaded.filename = file
    loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file))
    loaded._compile(code, file)
    const exported = loaded.exports as { default?: unknown }
    definition = (exported.default ?? exported) as Record<string, unknown>
  } catch (error) {
    throw new InputError(`${displayPath} threw while loading: ${errorMessage(error)}\nNothing was sent.`)
  }
  if (!definition || typeof definition.name !== 'string' || typeof definition.version !== 'string') {
    throw new InputError(
      `${displayPath} must export an IntegrationDefinition of @botpress/sdk as its default export (\`export default new IntegrationDefinition({…})\`). Nothing was sent.`,
    )
  }

  const advanced = (definition.__advanced ?? {}) as { useLegacyZuiTransformer?: boolean; toJSONSchemaOptions?: unknown }
  const transforms = sdk.z.transforms
  const transform = advanced.useLegacyZuiTransformer && transforms.toJSONSchemaLegacy ? transforms.toJSONSchemaLegacy : transforms.toJSONSchema
  const toJson: ToJsonSchema = (schema) => transform(schema, advanced.toJSONSchemaOptions) as Record<string, unknown>

  let data: unknown
  try {
    data = definitionToManifest(definition, toJson)
  } catch (error) {
    throw new InputError(`${displayPath}: a schema could not be turned into JSON Schema: ${errorMessage(error)}\nNothing was sent.`)
  }
  const dropped: string[] = []
  data = keepWhatTheBodyAllows(data, manifestSchema, dropped)
  return { data, dropped }
}

const RESULT_FD = 3
const MAX_RESULT_BYTES = 64 * 1024 * 1024
// Only what a Node.js program needs to run: no token, no secret, no input, no runner credential.
const CHILD_ENV = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SystemRoot']

/**
 * Reads a definition as a manifest. Loading it runs the repository's code, so
 * the action runs it in a process of its own, with an environment that holds
 * none of the run's credentials, and waits for it at most `timeoutMs`.
 */
export async function readDefinition(
  file: string,
  displayPath: string,
  workspace: string,
  options: { debug: (message: string) => void; isolate: boolean; timeoutMs: number },
): Promise<ParsedManifest> {
  try {
    await resolveInside(file, workspace, FILE_LIMITS.manifest)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    throw new InputError(
      `Cannot read the definition ${displayPath} (${error.message}). Set the \`manifest\` input to its path, relative to \`working-directory\`.`,
    )
  }
  const { data, dropped } = options.isolate
    ? await loadInChild(file, displayPath, options.timeoutMs, options.debug)
    : await loadDefinitionData(file, displayPath)
  for (const key of dropped) options.debug(`${displayPath}: ${key} is not part of Botpress's body; left out`)
  return { displayPath, data, locate: () => Promise.resolve(undefined) }
}

function loadInChild(file: string, displayPath: string, timeoutMs: number, debug: (message: string) => void): Promise<DefinitionData> {
  const env: NodeJS.ProcessEnv = { [DEFINITION_CHILD]: JSON.stringify({ file, displayPath }) }
  for (const name of CHILD_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]
  const child = spawn(process.execPath, [process.argv[1]!], { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let size = 0
  const result = child.stdio[RESULT_FD] as NodeJS.ReadableStream
  result.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_RESULT_BYTES) child.kill('SIGKILL')
    else chunks.push(chunk)
  })
  // What the definition prints is its own business: the debug log, a line each.
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) =>
      String(chunk)
        .split('\n')
        .filter(Boolean)
        .forEach((line) => debug(`${displayPath}: ${line}`)),
    )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => reject(new InputError(`${displayPath} could not be loaded: ${errorMessage(error)}. Nothing was sent.`)))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      let answer: { ok: true; data: unknown; dropped: string[] } | { ok: false; message: string } | undefined
      try {
        answer = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        answer = undefined
      }
      if (answer?.ok) resolve({ data: answer.data, dropped: answer.dropped })
      else if (answer) reject(new InputError(answer.message))
      else if (signal === 'SIGKILL')
        reject(
          new InputError(
            `${displayPath} did not load within ${timeoutMs / 1000} s (or gave back more than ${MAX_RESULT_BYTES / 1024 / 1024} MiB); nothing was sent.`,
          ),
        )
      else reject(new InputError(`${displayPath} stopped the process that loads it (exit code ${code}); nothing was sent.`))
    })
  })
}

/** The child's side: load the definition named in the environment, give back its data on fd 3, print nothing of ours. */
export async function definitionChild(): Promise<void> {
  const { file, displayPath } = JSON.parse(process.env[DEFINITION_CHILD] ?? '{}') as { file: string; displayPath: string }
  let answer: unknown
  try {
    answer = { ok: true, ...(await loadDefinitionData(file, displayPath)) }
  } catch (error) {
    answer = {
      ok: false,
      message: error instanceof InputError ? error.message : `${displayPath} could not be loaded: ${errorMessage(error)}\nNothing was sent.`,
    }
  }
  await new Promise<void>((resolve, reject) =>
    createWriteStream('', { fd: RESULT_FD })
      .end(JSON.stringify(answer), () => resolve())
      .on('error', reject),
  )
  process.exit(0)
}
