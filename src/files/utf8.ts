import { isUtf8 } from 'node:buffer'

/** The offset of the first byte that is not valid UTF-8, or -1 when all of it is. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const first = bytes[i]!
    const length = first < 0x80 ? 1 : first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0
    if (length === 0 || i + length > bytes.length) return i
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i
    // Overlong three- and four-byte forms, surrogates, and code points past U+10FFFF.
    const second = bytes[i + 1]!
    if ((first === 0xe0 && second < 0xa0) || (first === 0xed && second > 0x9f) || (first === 0xf0 && second < 0x90) || (first === 0xf4 && second > 0x8f))
      return i
    i += length
  }
  return -1
}

/**
 * Throws an error naming `shown` and the byte offset where `bytes` (which
 * stand at `start` in it) stop being UTF-8. Node's own check is native; the
 * offset is worked out only for bytes that fail it.
 */
export function checkUtf8(bytes: Uint8Array, shown: string, start = 0): void {
  if (!isUtf8(bytes)) throw new Utf8Error(shown, start + invalidUtf8Offset(bytes))
}

/** The text of `bytes`, or an error naming `shown` and the byte offset where it stops being UTF-8. */
export function decodeUtf8(bytes: Uint8Array, shown: string): string {
  checkUtf8(bytes, shown)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

export class Utf8Error extends Error {
  override readonly name = 'Utf8Error'
  constructor(
    readonly file: string,
    readonly offset: number,
  ) {
    super(`${file} is not valid UTF-8 at byte ${offset}: save it as UTF-8 (nothing is sent with replaced characters)`)
  }
}
