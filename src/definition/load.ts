import { createRequire, Module } from 'node:module'
import path from 'node:path'
import { InputError, errorMessage } from '../errors.js'
import type { ParsedManifest } from '../manifest/load.js'
import { FILE_LIMITS, FileRefused, resolveInside } from '../manifest/safe-read.js'
import { manifestSchema } from '../manifest/schema.js'
import { definitionToManifest, keepWhatTheBodyAllows, type ToJsonSchema } from './convert.js'

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

/**
 * Loads `integration.definition.ts` (or .js) as Botpress's CLI does: bundled
 * with the repository's own esbuild (TypeScript, extensionless and folder
 * imports, JSON, bp_modules), packages left to Node, which finds them in the
 * repository's node_modules, then run. Its schemas become JSON Schema with the
 * repository's own @botpress/sdk, the one that made them. Loading a definition
 * runs the repository's code: never on `pull_request_target` with a fork's code.
 */
export async function readDefinition(file: string, displayPath: string, workspace: string, debug: (message: string) => void): Promise<ParsedManifest> {
  try {
    await resolveInside(file, workspace, FILE_LIMITS.manifest)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    throw new InputError(
      `Cannot read the definition ${displayPath} (${error.message}). Set the \`manifest\` input to its path, relative to \`working-directory\`.`,
    )
  }
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
  for (const key of dropped) debug(`${displayPath}: ${key} is not part of Botpress's body; left out`)
  return { displayPath, data, protoKeys: JSON.stringify(data).includes('"__proto__"'), locate: () => undefined }
}
