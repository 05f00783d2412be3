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

/** The JSON string body of one chunk of text, without its quotes. */
function escapeChunk(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}

// A streaming decoder never splits a character between chunks, so escaping
// chunk by chunk gives what escaping the whole text would. It is fatal: bytes
// that are not UTF-8 stop the body (replacing them would deploy corrupted code).
async function* escapedFile(file: FileText): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let offset = 0
  let tail: Buffer = Buffer.alloc(0)
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 16 })) {
    const bytes = chunk as Buffer
    let text: string
    try {
      text = decoder.decode(bytes, { stream: true })
    } catch {
      // The bad byte may be in the few kept back from the chunk before.
      throw new Utf8Error(file.shown, offset - tail.length + Math.max(0, invalidUtf8Offset(Buffer.concat([tail, bytes]))))
    }
    offset += bytes.length
    tail = bytes.subarray(Math.max(0, bytes.length - 3))
    yield escapeChunk(text)
  }
  try {
    yield escapeChunk(decoder.decode())
  } catch {
    throw new Utf8Error(file.shown, offset - tail.length + Math.max(0, invalidUtf8Offset(tail)))
  }
}

async function escapedLength(file: FileText): Promise<number> {
  let length = 0
  for await (const escaped of escapedFile(file)) length += Buffer.byteLength(escaped)
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
            for await (const escaped of escapedFile(file)) yield Buffer.from(escaped)
            yield Buffer.from('"')
          }
        })(),
        { objectMode: false },
      ),
  }
}
