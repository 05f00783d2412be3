import { InputError } from '../base/errors.js'
import type { SecretDeclaration } from '../manifest/secrets.js'
import { editDistance } from '../base/suggest.js'
import { secretEnvName, toScreamingSnake } from '../botpress/secret-names.js'
import { isScrubbable, MIN_SECRET_LENGTH } from './redact.js'

export interface SecretSources {
  /** The step's environment: `SECRET_<NAME>` wins over the `secrets` input. */
  env: NodeJS.ProcessEnv
  /** The `secrets` input, normally every repository secret; only declared names are read. */
  provided: Record<string, unknown>
  /** Only keys of `provided` with this prefix count, with it removed. */
  prefix: string
}

/** Where each declared secret's value comes from, by its name. */
export type SecretValues = Map<string, string>

/** The keys of the `secrets` input by the name they supply. */
function indexProvided(provided: Record<string, unknown>, prefix: string): Map<string, string[]> {
  const byName = new Map<string, string[]>()
  const upperPrefix = prefix.toUpperCase()
  for (const key of Object.keys(provided)) {
    if (!key.toUpperCase().startsWith(upperPrefix)) continue
    const name = toScreamingSnake(key.slice(prefix.length))
    if (name) byName.set(name, [...(byName.get(name) ?? []), key])
  }
  return byName
}

/**
 * Finds a value for each declared secret. Empty values count as absent.
 * Keys of the input that no declaration names are ignored, whatever they hold.
 */
export function resolveSecrets(declarations: readonly SecretDeclaration[], sources: SecretSources): SecretValues {
  const provided = indexProvided(sources.provided, sources.prefix)
  const values: SecretValues = new Map()
  for (const { name } of declarations) {
    const keys = provided.get(name) ?? []
    const candidates = keys.map((key) => sources.provided[key]).filter((value) => value !== '' && value !== null && value !== undefined)
    const bad = keys.find((key) => !['string', 'undefined'].includes(typeof sources.provided[key]) && sources.provided[key] !== null)
    if (bad !== undefined) throw new InputError(`Input \`secrets\`: the value of \`${bad}\` (secret ${name}) must be a string.`)
    if (new Set(candidates).size > 1) {
      throw new InputError(
        `Input \`secrets\` has several keys for secret ${name}: ${keys.map((key) => `\`${key}\``).join(' and ')}. Keep one, or set \`secrets-prefix\`.`,
      )
    }
    const value = sources.env[secretEnvName(name)] || (candidates[0] as string | undefined)
    if (!value) continue
    if (!isScrubbable(value)) {
      throw new InputError(
        `The value of secret ${name} has fewer than ${MIN_SECRET_LENGTH} characters: too short to be kept out of summaries and comments safely ` +
          '(it would match ordinary words). Use a longer value, or do not declare it as a secret. Nothing was sent.',
      )
    }
    values.set(name, value)
  }
  return values
}

/**
 * Each value and each of its lines long enough to mask (the runner matches
 * masks line by line): a `}` or `==` line of a multi-line value is not masked on its own.
 */
export function maskableParts(values: Iterable<string>): string[] {
  const parts = new Set<string>()
  for (const value of values) {
    parts.add(value)
    for (const line of value.split(/\r?\n/)) if (isScrubbable(line.trim())) parts.add(line)
  }
  return [...parts]
}

/**
 * Keys of the `secrets` input that are probably meant for a declared secret
 * left without a value: the same name but for underscores, or a letter or two
 * apart (OPENWEATHER_API_KEY for OPEN_WEATHER_API_KEY). A rotated key that
 * never reaches Botpress is the worst kind of success, so the run warns.
 */
export function nearMisses(
  declarations: readonly SecretDeclaration[],
  sources: SecretSources,
  values: SecretValues,
): Array<{ name: string; key: string; from: 'input' | 'env' }> {
  const declared = new Set(declarations.map((d) => d.name))
  const fromInput = [...indexProvided(sources.provided, sources.prefix).entries()].map(([name, keys]) => ({ name, key: keys[0]!, from: 'input' as const }))
  // SECRET_OPENWEATHER_KEY set in the step, OPEN_WEATHER_KEY declared: the same slip, in the other place secrets come from.
  const fromEnv = Object.keys(sources.env)
    .filter((key) => key.startsWith('SECRET_') && key.length > 'SECRET_'.length && sources.env[key])
    .map((key) => ({ name: key.slice('SECRET_'.length), key, from: 'env' as const }))
  const provided = [...fromInput, ...fromEnv].filter(({ name }) => !declared.has(name))
  const squash = (name: string) => name.replace(/_/g, '')
  const misses: Array<{ name: string; key: string; from: 'input' | 'env' }> = []
  for (const { name } of declarations) {
    if (values.has(name)) continue
    for (const other of provided) {
      if (squash(other.name) === squash(name) || (name.length >= 6 && editDistance(other.name, name) <= 2))
        misses.push({ name, key: other.key, from: other.from })
    }
  }
  return misses
}

/** The part of `SECRET_<INTEGRATION>_<NAME>` that names an integration: its name without handle, upper-cased, `-` as `_`. */
export function integrationSecretScope(integrationName: string): string {
  return integrationName
    .slice(integrationName.indexOf('/') + 1)
    .toUpperCase()
    .replace(/-/g, '_')
}

/**
 * The environment as one integration of several sees it: each
 * `SECRET_<INTEGRATION>_<NAME>` of its own stands for `SECRET_<NAME>`, so that
 * two integrations can have different values for a secret of the same name.
 */
export function integrationSecretsEnv(env: NodeJS.ProcessEnv, integrationName: string): NodeJS.ProcessEnv {
  const prefix = `SECRET_${integrationSecretScope(integrationName)}_`
  const scoped: NodeJS.ProcessEnv = { ...env }
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && key.length > prefix.length && value) scoped[`SECRET_${key.slice(prefix.length)}`] = value
  }
  return scoped
}
