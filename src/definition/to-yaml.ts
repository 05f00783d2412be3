import path from 'node:path'
import { stringify } from 'yaml'
import { manifestSchema } from '../manifest/schema.js'
import type { KeyPath } from '../base/key-path.js'
import { fileKeysIn } from '../botpress/definition-keys.js'

type Data = Record<string, unknown>

/** Sets the value at `keys` (which exists: fileKeysIn found it). */
function setAt(data: Data, keys: KeyPath, value: unknown): void {
  let holder = data
  for (const key of keys.slice(0, -1)) holder = holder[key as string] as Data
  holder[keys[keys.length - 1] as string] = value
}

/** `$${` in every string value: the manifest reader would take `${…}` for a variable. */
export function escapeInterpolation(value: unknown): unknown {
  // A function, since `$$` in a replacement string is itself one `$`.
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${')
  if (Array.isArray(value)) return value.map(escapeInterpolation)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeInterpolation(item)]))
  return value
}

/**
 * The YAML manifest that deploys the same body as a definition's data: file
 * keys as paths relative to the manifest's folder, secrets declared without
 * values, keys in the order the data has them (the API's), block style, long
 * strings folded.
 */
export function manifestYaml(data: Data, definitionDir: string, manifestDir: string, source: string): string {
  // In the order of the manifest's schema, which is the body's.
  const ordered = manifestSchema.safeParse(data)
  const copy = escapeInterpolation(ordered.success ? { ...ordered.data, secrets: data.secrets } : structuredClone(data)) as Data
  if (copy.secrets === undefined) delete copy.secrets
  for (const { path: keys, value } of fileKeysIn(copy)) {
    if (typeof value === 'string') setAt(copy, keys, path.relative(manifestDir, path.resolve(definitionDir, value)).split(path.sep).join('/'))
  }
  const header = [
    `# Written by \`deploy-botpress-integration convert\` from ${source}.`,
    '# It deploys the same body as the definition; `convert --check` fails when they drift apart.',
  ].join('\n')
  return `${header}\n${stringify(copy, { lineWidth: 100, minContentWidth: 40, aliasDuplicateObjects: false })}`
}
