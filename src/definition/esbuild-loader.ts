// Loading a definition as `bp build` does: bundled with esbuild (the
// repository's own, or the one the installed Botpress CLI uses), then run.
import { isBuiltin, Module } from 'node:module'
import path from 'node:path'
import { InputError, errorMessage } from '../base/errors.js'
import { isInstalled, isModuleNotFound, missingPackage, nodeModulesPaths, type DefinitionLoader } from './loader.js'

/** The part of esbuild's API this uses, alike in every version since 0.15. */
export interface Esbuild {
  version?: string
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
 * Node's built-ins (`fs` as well as `node:fs`) and installed packages (under
 * node_modules) are left to Node, which loads the repository's own copies at
 * run time, @botpress/sdk first of all; a monorepo's workspace packages, which
 * resolve to the repository's own sources, are bundled like the definition's
 * other files (they may be TypeScript). A package that does not resolve is
 * left to Node too (an optional import may expect that), and remembered with
 * the file that imports it, for the error if it is needed after all.
 */
function installedPackagesStayExternal(missing: Map<string, string>) {
  return {
    name: 'installed-packages-stay-external',
    setup(build: PluginBuild) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SKIP) return undefined
        if (isBuiltin(args.path)) return { external: true }
        const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: SKIP })
        if (resolved.errors.length) {
          if (!missing.has(args.path)) missing.set(args.path, args.importer)
          return { external: true }
        }
        if (isInstalled(resolved.path)) return { external: true }
        return { path: resolved.path }
      })
    },
  }
}

export function esbuildLoader(esbuild: Esbuild, describe: string): DefinitionLoader {
  return {
    describe,
    async load(file, displayPath) {
      const missing = new Map<string, string>()
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
          plugins: [installedPackagesStayExternal(missing)],
        })
        code = result.outputFiles?.[0]?.text ?? ''
      } catch (error) {
        throw new InputError(`${displayPath} does not build: ${errorMessage(error)}\nNothing was sent.`)
      }
      const loaded = new Module(file) as Module & { _compile(code: string, file: string): void; paths: string[] }
      loaded.filename = file
      loaded.paths = nodeModulesPaths(path.dirname(file))
      try {
        loaded._compile(code, file)
      } catch (error) {
        const request = isModuleNotFound(error) ? [...missing.keys()].find((name) => error.message.startsWith(`Cannot find module '${name}'`)) : undefined
        if (request !== undefined) throw missingPackage(request, missing.get(request)!, file, displayPath)
        throw error
      }
      return loaded.exports
    },
  }
}
