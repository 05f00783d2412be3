import path from 'node:path'
import { InputError } from '../base/errors.js'
import { DEFAULT_DASHBOARD_URL } from '../botpress/dashboard.js'

/** Everything the run needs from the step's inputs, checked and typed. */
export interface Settings {
  /** Empty only where the run may be skipped: a pull request from a fork. */
  token: string
  workspaceId: string
  /** From the `integration-id` input; the manifest's `id` is the fallback. */
  integrationId?: string
  workspace: string
  workingDirectory: string
  manifestFile: string
  /** The manifest's path relative to the workspace, as annotations want it. */
  manifestDisplayPath: string
  /** The lines of the `manifest` input: one path, or several paths and glob patterns (targets/resolve.ts). */
  manifestLines: string[]
  /** With several manifests: how many integrations are in flight at once. */
  maxParallel: number
  /** With several manifests: start none after the first failure. */
  failFast: boolean
  /** Skip, rather than fail, a version that is already public or unlisted. */
  skipPublished: boolean
  /** `deploy`, or `list`: write the matrix of integrations left to deploy, and nothing else. */
  mode: 'deploy' | 'list'
  /** On a pull request: fail each changed integration whose version is already published; write nothing. */
  checkVersionBump: boolean
  /** The `secrets` input as given: only declared names are read from it. */
  secrets: Record<string, unknown>
  secretsPrefix: string
  apiUrl: string
  dryRun: boolean
  prune: boolean
  timeoutMs: number
  maxAttempts: number
  /** The version the integration must have, without a leading `v`. */
  expectedVersion?: string
  requestVerification: boolean
  /** What a version found by name and missing on Botpress means. */
  ifMissing: 'create' | 'fail'
  bypassBreakingChanges: boolean
  commentOnPr: boolean
  githubToken: string
  /** Whose marked comments are ours when GET /user is refused; empty: github-actions[bot]. */
  commentAuthor: string
  /** Deploy the pull request's own private version instead of the manifest's. */
  preview: boolean
  /** `preview: cleanup-stale`: remove the previews whose cleanup never ran. */
  previewSweep: boolean
  /** A preview not updated for this long is stale. */
  previewMaxAgeDays: number
  /** The preview's version, with {version}, {number} and {sha}; empty: `<version>-pr.<number>`. */
  previewVersion: string
  /** Install the preview in a bot of its own and wait for its registration. */
  previewBot: boolean
  /** The preview bot's configuration of the integration; its values are secrets. */
  previewConfiguration: Record<string, unknown>
  previewTimeoutMs: number
  /** The GitHub environment a deployment is recorded in; empty: none (a preview's default is set by its mode). */
  environment: string
  /** The Botpress dashboard's base URL, for links. */
  dashboardUrl: string
  /** What reading the inputs fixed on the way (an id taken out of a dashboard URL): told to the workflow's author. */
  notices: string[]
}

/** Reads one input by its name in action.yml, trimmed; '' when not given. */
export type InputReader = (name: string) => string

export const DEFAULT_API_URL = 'https://api.botpress.cloud'

function readBoolean(getInput: InputReader, name: string, fallback: boolean): boolean {
  const raw = getInput(name)
  if (raw === '') return fallback
  if (['true', 'True', 'TRUE'].includes(raw)) return true
  if (['false', 'False', 'FALSE'].includes(raw)) return false
  throw new InputError(`Input \`${name}\` must be true or false, not "${raw}".`)
}

function readPositiveInteger(getInput: InputReader, name: string, fallback: number, max: number): number {
  const raw = getInput(name)
  if (raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(`Input \`${name}\` must be a whole number from 1 to ${max}, not "${raw}".`)
  }
  return value
}

