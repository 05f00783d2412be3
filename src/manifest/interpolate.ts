/** A reference that cannot be filled in: unset with no default, a credential by its name, or one by its value. */
export interface UnusableVariable {
  name: string
  why: 'missing' | 'forbidden' | 'holds-secret'
}

// `$${` is a literal `${`; `${NAME}`, `${NAME:-default}` and `${NAME#prefix}` are references.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|#)([^}]*))?\}/g
// Variables that hold credentials: interpolating one into the definition would
// publish it. SECRET_* are the integration's secrets, INPUT_* include the
// Botpress token, ACTIONS_* the runner's own; any other name that
// says it holds a credential (GH_TOKEN, NPM_TOKEN, AWS_SECRET_ACCESS_KEY,
// DB_PASSWORD, BASIC_AUTH, API_KEY…) is refused too, whatever its case.
const FORBIDDEN_PREFIX = /^(SECRET_|INPUT_|ACTIONS_)/
const FORBIDDEN_PART = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|COOKIE|SESSION|SIGNATURE/
const FORBIDDEN_WORD = /^(AUTH|AUTHORIZATION|PAT|PWD|PASS|CERT|DSN|SALT|.*KEYS?)$/

/** Whether a variable's name says it holds a credential (see the README's rule). */
export function isCredentialName(name: string): boolean {
  const upper = name.toUpperCase()
  return FORBIDDEN_PREFIX.test(upper) || FORBIDDEN_PART.test(upper) || upper.split(/[^A-Z0-9]+/).some((word) => FORBIDDEN_WORD.test(word))
}

export type InterpolationResult = { value: string } | { unusable: UnusableVariable[] }

/**
 * Replaces `${VAR}` and `${VAR:-default}` with the variable's value (the
 * default applies when it is unset or empty, as in a shell), and `${VAR#prefix}`
 * with the value less a leading `prefix` (literal text, so that
 * `${GITHUB_REF_NAME#v}` of tag v1.5.0 is 1.5.0); `$${` stays a literal `${`.
 * Names every variable that cannot be used, in order: unset with no default,
 * named like a credential, or holding one of `secretValues`.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv, secretValues: readonly string[] = []): InterpolationResult {
  if (!text.includes('${')) return { value: text }
  const unusable: UnusableVariable[] = []
  const value = text.replace(REFERENCE, (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
    if (name === undefined) return '${'
    if (isCredentialName(name)) {
      unusable.push({ name, why: 'forbidden' })
      return match
    }
    const current = env[name]
    // A harmless name may still hold the token or a secret, copied into the step's env.
    if (current && secretValues.some((secret) => current.includes(secret))) {
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
  return {
    missing: `\`\${${name}}\` is not set and has no default: set ${name} in the step's \`env:\`, or write \`\${${name}:-default}\``,
    forbidden: `\`\${${name}}\` is named like a credential, and would publish it in the definition; secrets go in \`secrets\`, never in other values`,
    'holds-secret': `\`\${${name}}\` holds the token or a secret's value, and would publish it in the definition; secrets go in \`secrets\`, never in other values`,
  }[why]
}

/**
 * Fills in the references of every string value of `data` (never of a key), in
 * place. False, leaving `data` part-filled, when any reference cannot be used:
 * the caller reads the manifest again to show where.
 */
export function interpolateData(data: unknown, env: NodeJS.ProcessEnv, secretValues: readonly string[]): boolean {
  if (data === null || typeof data !== 'object') return true
  const record = data as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (typeof item !== 'string') {
      if (!interpolateData(item, env, secretValues)) return false
      continue
    }
    const result = interpolate(item, env, secretValues)
    if (!('value' in result)) return false
    // `key` is an own property, so this writes it, even one named `__proto__`.
    if (result.value !== item) record[key] = result.value
  }
  return true
}
