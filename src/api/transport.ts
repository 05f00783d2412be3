import { HttpClient } from '@actions/http-client'
import type { z } from 'zod'
import { errorMessage } from '../base/errors.js'
import { jsonBody, type RequestBody } from './body.js'
import { parseResponse, readAnswer } from './answer.js'
import { ApiError, apiErrorFromResponse } from './errors.js'
import { RETRYABLE_STATUSES, retryDelay, type Headers } from './retry.js'

/** How requests reach Botpress, whatever they ask: credentials, limits, and who is told what. */
export interface TransportOptions {
  baseUrl: string
  token: string
  workspaceId: string
  userAgent: string
  timeoutMs: number
  maxAttempts: number
  /** Told of each retry, so that the log says why the step is waiting. */
  onRetry?: (message: string) => void
  /** Told of each answer (method, path, status, time), for debug logs. */
  onResponse?: (message: string) => void
  /** Removes secret values from an answer before any of it is quoted, and before it is cut short. */
  scrub?: (text: string) => string
  sleep?: (ms: number) => Promise<void>
}

/** One request: `operation` says what it does in people's words, for every message about it. */
export interface Call {
  operation: string
  method: string
  path: string
  body?: object
  headers?: Record<string, string>
  /** At most this many attempts; the transport's `maxAttempts` otherwise. */
  maxAttempts?: number
  /** What to do about a refusal, by status, where this call knows better than the usual causes (errors.ts). */
  advice?: Partial<Record<number, string>>
}

interface RawResponse {
  status: number
  headers: Headers
  text: string
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Requests to the Botpress API and nothing about any endpoint: each bounded
 * by the timeout from start to last byte, retried on 429, 5xx and network
 * failures with backoff, redirected only on the API's own origin, and every
 * answer scrubbed before any of it is quoted.
 */
export class Transport {
  constructor(readonly options: TransportOptions) {}

  parse<T>(operation: string, text: string, schema: z.ZodType<T>): T {
    return parseResponse(operation, text, schema, (raw) => this.scrub(raw))
  }

  scrub(text: string): string {
    return this.options.scrub ? this.options.scrub(text) : text
  }

  /** Like call, but Botpress's ResourceNotFound is an answer (undefined), not a failure. */
  async callOrMissing(request: Call): Promise<string | undefined> {
    try {
      return await this.call(request)
    } catch (error) {
      // Only Botpress's own "not found": a proxy's 404 page means a wrong api-url, not a missing version.
      if (error instanceof ApiError && error.status === 404 && error.type === 'ResourceNotFound') return undefined
      throw error
    }
  }

  /**
   * One call with retries; returns the body of the first 2xx answer. A
   * redirect is followed only to the API's own origin (the body sent again),
   * never elsewhere: the token goes with every request.
   */
  async call(request: Call): Promise<string> {
    const { operation, method, path, body, headers: extraHeaders = {}, maxAttempts = this.options.maxAttempts } = request
    const { baseUrl, onRetry, onResponse, sleep = defaultSleep } = this.options
    const payload = body === undefined ? null : await jsonBody(body)
    let url = `${baseUrl}${path}`
    let redirects = 0
    for (let attempt = 1; ; attempt++) {
      let failure: string
      let headers: Headers = {}
      try {
        const started = performance.now()
        const response = await this.send(method, url, payload, extraHeaders)
        onResponse?.(
          `${method} ${path} → HTTP ${response.status} in ${Math.round(performance.now() - started)} ms${payload ? ` (${payload.contentLength} bytes sent)` : ''}`,
        )
        if (response.status >= 200 && response.status < 300) return response.text
        if (response.status >= 300 && response.status < 400) {
          url = this.redirectTarget(operation, url, response, ++redirects)
          attempt--
          continue
        }
        if (!RETRYABLE_STATUSES.has(response.status) || attempt >= maxAttempts) {
          throw apiErrorFromResponse(operation, response.status, this.scrub(response.text), request.advice)
        }
        failure = `HTTP ${response.status}`
        headers = response.headers
      } catch (error) {
        if (error instanceof ApiError) throw error
        const reason = errorMessage(error)
        // Node refuses a bad header value or URL the same way every time.
        if (NOT_RETRIED.has((error as NodeJS.ErrnoException).code ?? '')) throw new ApiError(`${operation} failed: ${reason}`)
        if (attempt >= maxAttempts) {
          throw new ApiError(`${operation} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`)
        }
        failure = reason
      }
      const delay = retryDelay(attempt, headers)
      onRetry?.(`${operation}: ${failure} (attempt ${attempt} of ${maxAttempts}); retrying in ${(delay / 1000).toFixed(1)} s`)
      await sleep(delay)
    }
  }

  private redirectTarget(operation: string, from: string, response: RawResponse, count: number): string {
    const location = [response.headers.location].flat()[0]
    let target: URL | undefined
    try {
      target = location ? new URL(location, from) : undefined
    } catch {
      target = undefined
    }
    const origin = new URL(this.options.baseUrl).origin
    if (!target || target.origin !== origin || count > MAX_REDIRECTS) {
      const where = target
        ? target.origin === origin
          ? `more than ${MAX_REDIRECTS} redirects`
          : `a redirect to ${target.origin}`
        : 'a redirect without a usable Location'
      throw new ApiError(`${operation} answered with ${where}; not followed, since the token goes with every request. Check \`api-url\`.`, {
        status: response.status,
      })
    }
    return target.href
  }

  /** One HTTP exchange, bounded by the timeout from start to last byte, and the answer by its size. */
  private async send(method: string, url: string, payload: RequestBody | null, extraHeaders: Record<string, string>): Promise<RawResponse> {
    const { token, workspaceId, userAgent, timeoutMs } = this.options
    const client = new HttpClient(userAgent, undefined, { socketTimeout: timeoutMs, allowRetries: false, allowRedirects: false, keepAlive: false })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no complete answer within ${timeoutMs / 1000} s`)), timeoutMs)
    })
    const stream = payload?.open() ?? null
    const exchange = (async () => {
      const response = await client.request(method, url, stream, {
        authorization: `Bearer ${token}`,
        'x-workspace-id': workspaceId,
        accept: 'application/json',
        ...extraHeaders,
        ...(payload !== null && { 'content-type': 'application/json', 'content-length': payload.contentLength }),
      })
      const text = await readAnswer(response.message)
      return { status: response.message.statusCode ?? 0, headers: response.message.headers, text }
    })()
    try {
      return await Promise.race([exchange, timeout])
    } finally {
      clearTimeout(timer)
      // The client's own agent: destroying it closes the socket of a request
      // that timed out, which would otherwise keep the step alive until the
      // server finishes. The body stream closes the file it reads.
      client.dispose()
      stream?.destroy()
      exchange.catch(() => undefined)
    }
  }
}

const MAX_REDIRECTS = 3
const NOT_RETRIED = new Set([
  'ERR_ANSWER_TOO_LARGE',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_URL',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_INVALID_PROTOCOL',
])
