/** Statuses worth another attempt: rate limits and server-side failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

export const BACKOFF_BASE_MS = 1000
export const BACKOFF_CAP_MS = 30_000
/** The longest a server's own Retry-After or RateLimit-Reset is waited for. */
export const SERVER_DELAY_CAP_MS = 120_000

export type Headers = Record<string, string | string[] | undefined>

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Exponential backoff with jitter for the n-th retry (1-based): the delay
 * doubles each time up to the cap, and is drawn from its upper half so that
 * many runners failing together do not retry together.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * What the server asked for: `Retry-After` in seconds or as an HTTP date, else
 * `RateLimit-Reset` in seconds (or, when it is that large, a Unix time).
 */
export function serverDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return clampServerDelay(Number(retryAfter) * 1000)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return clampServerDelay(date - now)
  }
  const reset = header(headers, 'ratelimit-reset')?.trim()
  if (reset && /^\d+$/.test(reset)) {
    const seconds = Number(reset)
    return clampServerDelay(seconds > 1_000_000_000 ? seconds * 1000 - now : seconds * 1000)
  }
  return undefined
}

function clampServerDelay(ms: number): number {
  return Math.min(SERVER_DELAY_CAP_MS, Math.max(0, Math.round(ms)))
}

/** How long to wait before the n-th retry: the server's word first. */
export function retryDelay(retry: number, headers: Headers = {}, now?: number, random?: () => number): number {
  return serverDelay(headers, now) ?? backoffDelay(retry, random)
}
