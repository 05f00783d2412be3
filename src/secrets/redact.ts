/**
 * The one length rule for secret values: below it a value (or a line of one)
 * cannot be scrubbed or masked without blanking ordinary words. The resolver
 * refuses shorter values, the scrubber and the masks skip shorter ones.
 */
export const MIN_SECRET_LENGTH = 6

/** Whether a value (or one line of a value) is long enough to be scrubbed and masked. */
export function isScrubbable(value: string): boolean {
  return value.length >= MIN_SECRET_LENGTH
}

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

const hex2 = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0')
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())

/** The shapes of one form of a secret: as it is, and each encoding that text leaving the action may hold it in. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret)
  // JSON, with `/` as `\\/` or not, and what is not ASCII as `\\uXXXX` (either hex case) or not.
  const json = JSON.stringify(secret).slice(1, -1)
  const jsons = [json, json.replace(/\//g, '\\/')].flatMap((text) => {
    const ascii = text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    return [text, ascii, ascii.replace(/\\u([0-9a-f]{4})/g, (_escape, code: string) => `\\u${code.toUpperCase()}`)]
  })
  const percent = encodeURIComponent(secret)
  // RFC 3986 reserves !'()* too; some encoders escape them.
  const strict = percent.replace(/[!'()*]/g, (char) => `%${hex2(char.charCodeAt(0))}`)
  const every = [...bytes].map((byte) => `%${hex2(byte)}`).join('')
  const hex = bytes.toString('hex')
  const html = secret.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!)
  const codePoints = [...secret].map((char) => char.codePointAt(0)!)
  return [
    secret,
    ...jsons,
    ...[percent, strict, every].flatMap((encoded) => [encoded, lowerHex(encoded), encoded.replace(/%20/g, '+')]),
    // Encoded twice: every `%` of the once-encoded text becomes `%25`.
    encodeURIComponent(percent),
    encodeURIComponent(strict),
    hex,
    hex.toUpperCase(),
    html,
    html.replace(/&#39;/g, '&apos;'),
    codePoints.map((code) => `&#${code};`).join(''),
    codePoints.map((code) => `&#x${code.toString(16)};`).join(''),
    codePoints.map((code) => `&#x${code.toString(16).toUpperCase()};`).join(''),
    ...base64Cores(secret),
  ]
}

/**
 * Every shape a secret takes in text that left the action: as it is, and its
 * Unicode NFC and NFD forms, each JSON-escaped (`\uXXXX` and `\/` too),
 * percent-encoded (either hex case, RFC 3986's extra reserved characters,
 * every byte, twice), in hex, as HTML entities, and in base64 at any alignment.
 */
export function secretShapes(secret: string): string[] {
  const forms = new Set([secret, secret.normalize('NFC'), secret.normalize('NFD')])
  return [...new Set([...forms].flatMap(encodings))]
}

/**
 * `text` with every occurrence of `shapes` that a line break cuts in two
 * (a value wrapped at a line length, base64 wrapped at 76 columns) replaced
 * whole, line breaks included.
 */
function scrubAcrossLines(text: string, shapes: readonly string[]): string {
  if (!/[\r\n]/.test(text)) return text
  const at: number[] = []
  const parts: string[] = []
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\r' || char === '\n') continue
    at.push(i)
    parts.push(char)
  }
  const flat = parts.join('')
  const ranges: Array<[number, number]> = []
  for (const shape of shapes) {
    for (let found = flat.indexOf(shape); found !== -1; found = flat.indexOf(shape, found + shape.length)) {
      ranges.push([at[found]!, at[found + shape.length - 1]! + 1])
    }
  }
  if (!ranges.length) return text
  ranges.sort((a, b) => a[0] - b[0])
  let result = ''
  let from = 0
  for (const [start, end] of ranges) {
    if (end <= from) continue
    result += `${text.slice(from, Math.max(from, start))}***`
    from = end
  }
  return result + text.slice(from)
}

/**
 * A function that replaces every secret value in text (error messages,
 * summaries, comments, outputs) in each of its shapes, also where a line break
 * cuts one; the shapes are worked out once. Values shorter than
 * MIN_SECRET_LENGTH are left: the run refuses secrets that short, and no token is.
 */
export function scrubberFor(secrets: readonly string[]): (text: string) => string {
  const shapes = [...new Set(secrets.filter(isScrubbable).flatMap(secretShapes))].sort((a, b) => b.length - a.length)
  return (text) => {
    const whole = shapes.reduce((result, shape) => (result.includes(shape) ? result.split(shape).join('***') : result), text)
    return scrubAcrossLines(whole, shapes)
  }
}

/** `text` with every secret value replaced, in each of its shapes (see scrubberFor). */
export function redact(text: string, secrets: readonly string[]): string {
  return scrubberFor(secrets)(text)
}
