import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import { ApiError } from './errors.js'
import type { RemoteIntegration } from '../botpress/integration.js'

// What comes back from Botpress: read whole and bounded, parsed, and checked
// to be about what was asked.

const MAX_ANSWER_BYTES = 32 * 1024 * 1024

/**
 * The whole answer body. A connection that closes before the end is an error
 * at once (to be retried), not a wait for the timeout; an answer larger than
 * MAX_ANSWER_BYTES is refused.
 */
export function readAnswer(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    message.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length > MAX_ANSWER_BYTES) {
        message.destroy()
        reject(Object.assign(new Error(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; not read further`), { code: 'ERR_ANSWER_TOO_LARGE' }))
        return
      }
      chunks.push(chunk)
    })
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', reject)
    message.on('close', () => {
      if (!message.complete) reject(new Error('the connection closed before the whole answer came (ECONNRESET)'))
    })
  })
}

export function parseResponse<T>(operation: string, text: string, schema: z.ZodType<T>, scrub: (text: string) => string): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError(`${operation} answered with something that is not JSON: ${scrub(text).slice(0, 200)}`)
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new ApiError(`${operation} answered with an unexpected body; nothing was written as outputs.\n  ${issues.join('\n  ')}`)
  }
  return result.data
}

/** The integration of an answer, which must be the one asked for: never another's id, name or version. */
export function checked(
  operation: string,
  integration: RemoteIntegration,
  expected: Partial<Pick<RemoteIntegration, 'id' | 'name' | 'version'>>,
): RemoteIntegration {
  const wrong = (Object.keys(expected) as Array<keyof typeof expected>).filter((key) => integration[key] !== expected[key])
  if (wrong.length) {
    throw new ApiError(
      `${operation} answered with another integration (${integration.name}@${integration.version}, ${integration.id}); nothing was written from it. Check \`api-url\`.`,
    )
  }
  return integration
}
