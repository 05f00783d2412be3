import { InputError } from '../base/errors.js'
import type { ParsedManifest } from '../manifest/load.js'
import { FILE_LIMITS, FileRefused, resolveInside } from '../files/safe-read.js'
import { loadInChild } from './child.js'
import { loadDefinitionData } from './load.js'

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
  const { data, dropped, debug } = options.isolate
    ? await loadInChild(file, displayPath, options.timeoutMs, options.debug)
    : await loadDefinitionData(file, displayPath)
  for (const line of debug) options.debug(`${displayPath}: ${line}`)
  for (const key of dropped) options.debug(`${displayPath}: ${key} is not part of Botpress's body; left out`)
  return { displayPath, data, locate: () => Promise.resolve(undefined) }
}

// The child's entry point, from this module, so that the action's two dynamic
// imports of the loader (deploy.ts, index.ts) make one chunk, not two copies.
export { definitionChild } from './child.js'
