import { createReadStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { FileText } from '../manifest/files.js'

/** A request body that can be sent again on a retry. */
export interface RequestBody {
  contentLength: number
  open(): Readable
}

/** The JSON string body of one chunk of text, without its quotes. */
function escapeChunk(text: string): string {
  return JSON.stringify(text).slice(1, -1)
}

// Reading as utf8 never splits a character between chunks, so escaping chunk
// by chunk gives what escaping the whole text would.
async function* escapedFile(path: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    yield escapeChunk(chunk as string)
  }
}

async function escapedLength(path: string): Promise<number> {
  let length = 0
  for await (const escaped of escapedFile(path)) length += Buffer.byteLength(escaped)
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
  for (const file of files) contentLength += 2 + (await escapedLength(file.path))
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
            for await (const escaped of escapedFile(file.path)) yield Buffer.from(escaped)
            yield Buffer.from('"')
          }
        })(),
        { objectMode: false },
      ),
  }
}
