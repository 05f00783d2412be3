import { isUtf8 } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { FileText } from '../manifest/files.js'
import { Utf8Error, invalidUtf8Offset } from '../manifest/utf8.js'

/** A request body that can be sent again on a retry. */
export interface RequestBody {
  contentLength: number
  open(): Readable
}

const CHUNK_BYTES = 1 << 16
const READ_BYTES = 1 << 20

/**
 * The JSON string of `bytes` (UTF-8), quotes included, as Latin-1 text: one
 * character per byte. JSON.stringify escapes only `"`, `\` and U+0000–U+001F
 * (and lone surrogates, which Latin-1 text cannot hold), all ASCII, so escaping
 * the bytes read as Latin-1 and writing the result back as Latin-1 gives the
 * escaped UTF-8 of the same text, without decoding it.
 */
function escapedLatin1(bytes: Buffer): string {
  return JSON.stringify(bytes.toString('latin1'))
}

/** How many bytes at the start of `bytes` are whole UTF-8 characters: a character cut at the end waits for the next chunk. */
function wholeCharacters(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const byte = bytes[i]!
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: look further back for the lead
    const length = byte < 0xc0 ? 1 : byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4
    return i + length > bytes.length ? i : bytes.length
  }
  return bytes.length
}

// Chunks hold whole characters and each is checked before it is given out: bytes
// that are not UTF-8 stop the body (replacing them would deploy corrupted code).
async function* utf8Chunks(file: FileText): AsyncGenerator<Buffer> {
  let offset = 0
  let carried: Buffer = Buffer.alloc(0)
  // Read in large pieces (each read is a trip to Node's thread pool), escaped in small ones (which JSON.stringify does fastest).
  for await (const read of createReadStream(file.path, { highWaterMark: READ_BYTES })) {
    for (let start = 0; start < (read as Buffer).length; start += CHUNK_BYTES) {
      const chunk = (read as Buffer).subarray(start, start + CHUNK_BYTES)
      const bytes = carried.length ? Buffer.concat([carried, chunk]) : chunk
      const whole = bytes.subarray(0, wholeCharacters(bytes))
      if (!isUtf8(whole)) throw new Utf8Error(file.shown, offset + invalidUtf8Offset(whole))
      offset += whole.length
      carried = bytes.subarray(whole.length)
      yield whole
    }
  }
  if (carried.length) throw new Utf8Error(file.shown, offset)
}

async function escapedLength(file: FileText): Promise<number> {
  let length = 0
  for await (const bytes of utf8Chunks(file)) length += escapedLatin1(bytes).length - 2
  return length
}

/**
 * Serialises `value` as JSON, streaming each FileText in it from disk. The
 * length is computed first (a second read of each file, from the page cache),
 * since some gateways refuse chunked request bodies.
 */
export async function jsonBody(value: unknown): Promise<RequestBody> {
  const files: FileText[] = []
  const nonce = randomBytes(8).toString('hex')
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof FileText)) return item
    files.push(item)
    return `${nonce}:${files.length - 1}`
  })
  const parts = files.length ? text.split(new RegExp(`"${nonce}:\\d+"`)) : [text]
  let contentLength = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0)
  // Counting reads every byte, so a file that is not UTF-8 is refused here, before any request.
  for (const file of files) contentLength += 2 + (await escapedLength(file))
  return {
    contentLength,
    open: () =>
      Readable.from(
        (async function* () {
          for (const [index, part] of parts.entries()) {
            yield Buffer.from(part)
            const file = files[index]
            if (!file) continue
            yield Buffer.from('"')
            for await (const bytes of utf8Chunks(file)) {
              const escaped = Buffer.from(escapedLatin1(bytes), 'latin1')
              yield escaped.subarray(1, escaped.length - 1)
            }
            yield Buffer.from('"')
          }
        })(),
        { objectMode: false },
      ),
  }
}
