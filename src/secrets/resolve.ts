import { InputError } from '../errors.js'
import type { SecretDeclaration } from '../manifest/secrets.js'
import { secretEnvName, toScreamingSnake } from './names.js'

export interface SecretSources {
  /** The step's environment: `SECRET_<NAME>` wins over the `secrets` input. */
  env: NodeJS.ProcessEnv
  /** The `secrets` input, normally every repository secret. */
  provided: Record<string, string>
  /** Only keys of `provided` with this prefix count, with it removed. */
  prefix: string
}

/** Where each declared secret's value comes from, by its name. */
export type SecretValues = Map<string, string>

/** The entries of the `secrets` input by the name they supply. */
function indexProvided(provided: Record<string, string>, prefix: string): Map<string, { key: string; value: string }> {
  const byName = new Map<string, { key: string; value: string }>()
  const upperPrefix = prefix.toUpperCase()
  for (const [key, value] of Object.entries(provided)) {
    if (!key.toUpperCase().startsWith(upperPrefix)) continue
    const name = toScreamingSnake(key.slice(prefix.length))
    if (!name) continue
    const earlier = byName.get(name)
    if (earlier && earlier.value !== value) {
      throw new InputError(
        `Input \`secrets\` has two keys for secret ${name}: \`${earlier.key}\` and \`${key}\`. Keep one, or set \`secrets-prefix\`.`,
      )
    }
    byName.set(name, { key, value })
  }
  return byName
}

/**
 * Finds a value for each declared secret. Empty values count as absent.
 * Keys of the input that no declaration names are ignored.
 */
export function resolveSecrets(declarations: readonly SecretDeclaration[], sources: SecretSources): SecretValues {
  const provided = indexProvided(sources.provided, sources.prefix)
  const values: SecretValues = new Map()
  for (const { name } of declarations) {
    const value = sources.env[secretEnvName(name)] || provided.get(name)?.value
    if (value) values.set(name, value)
  }
  return values
}

/** Each value and each of its lines, as masks must be registered. */
export function maskableParts(values: SecretValues): string[] {
  const parts = new Set<string>()
  for (const value of values.values()) {
    parts.add(value)
    for (const line of value.split(/\r?\n/)) if (line.trim()) parts.add(line)
  }
  return [...parts]
}
