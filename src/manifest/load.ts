import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { InputError, type Problem } from '../base/errors.js'
import { MAX_LOGGED_PROBLEMS, MAX_PROBLEMS, describeIssues, valueAt, type Finding } from './issues.js'
import { setOwn } from '../base/own.js'
import { fileReferences, readReference, type ReadFile } from './files.js'
import { interpolateData, type HoldsSecret } from './interpolate.js'
import { checkJsonSchema, schemaLocations } from './json-schema.js'
import { FILE_LIMITS, FileRefused, readInside } from '../files/safe-read.js'
import { FileText } from '../files/file-text.js'
import { Utf8Error, decodeUtf8 } from '../files/utf8.js'
import { formatKeyPath, type KeyPath } from '../base/key-path.js'
import { boundedEvents, readPlainYaml } from './plain-yaml.js'
import { manifestSchema } from './schema.js'
import { readSecretDeclarations } from './secrets.js'
import { append } from '../base/arrays.js'
import type { InterfaceLookup, Manifest, ParsedManifest } from './manifest.js'

export type { Definition, InterfaceLookup, Manifest, ParsedManifest } from './manifest.js'

/**
 * Parses a manifest's YAML and fills in its `${VAR}` references. Plain YAML
 * takes the fast reader; anything else, and any problem (which must be shown at
 * its line), takes the yaml library, which is loaded only then: it also places
 * keys for later messages.
 */
export async function parseManifest(
  text: string,
  displayPath: string,
  env: NodeJS.ProcessEnv = {},
  holdsSecret: HoldsSecret = () => false,
): Promise<ParsedManifest> {
  const events = boundedEvents(text, displayPath)
  const data = events && readPlainYaml(text, events)
  if (data && interpolateData(data, env, holdsSecret)) {
    let positions: Promise<ParsedManifest['locate']> | undefined
    const locate: ParsedManifest['locate'] = async (keyPath, at) => {
      positions ??= import('./yaml-document.js').then(({ yamlPositions }) => yamlPositions(text, displayPath))
      return (await positions)(keyPath, at)
    }
    return { displayPath, data, locate }
  }
  const { readYamlDocument } = await import('./yaml-document.js')
  return readYamlDocument(text, displayPath, env, holdsSecret)
}

async function toProblem(parsed: ParsedManifest, finding: Finding): Promise<Problem> {
  const location = await parsed.locate(finding.path, finding.at)
  return {
    message: finding.message,
    ...(finding.path.length && { keyPath: formatKeyPath(finding.path) }),
    ...(location && { location }),
  }
}

function setAt(target: Record<string, unknown>, keyPath: readonly PropertyKey[], value: unknown): void {
  let current = target
  for (const segment of keyPath.slice(0, -1)) current = current[segment as string] as Record<string, unknown>
  setOwn(current, keyPath[keyPath.length - 1] as string, value)
}

// zod's records skip a key named `__proto__`, which is an ordinary record name
// in a manifest: it is checked under a stand-in, then given back its name.
const PROTO = '__proto__'
const STAND_IN = '\u0000__proto__'

/** Whether `value` has an own key `key` at any depth (quoted YAML keys may spell it with escapes). */
function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKey(item, key))
  if (value === null || typeof value !== 'object') return false
  return Object.hasOwn(value, key) || Object.values(value).some((item) => hasKey(item, key))
}

/** `value` with every own key `from` renamed `to`, at any depth; copies only what changes. */
function renameKey(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKey(item, from, to))
  if (value === null || typeof value !== 'object' || value instanceof FileText) return value
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key === from ? to : key, renameKey(item, from, to)]))
}

/** Numbers JSON cannot hold (1e400, .inf, .nan), which would be sent as null, that is, deleted. */
function nonFiniteNumbers(value: unknown, path: KeyPath = []): Finding[] {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? []
      : [{ path, at: 'value', message: `${value} is not a number JSON can hold (it would be sent as null); write a finite number` }]
  }
  if (value === null || typeof value !== 'object' || value instanceof FileText) return []
  const found: Finding[] = []
  for (const [key, item] of Object.entries(value)) append(found, nonFiniteNumbers(item, [...path, Array.isArray(value) ? Number(key) : key]))
  return found
}

/**
 * Checks a parsed manifest and reads the files it names (relative to
 * `manifestDir`). Every problem is collected and thrown together.
 */
