/** The shortest stretch of a secret's base64 worth scrubbing: shorter ones match by chance. */
const MIN_BASE64_CORE = 8

/**
 * The stretches of `secret`'s base64 that do not depend on what surrounds it:
 * one for each of the three alignments the secret can have in a longer
 * encoded text, in the standard and the URL-safe alphabets.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret)
  const cores: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const start = Math.ceil((offset * 8) / 6)
    const end = Math.floor(((offset + bytes.length) * 8) / 6)
    const core = encoded.slice(start, end)
    if (core.length >= MIN_BASE64_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return cores
}

/** Every shape a secret takes in text that left the action: as it is, JSON-escaped, URL-encoded, base64. */
export function secretShapes(secret: string): string[] {
  const shapes = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    ...base64Cores(secret),
  ])
  return [...shapes]
}

/**
 * A function that replaces every secret value in text (error messages,
 * summaries, comments, outputs) in each of its shapes; the shapes are worked
 * out once. Values shorter than 3 characters are left: the run refuses secrets
 * that short (secrets/resolve.ts), and the token never is.
 */
export function scrubberFor(secrets: readonly string[]): (text: string) => string {
  const shapes = secrets
    .filter((secret) => secret.length >= 3)
    .flatMap(secretShapes)
    .sort((a, b) => b.length - a.length)
  return (text) => shapes.reduce((result, shape) => (result.includes(shape) ? result.split(shape).join('***') : result), text)
}

/** `text` with every secret value replaced, in each of its shapes (see scrubberFor). */
export function redact(text: string, secrets: readonly string[]): string {
  return scrubberFor(secrets)(text)
}
