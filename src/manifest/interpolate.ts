/** A reference that cannot be filled in: unset with no default, a variable a manifest may not read, or one holding a credential. */
export interface UnusableVariable {
  name: string
  why: 'missing' | 'not-allowed' | 'holds-secret'
}

// `$${` is a literal `${`; `${NAME}`, `${NAME:-default}` and `${NAME#prefix}` are references.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|#)([^}]*))?\}/g

/**
 * GitHub's default variables that hold no secret and no file path (README
 * lists them): what a manifest may read besides `MANIFEST_*`. Names cannot
 * tell a credential (`DATABASE_URL` with a password, `SLACK_WEBHOOK_URL`, a
 * `GH_HELPER` holding a token), so a manifest reads only what is known to be
 * harmless, or what the workflow hands it on purpose.
 */
export const GITHUB_VARIABLES: ReadonlySet<string> = new Set([
  'CI',
  'GITHUB_ACTION',
  'GITHUB_ACTIONS',
  'GITHUB_ACTOR',
  'GITHUB_ACTOR_ID',
  'GITHUB_API_URL',
  'GITHUB_BASE_REF',
  'GITHUB_EVENT_NAME',
  'GITHUB_GRAPHQL_URL',
  'GITHUB_HEAD_REF',
  'GITHUB_JOB',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_REF_PROTECTED',
  'GITHUB_REF_TYPE',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_ID',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_REPOSITORY_OWNER_ID',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_SERVER_URL',
  'GITHUB_SHA',
  'GITHUB_TRIGGERING_ACTOR',
  'GITHUB_WORKFLOW',
  'GITHUB_WORKFLOW_REF',
  'GITHUB_WORKFLOW_SHA',
  'RUNNER_ARCH',
  'RUNNER_ENVIRONMENT',
  'RUNNER_NAME',
  'RUNNER_OS',
])

/** The prefix of the variables a workflow hands a manifest on purpose, in the step's `env:`. */
export const MANIFEST_PREFIX = 'MANIFEST_'

/** Whether a manifest may read the variable `name`. */
export function isReadable(name: string): boolean {
  return GITHUB_VARIABLES.has(name) || (name.startsWith(MANIFEST_PREFIX) && name.length > MANIFEST_PREFIX.length)
}

export type InterpolationResult = { value: string } | { unusable: UnusableVariable[] }

/** Whether a value holds a credential the run knows (the token, a secret), in any shape the scrubber knows. */
export type HoldsSecret = (value: string) => boolean

/**
 * Replaces `${VAR}` and `${VAR:-default}` with the variable's value (the
 * default applies when it is unset or empty, as in a shell), and `${VAR#prefix}`
 * with the value less a leading `prefix` (literal text, so that
 * `${GITHUB_REF_NAME#v}` of tag v1.5.0 is 1.5.0); `$${` stays a literal `${`.
 * Names every variable that cannot be used, in order: one a manifest may not
 * read (see isReadable), one that holds a credential, or unset with no default.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv, holdsSecret: HoldsSecret = () => false): InterpolationResult {
  if (!text.includes('${')) return { value: text }
  const unusable: UnusableVariable[] = []
  const value = text.replace(REFERENCE, (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
    if (name === undefined) return '${'
    if (!isReadable(name)) {
      unusable.push({ name, why: 'not-allowed' })
      return match
    }
    const current = env[name]
    // A harmless name may still hold the token or a secret, copied into the step's env.
    if (current && holdsSecret(current)) {
      unusable.push({ name, why: 'holds-secret' })
      return match
    }
    if (current) return operator === '#' && operand && current.startsWith(operand) ? current.slice(operand.length) : current
    if (operator === ':-') return operand ?? ''
    unusable.push({ name, why: 'missing' })
    return match
  })
  return unusable.length ? { unusable } : { value }
}

/** What to do about a variable that cannot be used, in a sentence. */
export function unusableMessage({ name, why }: UnusableVariable): string {
  const renamed = `${MANIFEST_PREFIX}${name.replace(/^MANIFEST_/, '')}`
  return {
    missing: `\`\${${name}}\` is not set and has no default: set ${name} in the step's \`env:\`, or write \`\${${name}:-default}\``,
    'not-allowed':
      `\`\${${name}}\` is not a variable a manifest may read: it reads GitHub's default variables (GITHUB_REF_NAME, GITHUB_SHA, …) and ${MANIFEST_PREFIX}* only. ` +
      `Hand the value over on purpose: \`env: ${renamed}: …\` in the step, and \`\${${renamed}}\` here (secrets go in \`secrets\`, never in other values)`,
    'holds-secret': `\`\${${name}}\` holds the token or a secret's value, and would publish it in the definition; secrets go in \`secrets\`, never in other values`,
  }[why]
}

/**
 * Fills in the references of every string value of `data` (never of a key), in
 * place. False, leaving `data` part-filled, when any reference cannot be used:
 * the caller reads the manifest again to show where.
 */
export function interpolateData(data: unknown, env: NodeJS.ProcessEnv, holdsSecret: HoldsSecret): boolean {
  if (data === null || typeof data !== 'object') return true
  const record = data as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (typeof item !== 'string') {
      if (!interpolateData(item, env, holdsSecret)) return false
      continue
    }
    const result = interpolate(item, env, holdsSecret)
    if (!('value' in result)) return false
    // `key` is an own property, so this writes it, even one named `__proto__`.
    if (result.value !== item) record[key] = result.value
  }
  return true
}
