/** A reference that cannot be filled in: unset with no default, or a credential. */
export interface UnusableVariable {
  name: string
  why: 'missing' | 'forbidden'
}

// `$${` is a literal `${`; `${NAME}`, `${NAME:-default}` and `${NAME#prefix}` are references.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|#)([^}]*))?\}/g
// Variables that hold credentials: interpolating one into the definition
// would publish it (SECRET_* are the integration's secrets, INPUT_* include
// the Botpress token, ACTIONS_* the runner's own tokens).
const FORBIDDEN = /^(SECRET_|INPUT_|ACTIONS_)|^GITHUB_TOKEN$/

export type InterpolationResult = { value: string } | { unusable: UnusableVariable[] }

/**
 * Replaces `${VAR}` and `${VAR:-default}` with the variable's value (the
 * default applies when it is unset or empty, as in a shell), and `${VAR#prefix}`
 * with the value less a leading `prefix` (literal text, so that
 * `${GITHUB_REF_NAME#v}` of tag v1.5.0 is 1.5.0); `$${` stays a literal `${`.
 * Names every variable that cannot be used, in order.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv): InterpolationResult {
  if (!text.includes('${')) return { value: text }
  const unusable: UnusableVariable[] = []
  const value = text.replace(REFERENCE, (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
    if (name === undefined) return '${'
    if (FORBIDDEN.test(name)) {
      unusable.push({ name, why: 'forbidden' })
      return match
    }
    const current = env[name]
    if (current) return operator === '#' && operand && current.startsWith(operand) ? current.slice(operand.length) : current
    if (operator === ':-') return operand ?? ''
    unusable.push({ name, why: 'missing' })
    return match
  })
  return unusable.length ? { unusable } : { value }
}