function readChoice<T extends string>(getInput: InputReader, name: string, choices: readonly T[], fallback: T): T {
  const raw = getInput(name)
  if (raw === '') return fallback
  if ((choices as readonly string[]).includes(raw)) return raw as T
  throw new InputError(`Input \`${name}\` must be one of ${choices.join(', ')}, not "${raw}".`)
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** The API base URL without a trailing slash; plain http only on loopback. */
export function checkApiUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    // Whatever stands before an @ may be a password: never shown.
    throw new InputError(`Input \`api-url\` is not a URL: "${raw.replace(/\/\/[^/@]*@/, '//***@')}". Leave it empty for ${DEFAULT_API_URL}.`)
  }
  if (url.username || url.password) {
    throw new InputError('Input `api-url` holds a user name or password; the token is the only credential sent. Remove it from the URL.')
  }
  if (url.search || url.hash) {
    throw new InputError(`Input \`api-url\` must be a base URL without a query or fragment, such as ${DEFAULT_API_URL}.`)
  }
  // @actions/http-client hands the bracketed host to the name resolver, which fails on every attempt.
  if (url.hostname.startsWith('[')) {
    throw new InputError(
      `Input \`api-url\` names its host by an IPv6 address (${url.hostname}), which the HTTP client cannot reach: use a host name that resolves to it (localhost for ::1), or an IPv4 address.`,
    )
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new InputError(`Input \`api-url\` uses plain http (${url.host}): the token would travel in clear. Use https, or a loopback address for a local API.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`Input \`api-url\` must be an https URL, not ${url.protocol}.`)
  }
  return url.href.replace(/\/+$/, '')
}

/** A header value with a control character would be refused by Node at every attempt, or split a header. */
function checkHeaderValue(name: string, value: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InputError(`Input \`${name}\` holds a line break or another control character; check how it is set (a secret copied with a trailing newline?).`)
  }
}

/**
 * Parses the `secrets` input, normally `${{ toJSON(secrets) }}`. Nothing of
 * its text is ever quoted back, since it holds secret values. Values are
 * checked only for the secrets the manifest declares (secrets/resolve.ts):
 * every other key is ignored, whatever it holds.
 */
export function parseSecretsInput(raw: string): Record<string, unknown> {
  if (raw === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new InputError('Input `secrets` is not valid JSON. Pass a JSON object, normally `${{ toJSON(secrets) }}`.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('Input `secrets` must be a JSON object of name → value, normally `${{ toJSON(secrets) }}`.')
  }
  return parsed as Record<string, unknown>
}

/** A base URL for links that people follow: https, no credentials, no query; without its trailing slash. */
function checkLinkBase(name: string, raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError(`Input \`${name}\` is not a URL: "${raw}".`)
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
    throw new InputError(`Input \`${name}\` must be an https base URL without credentials, query or fragment, such as ${DEFAULT_DASHBOARD_URL}.`)
  }
  return url.href.replace(/\/+$/, '')
}

/** The lines of the `manifest` input that mean something (not blank, not a `#` comment); `integration.yml` when none. */
export function readManifestLines(input: string): string[] {
  const lines = input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  return lines.length ? lines : ['integration.yml']
}

