import { isValidSecretName, toScreamingSnake } from '../botpress/secret-names.js'
import type { Finding } from './issues.js'
import { append } from '../base/arrays.js'

/** A secret the integration needs, by its normalised name. */
export interface SecretDeclaration {
  name: string
  optional: boolean
  description?: string
}

// A committed value usually looks like one: long, or with characters a name never has.
function looksLikeValue(raw: string): boolean {
  return /[=:/+\s]/.test(raw.trim()) || raw.length > 64
}

/**
 * Reads the manifest's `secrets`: a map of name → `{description?, optional?}`
 * or a list of names. Values are never shown back: a finding names the key only.
 */
export function readSecretDeclarations(raw: unknown): { declarations: SecretDeclaration[]; findings: Finding[] } {
  const findings: Finding[] = []
  const entries: Array<{ key: string; path: PropertyKey[]; options: unknown }> = []
  if (raw === undefined || raw === null) return { declarations: [], findings }

  if (Array.isArray(raw)) {
    raw.forEach((item, index) => {
      if (typeof item !== 'string') {
        findings.push({ path: ['secrets', index], at: 'value', message: 'must be a secret name (a string)' })
      } else if (looksLikeValue(item)) {
        findings.push({
          path: ['secrets', index],
          at: 'value',
          message: 'looks like a secret value, not a name; never commit values: list the name only and pass the value through the `secrets` input',
        })
      } else {
        entries.push({ key: item, path: ['secrets', index], options: {} })
      }
    })
  } else if (typeof raw === 'object') {
    for (const [key, options] of Object.entries(raw)) {
      entries.push({ key, path: ['secrets', key], options })
    }
  } else {
    findings.push({ path: ['secrets'], at: 'value', message: 'must be a map of name → {description, optional} or a list of names' })
  }

  const declarations: SecretDeclaration[] = []
  const firstKeyOf = new Map<string, string>()
  for (const { key, path, options } of entries) {
    const optionFindings = checkOptions(options, path)
    append(findings, optionFindings)
    const name = toScreamingSnake(key)
    if (!isValidSecretName(name)) {
      findings.push({ path, at: 'key', message: `\`${key}\` is not a usable secret name: use letters, digits and underscores, as in API_KEY` })
      continue
    }
    const earlier = firstKeyOf.get(name)
    if (earlier !== undefined) {
      findings.push({ path, at: 'key', message: `\`${key}\` and \`${earlier}\` both become ${name}; keep one of them` })
      continue
    }
    firstKeyOf.set(name, key)
    if (optionFindings.length) continue
    const { optional, description } = (options ?? {}) as { optional?: boolean; description?: string }
    declarations.push({ name, optional: optional === true, ...(description !== undefined && { description }) })
  }
  return { declarations, findings }
}

function checkOptions(options: unknown, path: PropertyKey[]): Finding[] {
  if (options === null || options === undefined) return []
  if (typeof options !== 'object' || Array.isArray(options)) {
    return [
      {
        path,
        at: 'value',
        message:
          'holds a value; secret values are never committed. Declare the secret as `{}` (or `{optional: true}`) and pass its value through the `secrets` input or a SECRET_<NAME> env var',
      },
    ]
  }
  const findings: Finding[] = []
  for (const [key, value] of Object.entries(options)) {
    if (key === 'optional' && typeof value !== 'boolean') {
      findings.push({ path: [...path, key], at: 'value', message: 'must be true or false' })
    } else if (key === 'description' && typeof value !== 'string') {
      findings.push({ path: [...path, key], at: 'value', message: 'must be a string' })
    } else if (key !== 'optional' && key !== 'description') {
      findings.push({ path: [...path, key], at: 'key', message: `unknown key \`${key}\`; a secret takes \`description\` and \`optional\`` })
    }
  }
  return findings
}
