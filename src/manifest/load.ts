import path from 'node:path'
import { isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import { InputError, type Problem, type SourceLocation } from '../errors.js'
import { describeIssues, valueAt, type Finding } from './issues.js'
import { setOwn } from '../own.js'
import { FileText, fileReferences, readReference, type ReadFile } from './files.js'
import { interpolate } from './interpolate.js'
import { checkJsonSchema, schemaLocations } from './json-schema.js'
import { FILE_LIMITS, FileRefused, readInside } from './safe-read.js'
import { Utf8Error, decodeUtf8 } from './utf8.js'
import { formatKeyPath, locate, type KeyPath } from './locate.js'
import { manifestSchema, type ManifestData } from './schema.js'
import { readSecretDeclarations, type SecretDeclaration } from './secrets.js'

/** The integration's definition as the update body carries it, without secrets. */
export type Definition = Omit<ManifestData, 'id' | 'name' | 'version' | 'secrets' | 'code'> & { code?: string | FileText | undefined }

/** An `interfaces` entry given by name and version: its id is looked up before sending. */
export interface InterfaceLookup {
  /** The entry's key in `interfaces`. */
  key: string
  name: string
  version: string
  /** Where the entry stands, when the manifest is a file with lines (a YAML manifest). */
  location?: SourceLocation
}

/** A checked manifest, its files read, ready for planning. */
export interface Manifest {
  /** The path shown to people: relative to the workspace. */
  displayPath: string
  id?: string
  name?: string
  version?: string
  definition: Definition
  secrets: SecretDeclaration[]
  files: ReadFile[]
  interfaceLookups: InterfaceLookup[]
}

/** A parsed manifest, before any check: the data, and where each key stands. */
export interface ParsedManifest {
  displayPath: string
  data: unknown
  /** Where a key path stands in the file; undefined where the manifest has no lines (a TypeScript definition). */
  locate(path: KeyPath, at: 'key' | 'value'): SourceLocation | undefined
}

/**
 * Replaces `${VAR}` references in string values (never in keys, never in the
 * files the manifest names, which are read later) with the step's environment.
 */
function interpolateValues(doc: Document, lineCounter: LineCounter, displayPath: string, env: NodeJS.ProcessEnv, secretValues: readonly string[]): void {
  const problems: Problem[] = []
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'string') return
      const result = interpolate(node.value, env, secretValues)
      if ('value' in result) {
        node.value = result.value
        return
      }
      const keyPath = ancestors.filter(isPair).map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'))
      const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0)
      for (const { name, why } of result.unusable) {
        const message = {
          missing: `\`\${${name}}\` is not set and has no default: set ${name} in the step's \`env:\`, or write \`\${${name}:-default}\``,
          forbidden: `\`\${${name}}\` is named like a credential, and would publish it in the definition; secrets go in \`secrets\`, never in other values`,
          'holds-secret': `\`\${${name}}\` holds the token or a secret's value, and would publish it in the definition; secrets go in \`secrets\`, never in other values`,
        }[why]
        problems.push({ message, ...(keyPath.length && { keyPath: keyPath.join('.') }), location: { file: displayPath, line, column: col } })
      }
    },
  })
  if (problems.length) {
    throw new InputError(`${displayPath} refers to variables it cannot use; nothing was sent`, problems)
  }
}

/** The most problems one run reports, each with its place; a manifest with more gets a count of the rest. */
export const MAX_PROBLEMS = 100

/** Each key that stands twice in one map, as a parse error at the second one. */
function duplicateKeys(doc: Document): Array<{ message: string; pos: [number, number] }> {
  const errors: Array<{ message: string; pos: [number, number] }> = []
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        if (!isScalar(pair.key) || pair.key.value === '<<') continue
        const name = String(pair.key.value)
        if (seen.has(name)) {
          const at = (pair.key as Node).range?.[0] ?? 0
          errors.push({ message: `Map keys must be unique; "${name}" is repeated`, pos: [at, at] })
        }
        seen.add(name)
      }
    },
  })
  return errors
}