/** A JSON object input whose values may be secret: never quoted back. */
function readJsonObject(getInput: InputReader, name: string): Record<string, unknown> {
  const raw = getInput(name)
  if (raw === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new InputError(
      `Input \`${name}\` is not valid JSON (its text is not shown: it may hold secrets). Pass a JSON object, such as {"apiUrl": "https://…"}.`,
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError(`Input \`${name}\` must be a JSON object.`)
  return parsed as Record<string, unknown>
}

/** The token as Botpress wants it; what it is not is said without quoting it. */
function checkToken(token: string): void {
  if (/^bearer\s/i.test(token)) {
    throw new InputError('Input `token` begins with "Bearer ": pass the token alone (bp_pat_…); the action sends the `Authorization: Bearer` header itself.')
  }
  if (/^wkspace_/.test(token)) {
    throw new InputError(
      'Input `token` holds a workspace id (wkspace_…), not a personal access token: are `token` and `workspace-id` swapped? Pass the token (bp_pat_…) as `token`.',
    )
  }
}

/** An id of `kind` (its prefix, `wkspace` or `intver`) given as it is, or inside a Botpress dashboard URL pasted whole. */
function readId(getInput: InputReader, name: string, prefix: string, notices: string[]): string {
  const raw = getInput(name)
  if (!/^https?:\/\//i.test(raw)) return raw
  const found = new RegExp(`/(${prefix}_[A-Za-z0-9]+)(?=[/?#]|$)`).exec(raw)?.[1]
  if (!found) throw new InputError(`Input \`${name}\` is a URL, not an id (${prefix}_…), and no id of that kind is in it: pass the id itself.`)
  notices.push(`Input \`${name}\` is a dashboard URL: the ${prefix}_… id in it, ${found}, is used. Pass the id itself to silence this.`)
  return found
}

export function readSettings(getInput: InputReader, env: NodeJS.ProcessEnv): Settings {
  const notices: string[] = []
  const token = getInput('token')
  const workspaceId = readId(getInput, 'workspace-id', 'wkspace', notices)
  if (!workspaceId) {
    throw new InputError('Input `workspace-id` is empty. Pass the ID of the Botpress workspace that owns the integration.')
  }
  checkHeaderValue('token', token)
  checkHeaderValue('workspace-id', workspaceId)
  checkToken(token)
  if (/^bp_pat_/.test(workspaceId)) {
    throw new InputError(
      'Input `workspace-id` holds a personal access token (bp_pat_…), not a workspace id: are `token` and `workspace-id` swapped? Revoke that token if the workflow printed it anywhere, and pass the workspace id (wkspace_…).',
    )
  }
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const workingDirectory = path.resolve(workspace, getInput('working-directory') || '.')
  const manifestLines = readManifestLines(getInput('manifest'))
  const manifestFile = path.resolve(workingDirectory, manifestLines[0]!)
  const integrationId = readId(getInput, 'integration-id', 'intver', notices)
  // `${{ github.ref_name }}` of tag v1.4.0 means version 1.4.0.
  const expectedVersion = getInput('expected-version').replace(/^v(?=\d)/, '')
  const previewVersion = getInput('preview-version')
  return {
    token,
    workspaceId,
    ...(integrationId && { integrationId }),
    workspace,
    workingDirectory,
    manifestFile,
    manifestDisplayPath: path.relative(workspace, manifestFile).split(path.sep).join('/'),
    manifestLines,
    maxParallel: readPositiveInteger(getInput, 'max-parallel', 4, 32),
    failFast: readBoolean(getInput, 'fail-fast', false),
    skipPublished: readBoolean(getInput, 'skip-published', false),
    mode: readChoice(getInput, 'mode', ['deploy', 'list'] as const, 'deploy'),
    checkVersionBump: readBoolean(getInput, 'check-version-bump', false),
    secrets: parseSecretsInput(getInput('secrets')),
    secretsPrefix: getInput('secrets-prefix'),
    apiUrl: checkApiUrl(getInput('api-url') || DEFAULT_API_URL),
    dryRun: readBoolean(getInput, 'dry-run', false),
    prune: readBoolean(getInput, 'prune', true),
    timeoutMs: readPositiveInteger(getInput, 'timeout', 120, 3600) * 1000,
    maxAttempts: readPositiveInteger(getInput, 'max-attempts', 4, 10),
    ...(expectedVersion && { expectedVersion }),
    requestVerification: readBoolean(getInput, 'request-verification', false),
    ifMissing: readChoice(getInput, 'if-missing', ['create', 'fail'] as const, 'create'),
    bypassBreakingChanges: readBoolean(getInput, 'bypass-breaking-changes', false),
    commentOnPr: readBoolean(getInput, 'comment-on-pr', false),
    githubToken: getInput('github-token'),
    commentAuthor: getInput('comment-author').trim(),
    preview: getInput('preview') === 'cleanup-stale' ? false : readBoolean(getInput, 'preview', false),
    previewSweep: getInput('preview') === 'cleanup-stale',
    previewMaxAgeDays: readPositiveInteger(getInput, 'preview-max-age', 14, 3650),
    previewVersion,
    previewBot: readBoolean(getInput, 'preview-bot', false),
    previewConfiguration: readJsonObject(getInput, 'preview-configuration'),
    previewTimeoutMs: readPositiveInteger(getInput, 'preview-timeout', 120, 3600) * 1000,
    environment: getInput('environment'),
    dashboardUrl: checkLinkBase('dashboard-url', getInput('dashboard-url') || DEFAULT_DASHBOARD_URL),
    notices,
  }
}

/** An empty `token` where no fork explains it. */
export function missingTokenError(): InputError {
  return new InputError(
    'Input `token` is empty. Create a Botpress Cloud personal access token, store it as a repository secret (for example BOTPRESS_TOKEN) and pass `token: ${{ secrets.BOTPRESS_TOKEN }}`. ' +
      'If the secret exists, check that this workflow can read it (environment secrets need `environment:` on the job).',
  )
}
