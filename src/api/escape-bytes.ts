// JSON string escaping done on UTF-8 bytes, never decoding them. JSON.stringify
// escapes only `"`, `\` and U+0000–U+001F (and lone surrogates, which valid
// UTF-8 cannot hold), all ASCII: every other byte, those of multi-byte
// characters included, is written as it is.

/**
 * The JSON string of `bytes` (checked UTF-8), quotes included, as Latin-1
 * text: one character per byte. Written back as Latin-1, it is the escaped
 * UTF-8 of the same text.
 */
export function escapedLatin1(bytes: Buffer): string {
  return JSON.stringify(bytes.toString('latin1'))
}

// What escaping adds to each byte: `\"`, `\\`, `\b` `\t` `\n` `\f` `\r` add one; other control characters become `\u00XX`, five more.
const ADDED = new Uint8Array(256)
for (let byte = 0; byte < 0x20; byte++) ADDED[byte] = 5
for (const byte of [0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x22, 0x5c]) ADDED[byte] = 1

const ONES = 0x01010101
const HIGHS = 0x80808080

/**
 * The length of escapedLatin1(bytes) without its quotes, without building it:
 * about twice as fast. Four bytes at a time, a word is looked into only when
 * one of its bytes is below 0x20, a quote or a backslash (tests on whole words,
 * exact for "some byte is": see "Determine if a word has a byte less than n" in
 * Sean Eron Anderson's Bit Twiddling Hacks).
 */
export function escapedLength(bytes: Uint8Array): number {
  let added = 0
  let i = 0
  while (i < bytes.length && (bytes.byteOffset + i) % 4) added += ADDED[bytes[i++]!]!
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (bytes.length - i) >>> 2)
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!
    const quote = word ^ 0x22222222
    const backslash = word ^ 0x5c5c5c5c
    const special = ((word - 0x20 * ONES) & ~word) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
    if ((special & HIGHS) === 0) continue
    const at = i + 4 * k
    added += ADDED[bytes[at]!]! + ADDED[bytes[at + 1]!]! + ADDED[bytes[at + 2]!]! + ADDED[bytes[at + 3]!]!
  }
  for (i += 4 * words.length; i < bytes.length; i++) added += ADDED[bytes[i]!]!
  return bytes.length + added
}

/** How many bytes at the start of `bytes` are whole UTF-8 characters: a character cut at the end waits for the next chunk. */
export function wholeCharacters(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const byte = bytes[i]!
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: look further back for the lead
    const length = byte < 0xc0 ? 1 : byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4
    return i + length > bytes.length ? i : bytes.length
  }
  return bytes.length
}