export function parseManifest(text: string, displayPath: string, env: NodeJS.ProcessEnv = {}, secretValues: readonly string[] = []): ParsedManifest {
  const lineCounter = new LineCounter()
  // The yaml library's own duplicate-key check compares every key with every
  // other (a 1 MB manifest of short keys takes minutes): duplicateKeys() is linear.
  // Merge keys (`<<: *base`) share schemas between entries, as YAML users expect.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true })
  const errors = doc.errors.length ? doc.errors : duplicateKeys(doc)
  if (errors.length) {
    throw new InputError(
      `${displayPath} is not valid YAML`,
      errors.slice(0, MAX_PROBLEMS).map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0])
        return { message: error.message.split('\n')[0]!, location: { file: displayPath, line, column: col } }
      }),
    )
  }
  interpolateValues(doc, lineCounter, displayPath, env, secretValues)
  const data: unknown = doc.toJS()
  return {
    displayPath,
    data,
    locate: (keyPath, at) => ({ file: displayPath, ...locate(doc, lineCounter, keyPath, at) }),
  }
}

function toProblem(parsed: ParsedManifest, finding: Finding): Problem {
  const location = parsed.locate(finding.path, finding.at)
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
    findings.push(...describeIssues(manifestSchema, data, issues as typeof result.error.issues))
  }
  const { declarations, findings: secretFindings } = readSecretDeclarations((data as { secrets?: unknown }).secrets)
  findings.push(...secretFindings)
  // What the manifest schema already refused is looked into no further.
  const refused = new Set(findings.map((finding) => formatKeyPath(finding.path)))
  for (const at of schemaLocations(data as Record<string, unknown>)) {
    if (refused.has(formatKeyPath(at))) continue
    findings.push(...checkJsonSchema(valueAt(data, at), at))
  }

  // Only keys that passed the schema name a file worth reading.
  const refs = fileReferences(data as Record<string, unknown>).filter((ref) => !refused.has(formatKeyPath(ref.path)))
  const displayDir = path.posix.dirname(parsed.displayPath)
  const reads = await Promise.all(refs.map((ref) => readReference(ref, manifestDir, displayDir, workspace)))
  const files = reads.filter((read): read is ReadFile => 'content' in read)
  findings.push(...reads.filter((read): read is Finding => !('content' in read)))

  if (findings.length || !result.success) {
    // Locating is the costly part, so only the first problems are located and shown.
    const problems: Problem[] = findings
      .slice(0, MAX_PROBLEMS)
      .map((finding) => toProblem(parsed, finding))
      .sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0))
    if (findings.length > MAX_PROBLEMS) problems.push({ message: `… and ${findings.length - MAX_PROBLEMS} more; fix these first` })
    throw new InputError(`${parsed.displayPath} has ${findings.length} problem${findings.length === 1 ? '' : 's'}; nothing was sent`, problems)
  }

  const { id, name, version, secrets: _secrets, ...definition } = (protoKeys ? renameKey(result.data, STAND_IN, PROTO) : result.data) as typeof result.data
  for (const file of files) setAt(definition, file.path, file.content)
  const interfaceLookups = Object.entries(definition.interfaces ?? {}).flatMap(([key, entry]): InterfaceLookup[] => {
    if (entry.name === undefined || entry.version === undefined) return []
    const location = parsed.locate(['interfaces', key], 'key')
    return [{ key, name: entry.name, version: entry.version, ...(location && { location }) }]
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

/**
 * Reads and parses the manifest at `file` (a regular UTF-8 file inside
 * `workspace`), with `${VAR}` taken from `env` unless it holds one of
 * `secretValues`; checks nothing yet.
 */
export async function readManifest(
  file: string,
  displayPath: string,
  env: NodeJS.ProcessEnv = {},
  workspace: string = path.dirname(file),
  secretValues: readonly string[] = [],
): Promise<ParsedManifest> {
  let bytes: Buffer
  try {
    bytes = await readInside(file, workspace, FILE_LIMITS.manifest)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    throw new InputError(
      `Cannot read the manifest ${displayPath} (${error.message}). Set the \`manifest\` input to its path, relative to \`working-directory\`.`,
    )
  }
  let text: string
  try {
    text = decodeUtf8(bytes, displayPath)
  } catch (error) {
    if (error instanceof Utf8Error) throw new InputError(`${error.message}; nothing was sent.`)
    throw error
  }
  return parseManifest(text, displayPath, env, secretValues)
}

/** Reads, parses and checks the manifest at `file`, with `${VAR}` taken from `env`. */
export async function loadManifest(file: string, displayPath: string, env: NodeJS.ProcessEnv = {}, workspace: string = path.dirname(file)): Promise<Manifest> {
  return checkManifest(await readManifest(file, displayPath, env, workspace), path.dirname(file), workspace)
}
