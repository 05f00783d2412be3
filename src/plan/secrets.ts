import { InputError } from '../base/errors.js'
import { secretEnvName } from '../botpress/secret-names.js'
import type { LocalInput, SecretsPlan } from './types.js'
import { setOwn } from '../base/own.js'

/**
 * What happens to each declared secret, given the names the server already
 * has (`known`: the version's own, or on create the previous version's, whose
 * values Botpress carries over). With `prune`, known names no longer declared
 * are deleted.
 */
export function planSecrets(
  input: Pick<LocalInput, 'declarations' | 'values' | 'secretsPrefix'>,
  known: readonly string[],
  prune: boolean,
): { secrets: SecretsPlan; body: Record<string, string | null> } {
  const onServer = new Set(known)
  const secrets: SecretsPlan = { added: [], updated: [], kept: [], skipped: [], removed: [] }
  const body: Record<string, string | null> = {}
  const missing: string[] = []
  for (const { name, optional } of input.declarations) {
    const value = input.values.get(name)
    if (value !== undefined) {
      setOwn(body, name, value)
      ;(onServer.has(name) ? secrets.updated : secrets.added).push(name)
    } else if (onServer.has(name)) secrets.kept.push(name)
    else if (optional) secrets.skipped.push(name)
    else missing.push(name)
  }
  if (missing.length) throw missingSecretsError(missing, input.secretsPrefix)
  if (prune) {
    const declared = new Set(input.declarations.map((d) => d.name))
    for (const name of known) {
      if (!declared.has(name)) {
        setOwn(body, name, null)
        secrets.removed.push(name)
      }
    }
  }
  return { secrets, body }
}

function missingSecretsError(missing: string[], prefix: string): InputError {
  const example = missing[0]!
  return new InputError(
    `No value for ${missing.length === 1 ? 'secret' : 'secrets'} ${missing.join(', ')}, which the manifest declares and the integration does not have yet; nothing was sent.\n` +
      `Provide each one in either of two ways:\n` +
      `  1. as a step env var: \`env: { ${secretEnvName(example)}: \${{ secrets.${prefix}${example} }} }\`\n` +
      `  2. as a repository secret named ${prefix}${example}, with \`secrets: \${{ toJSON(secrets) }}\`${prefix ? ` and \`secrets-prefix: ${prefix}\`` : ''}\n` +
      'Or mark it `optional: true` in the manifest.',
  )
}