export async function checkManifest(parsed: ParsedManifest, manifestDir: string, workspace: string = manifestDir): Promise<Manifest> {
  const { data } = parsed
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${parsed.displayPath} must be a map of keys such as title, actions and code`)
  }
  const findings: Finding[] = []
  // Only a manifest with a `__proto__` key (which zod's records skip) is copied to be checked.
  const protoKeys = hasKey(data, PROTO)
  const result = manifestSchema.safeParse(protoKeys ? renameKey(data, PROTO, STAND_IN) : data)
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ ...issue, path: issue.path.map((segment) => (segment === STAND_IN ? PROTO : segment)) }))
    append(findings, describeIssues(manifestSchema, data, issues as typeof result.error.issues))
  }
  append(findings, nonFiniteNumbers(data))
  const { declarations, findings: secretFindings } = readSecretDeclarations((data as { secrets?: unknown }).secrets)
  append(findings, secretFindings)
  // What the manifest schema already refused is looked into no further.
  const refused = new Set(findings.map((finding) => formatKeyPath(finding.path)))
  for (const at of schemaLocations(data as Record<string, unknown>)) {
    if (refused.has(formatKeyPath(at))) continue
    append(findings, checkJsonSchema(valueAt(data, at), at))
  }

  // Only keys that passed the schema name a file worth reading.
  const refs = fileReferences(data as Record<string, unknown>).filter((ref) => !refused.has(formatKeyPath(ref.path)))
  const displayDir = path.posix.dirname(parsed.displayPath)
  const reads = await Promise.all(refs.map((ref) => readReference(ref, manifestDir, displayDir, workspace)))
  const files = reads.filter((read): read is ReadFile => 'content' in read)
  append(
    findings,
    reads.filter((read): read is Finding => !('content' in read)),
  )

  if (findings.length || !result.success) {
    // Locating is the costly part, so only the first problems are located and shown.
    const problems: Problem[] = (await Promise.all(findings.slice(0, MAX_PROBLEMS).map((finding) => toProblem(parsed, finding)))).sort(
      (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
    )
    const more = findings.length - Math.min(findings.length, MAX_PROBLEMS)
    const unlisted = findings.slice(MAX_PROBLEMS, MAX_PROBLEMS + MAX_LOGGED_PROBLEMS).map((finding) => `${formatKeyPath(finding.path)}: ${finding.message}`)
    if (more) {
      const which = more > unlisted.length ? `the next ${unlisted.length}` : 'every one'
      problems.push({ message: `… and ${more} more, not shown here: the step's log lists ${which}, under "${unlisted.length} more problems"` })
    }
    throw new InputError(`${parsed.displayPath} has ${findings.length} problem${findings.length === 1 ? '' : 's'}; nothing was sent`, problems, unlisted)
  }

  const { id, name, version, secrets: _secrets, ...definition } = (protoKeys ? renameKey(result.data, STAND_IN, PROTO) : result.data) as typeof result.data
  for (const file of files) setAt(definition, file.path, file.content)
  const interfaceLookups = Object.entries(definition.interfaces ?? {}).flatMap(([key, entry]): InterfaceLookup[] => {
    if (entry.name === undefined || entry.version === undefined) return []
    return [{ key, name: entry.name, version: entry.version, locate: () => parsed.locate(['interfaces', key], 'key') }]
  })
  return {
    displayPath: parsed.displayPath,
    ...(id !== undefined && { id }),
    ...(name !== undefined && { name }),
    ...(version !== undefined && { version }),
    definition,
    secrets: declarations,
    files,
    interfaceLookups,
  }
}

/** A manifest that is there when `file` is not: `integration.yaml` for `integration.yml`, a definition, or the other way round. */
async function manifestBeside(file: string): Promise<string | undefined> {
  const candidates = ['integration.yml', 'integration.yaml', 'integration.definition.ts', 'integration.definition.js'].filter(
    (name) => name !== path.basename(file),
  )
  try {
    const present = new Set(await readdir(path.dirname(file)))
    return candidates.find((name) => present.has(name))
  } catch {
    return undefined
  }
}

/**
 * Reads and parses the manifest at `file` (a regular UTF-8 file inside
 * `workspace`), with `${VAR}` taken from `env` unless `holdsSecret` finds a
 * credential in its value; checks nothing yet.
 */
export async function readManifest(
  file: string,
  displayPath: string,
  env: NodeJS.ProcessEnv = {},
  workspace: string = path.dirname(file),
  holdsSecret: HoldsSecret = () => false,
): Promise<ParsedManifest> {
  let bytes: Buffer
  try {
    bytes = await readInside(file, workspace, FILE_LIMITS.manifest)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    const near = error.message === 'no such file' ? await manifestBeside(file) : undefined
    const meant = near ? ` Did you mean ${path.posix.join(path.posix.dirname(displayPath), near)}? It is in that folder.` : ''
    throw new InputError(
      `Cannot read the manifest ${displayPath} (${error.message}).${meant} Set the \`manifest\` input to its path, relative to \`working-directory\`.`,
    )
  }
  let text: string
  try {
    text = decodeUtf8(bytes, displayPath)
  } catch (error) {
    if (error instanceof Utf8Error) throw new InputError(`${error.message}; nothing was sent.`)
    throw error
  }
  return parseManifest(text, displayPath, env, holdsSecret)
}
