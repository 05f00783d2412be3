import { InputError, errorMessage } from '../base/errors.js'
import { manifestSchema } from '../manifest/schema.js'
import { definitionToManifest, keepWhatTheBodyAllows } from './convert.js'
import { findLoader } from './find-loader.js'
import { fromRepository } from './loader.js'
import { schemaMapper, type SchemaTransforms, type TransformOptions } from './schemas.js'

/** What loading a definition gives: the manifest's data, the keys left out of it, and lines for the debug log. */
export interface DefinitionData {
  data: unknown
  dropped: string[]
  debug: string[]
}

/**
 * Loads `integration.definition.ts` (or .js) as Botpress's CLI does: bundled
 * with esbuild (or transpiled file by file with the repository's typescript
 * where no esbuild can be found; see find-loader.ts), installed packages left
 * to Node, which finds them in the repository's node_modules, then run. Its
 * schemas become JSON Schema with the repository's own @botpress/sdk, the one
 * that made them, as `bp deploy` makes them (schemas.ts).
 */
export async function loadDefinitionData(file: string, displayPath: string, searchPath = process.env.PATH ?? ''): Promise<DefinitionData> {
  const debug: string[] = []
  const loader = findLoader(file, searchPath, debug)
  debug.push(`loaded with ${loader.describe}`)
  const sdk = fromRepository<{ z: { transforms: SchemaTransforms } }>(
    file,
    '@botpress/sdk',
    'its schemas are turned into JSON Schema by the SDK that made them',
  )

  let definition: Record<string, unknown>
  try {
    const exported = (await loader.load(file, displayPath)) as { default?: unknown }
    definition = (exported.default ?? exported) as Record<string, unknown>
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`${displayPath} threw while loading: ${errorMessage(error)}\nNothing was sent.`)
  }
  if (!definition || typeof definition.name !== 'string' || typeof definition.version !== 'string') {
    throw new InputError(
      `${displayPath} must export an IntegrationDefinition of @botpress/sdk as its default export (\`export default new IntegrationDefinition({…})\`). Nothing was sent.`,
    )
  }

  let data: unknown
  try {
    data = definitionToManifest(definition, schemaMapper(sdk.z.transforms, (definition.__advanced ?? {}) as TransformOptions))
  } catch (error) {
    throw new InputError(`${displayPath}: a schema could not be turned into JSON Schema: ${errorMessage(error)}\nNothing was sent.`)
  }
  const dropped: string[] = []
  data = keepWhatTheBodyAllows(data, manifestSchema, dropped)
  return { data, dropped, debug }
}
