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
