// Loading a definition where no esbuild can be found: the repository's own
// `typescript` (which `bp init` installs) transpiles each of the repository's
// files as Node requires it. Nothing ships with the action for this, so
// dist/ stays as small as it was; docs/benchmark.md says why this was chosen.
import { readFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import path from 'node:path'
import { InputError } from '../base/errors.js'
import { isInstalled, isModuleNotFound, missingPackage, packageOf, shownPath, type DefinitionLoader } from './loader.js'

/** The part of the TypeScript compiler's API this uses, alike from version 4 to 6 (7, written in Go, has none in JavaScript). */
export interface TypeScript {
  version: string
  ModuleKind: { CommonJS: number }
  ScriptTarget: { ES2022: number }
  JsxEmit: { React: number }
  transpileModule(
    source: string,
    options: { fileName: string; reportDiagnostics: boolean; compilerOptions: Record<string, unknown> },
  ): { outputText: string; diagnostics?: Diagnostic[] }
  flattenDiagnosticMessageText(text: unknown, newLine: string): string
  DiagnosticCategory: { Error: number }
}
interface Diagnostic {
  category: number
  messageText: unknown
  start?: number
  file?: { getLineAndCharacterOfPosition(position: number): { line: number; character: number } }
}

type CompiledModule = Module & { _compile(code: string, file: string): void }
type Extension = (module: CompiledModule, file: string) => void
const NodeModule = Module as unknown as {
  _extensions: Record<string, Extension>
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string
}

// esbuild's default order, so that `./tags` finds tags.ts before a tags.js beside it, as in `bp build`.
const EXTENSION_ORDER = ['.tsx', '.ts', '.jsx', '.js', '.json', '.node', '.mts', '.cts', '.mjs', '.cjs']
const TYPESCRIPT = new Set(['.ts', '.tsx', '.mts', '.cts'])
// TypeScript's own convention: `import './tags.js'` means tags.ts when there is no tags.js.
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] }

/** What the hooks need to know of the load under way; the hooks are installed once in a process. */
let current: { ts: TypeScript; file: string; displayPath: string; missing: WeakMap<object, { request: string; importer: string }> } | undefined

function compile(module: CompiledModule, file: string): void {
  const { ts, file: definition, displayPath } = current!
  const result = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    // What esbuild's CommonJS output gives the definition: default imports of CommonJS packages, JSX as React.createElement.
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.React, sourceMap: false },
  })
  const error = result.diagnostics?.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
  if (error) {
    const at = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined
    const where = `${shownPath(file, definition, displayPath)}${at ? `:${at.line + 1}:${at.character + 1}` : ''}`
    throw new InputError(`${displayPath} does not build: ${where}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}\nNothing was sent.`)
  }
  module._compile(result.outputText, file)
}

function installHooks(): void {
  const original = { ...NodeModule._extensions }
  const handlers: Record<string, Extension> = {}
  for (const extension of EXTENSION_ORDER) {
    const node = original[extension]
    if (extension === '.json' || extension === '.node') handlers[extension] = node!
    else if (TYPESCRIPT.has(extension) || !node) handlers[extension] = compile
    else handlers[extension] = (module, file) => (isInstalled(file) ? node(module, file) : compile(module, file))
  }
  // Node tries the extensions in the order of the object's keys: ours first, in
  // esbuild's order, then any other that Node had, with its own handler.
  for (const extension of Object.keys(NodeModule._extensions)) delete NodeModule._extensions[extension]
  Object.assign(NodeModule._extensions, handlers, original, handlers)

  const resolve = NodeModule._resolveFilename
  NodeModule._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolve.call(this, request, parent, ...rest)
    } catch (error) {
      const importer = parent?.filename
      if (!isModuleNotFound(error) || !current || !importer || isInstalled(importer)) throw error
      const extension = path.extname(request)
      if (request.startsWith('.') && TS_FOR_JS[extension]) {
        for (const replacement of TS_FOR_JS[extension]) {
          try {
            return resolve.call(this, request.slice(0, -extension.length) + replacement, parent, ...rest)
          } catch {
            // the next one
          }
        }
      }
      if (packageOf(request)) current.missing.set(error, { request, importer })
      throw error
    }
  }
}

/** Whether `ts` is a TypeScript whose JavaScript API can transpile (4 to 6). */
export function canTranspile(ts: Partial<TypeScript>): ts is TypeScript {
  return typeof ts.transpileModule === 'function' && ts.ModuleKind !== undefined && ts.ScriptTarget?.ES2022 !== undefined
}

export function typescriptLoader(ts: TypeScript, describe: string): DefinitionLoader {
  return {
    describe,
    load(file, displayPath) {
      if (!current) installHooks()
      current = { ts, file, displayPath, missing: new WeakMap() }
      try {
        return createRequire(file)(file)
      } catch (error) {
        const missing = error instanceof Error ? current.missing.get(error) : undefined
        if (missing) throw missingPackage(missing.request, missing.importer, file, displayPath)
        throw error
      }
    },
  }
}
