import { open } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { FileText } from '../files/file-text.js'
import { Utf8Error, checkUtf8 } from '../files/utf8.js'
import { escapedLatin1, escapedLength, wholeCharacters } from './escape-bytes.js'

/** A request body that can be sent again on a retry. */
export interface RequestBody {
  contentLength: number
  open(): Readable
}

const CHUNK_BYTES = 1 << 16
const READ_BYTES = 1 << 20

// Chunks hold whole characters and each is checked before it is given out: bytes
// that are not UTF-8 stop the body (replacing them would deploy corrupted code).
// The file is read a MiB at a time (each read is a trip to Node's thread pool)
// into one buffer, reused: each chunk is done with before the next is asked for.
// Chunks are 64 KiB, the size JSON.stringify escapes fastest.
async function* utf8Chunks(file: FileText): AsyncGenerator<Buffer> {
  const handle = await open(file.path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES)
    let offset = 0 // of the buffer's first byte in the file
    let carried = 0 // bytes of a character cut by the last read, moved to the buffer's start
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, READ_BYTES - carried, null)
      if (bytesRead === 0) {
        if (carried) throw new Utf8Error(file.shown, offset)
        return
      }
      const end = carried + bytesRead
      const whole = wholeCharacters(buffer.subarray(0, end))
      for (let start = 0; start < whole;) {
        const piece = buffer.subarray(start, Math.min(whole, start + CHUNK_BYTES))
        const chunk = piece.subarray(0, wholeCharacters(piece) || piece.length)
        checkUtf8(chunk, file.shown, offset + start)
        yield chunk
        start += chunk.length
      }
      buffer.copyWithin(0, whole, end)
      offset += whole
      carried = end - whole
    }
  } finally {
    await handle.close()
  }
}

async function escapedFileLength(file: FileText): Promise<number> {
  let length = 0
  for await (const bytes of utf8Chunks(file)) length += escapedLength(bytes)
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
  for (const file of files) contentLength += 2 + (await escapedFileLength(file))
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
