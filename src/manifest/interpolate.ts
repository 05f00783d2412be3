/** A reference to an environment variable that has no value and no default. */
export interface MissingVariable {
  name: string
}

// `$${` is a literal `${`; `${NAME}` and `${NAME:-default}` are references.
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g
// Variables that hold credentials: interpolating one into the definition
// would publish it (SECRET_* are the integration's secrets, INPUT_* include
// the Botpress token, ACTIONS_* the runner's own tokens).
const FORBIDDEN = /^(SECRET_|INPUT_|ACTIONS_)|^GITHUB_TOKEN$/

export type InterpolationResult = { value: string } | { missing: MissingVariable } | { forbidden: string }

/**
 * Replaces `${VAR}` and `${VAR:-default}` with the variable's value (the
 * default applies when it is unset or empty, as in a shell); `$${` stays a
 * literal `${`. Stops at the first variable that has no value.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv): InterpolationResult {
  if (!text.includes('${')) return { value: text }
  let problem: InterpolationResult | undefined
  const value = text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${'
    if (FORBIDDEN.test(name)) {
      problem ??= { forbidden: name }
      return match
    }
    const current = env[name]
    if (current) return current
    if (fallback !== undefined) return fallback
    problem ??= { missing: { name } }
    return match
  })
  return problem ?? { value }
}
