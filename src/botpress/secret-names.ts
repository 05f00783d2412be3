/** What Botpress accepts as a secret name. */
export const SECRET_NAME_PATTERN = /^[A-Z0-9]+(_[A-Z0-9]+)*$/

/**
 * Normalises a name to SCREAMING_SNAKE: `apiKey`, `api-key` and `api key`
 * become `API_KEY`, `oauth2Token` becomes `OAUTH2_TOKEN`, `APIKey` becomes
 * `API_KEY`. Anything that is not a letter or digit separates words.
 */
export function toScreamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .join('_')
    .toUpperCase()
}

export function isValidSecretName(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name)
}

/** The environment variable the integration (and this action) reads a secret from. */
export function secretEnvName(name: string): string {
  return `SECRET_${name}`
}
