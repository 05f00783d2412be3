import { InputError } from '../base/errors.js'
import { SEMVER } from '../botpress/integration.js'

/** What names a pull request's preview: its number and its head commit. */
export interface PreviewOf {
  number: number
  sha: string
}

const PLACEHOLDER = /\{([^{}]*)\}/g
const PLACEHOLDERS = new Set(['version', 'number', 'sha'])

/** The `preview-version` input's mistakes, found before anything is read: unknown or unclosed placeholders. */
export function checkPreviewPattern(pattern: string): void {
  for (const [, name] of pattern.matchAll(PLACEHOLDER)) {
    if (!PLACEHOLDERS.has(name!)) {
      throw new InputError(`Input \`preview-version\` has the placeholder {${name}}; it takes {version}, {number} and {sha}.`)
    }
  }
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ''))) {
    throw new InputError(`Input \`preview-version\` has a \`{\` or \`}\` that opens or closes no placeholder: "${pattern}".`)
  }
  if (!pattern.includes('{number}')) {
    throw new InputError('Input `preview-version` must hold {number}: without the pull request, the previews of two pull requests would be the same version.')
  }
}

/**
 * The version a pull request's preview deploys: the manifest's version with a
 * semver pre-release naming the pull request (`1.5.0` → `1.5.0-pr.42`;
 * `2.0.0-beta.1` → `2.0.0-beta.1.pr.42`; build metadata stays last), or the
 * `preview-version` pattern filled in. Refused unless it is a semver version.
 */
export function previewVersion(manifestVersion: string, pattern: string, of: PreviewOf): string {
  let version: string
  if (pattern) {
    const values: Record<string, string> = { version: manifestVersion, number: String(of.number), sha: of.sha.slice(0, 7) }
    version = pattern.replace(PLACEHOLDER, (_match, name: string) => values[name]!)
  } else {
    const build = manifestVersion.indexOf('+')
    const [core, metadata] = build < 0 ? [manifestVersion, ''] : [manifestVersion.slice(0, build), manifestVersion.slice(build)]
    version = `${core}${core.includes('-') ? '.' : '-'}pr.${of.number}${metadata}`
  }
  if (!SEMVER.test(version) || !version.includes('-') || version === manifestVersion) {
    const from = pattern ? `\`preview-version\` "${pattern}" gives` : 'The preview of pull request ' + of.number + ' would be'
    throw new InputError(
      `${from} "${version}", which is not a semantic version with a pre-release of its own (such as 1.5.0-pr.${of.number}). Nothing was sent.`,
    )
  }
  return version
}

// A version as `{version}` stands in a preview: no build metadata, which semver puts last.
const VERSION_PART = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?`

/**
 * Whether a version is a preview of pull request `number`, whatever the
 * manifest's version was when it was made (a pull request may bump it): the
 * default pattern, or `preview-version` with `{version}` standing for any
 * version and `{sha}` for any commit. Another pull request's never matches.
 */
export function previewMatcher(pattern: string, number: number): (version: string) => boolean {
  const matcher = previewRegExp(pattern, String(number))
  return (version) => matcher.test(version)
}

/** The pull request whose preview a version is, by the pattern; undefined when it is none's. */
export function previewNumber(pattern: string, version: string): number | undefined {
  const number = previewRegExp(pattern, '([1-9]\\d*)').exec(version)?.[1]
  return number === undefined ? undefined : Number(number)
}

/** The pattern as a regular expression, `{number}` standing for `number` (a literal, or a capture). */
function previewRegExp(pattern: string, number: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = pattern
    ? pattern
        .split(PLACEHOLDER)
        .map((part, index) => (index % 2 === 0 ? escape(part) : part === 'version' ? VERSION_PART : part === 'sha' ? '[0-9a-f]{7}' : String(number)))
        .join('')
    : `${VERSION_PART}[-.]pr\\.${number}(?:\\+[0-9A-Za-z.-]+)?`
  return new RegExp(`^${source}$`)
}

/** The tags that find a pull request's preview bot again: the integration (with its handle) and the pull request. */
export function previewBotTags(name: string, number: number): Record<string, string> {
  return { 'deploy-botpress-integration': name, 'pull-request': String(number) }
}
