import { HttpClient } from '@actions/http-client'
import type { z } from 'zod'
import { errorMessage } from '../base/errors.js'
import { jsonBody, type RequestBody } from './body.js'
import { checked, parseResponse, readAnswer } from './answer.js'
import { ApiError, apiErrorFromResponse } from './errors.js'
import {
  EXACT_VERSION,
  integrationResponseSchema,
  interfaceResponseSchema,
  workspaceResponseSchema,
  type CreateBody,
  type RemoteIntegration,
  type RemoteInterface,
  type UpdateBody,
} from '../botpress/integration.js'
import { RETRYABLE_STATUSES, retryDelay, type Headers } from './retry.js'

export interface ClientOptions {
  baseUrl: string
  token: string
  workspaceId: string
  userAgent: string
  timeoutMs: number
  maxAttempts: number
  /** Sends `x-bypass-breaking-changes-detection: true` on writes, as `bp deploy --bypassBreakingChangeDetection`. */
  bypassBreakingChanges?: boolean
  /** Told of each retry, so that the log says why the step is waiting. */
  onRetry?: (message: string) => void
  /** Told of each answer (method, path, status, time), for debug logs. */
  onResponse?: (message: string) => void
  /** Removes secret values from an answer before any of it is quoted, and before it is cut short. */
  scrub?: (text: string) => string
  sleep?: (ms: number) => Promise<void>
}

interface RawResponse {
  status: number
  headers: Headers
  text: string
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The few calls of the Botpress admin API this action makes. */
export class BotpressClient {
  constructor(private readonly options: ClientOptions) {}

  async getIntegration(id: string): Promise<RemoteIntegration> {
    const path = `/v1/admin/integrations/${encodeURIComponent(id)}`
    return this.expectIntegration(`Reading integration ${id} (GET ${path})`, 'GET', path, { id })
  }

  /**
   * The version of `name` that `version` (an exact version, a semver range or
   * `latest`) finds, or undefined when Botpress says there is none.
   */
  async findIntegration(name: string, version: string): Promise<RemoteIntegration | undefined> {
    const path = `/v1/admin/integrations/${encodeURIComponent(name)}/${encodeURIComponent(version)}`
    const operation = `Looking up ${name}@${version} (GET ${path})`
    const text = await this.callOrMissing(operation, 'GET', path)
    if (text === undefined) return undefined
    // A range (`<1.5.0`, `latest`) may find any version; an exact one only itself.
    const expected = EXACT_VERSION.test(version) ? { name, version } : { name }
    return checked(operation, this.parse(operation, text, integrationResponseSchema).integration, expected)
  }

  /** The workspace's handle, the prefix of its integrations' names; undefined when it has none yet. */
  async getWorkspaceHandle(workspaceId: string): Promise<string | undefined> {
    const path = `/v1/admin/workspaces/${encodeURIComponent(workspaceId)}`
    const operation = `Reading workspace ${workspaceId} (GET ${path})`
    return this.parse(operation, await this.call(operation, 'GET', path), workspaceResponseSchema).handle || undefined
  }

  async createIntegration(body: CreateBody): Promise<RemoteIntegration> {
    const path = '/v1/admin/integrations'
    return this.expectIntegration(
      `Creating ${body.name}@${body.version} (POST ${path})`,
      'POST',
      path,
      { name: body.name, version: body.version },
      body,
      this.writeHeaders(),
    )
  }

  /** Checks a create without applying it; throws what the create would. */
  async validateCreate(body: CreateBody): Promise<void> {
    const path = '/v1/admin/integrations/validate'
    await this.call(`Validating the creation of ${body.name}@${body.version} (POST ${path})`, 'POST', path, body, this.writeHeaders())
  }

  /** Updates the version `target` (an update changes neither its name nor its version: an answer with others is refused). */
  async updateIntegration(target: Pick<RemoteIntegration, 'id' | 'name' | 'version'>, body: UpdateBody): Promise<RemoteIntegration> {
    const { id, name, version } = target
    const path = `/v1/admin/integrations/${encodeURIComponent(id)}`
    return this.expectIntegration(`Updating integration ${id} (PUT ${path})`, 'PUT', path, { id, name, version }, body, this.writeHeaders())
  }

  /** Checks an update without applying it; throws what the update would. */
  async validateUpdate(id: string, body: UpdateBody): Promise<void> {
    const path = `/v1/admin/integrations/${encodeURIComponent(id)}/validate`
    await this.call(`Validating the update of integration ${id} (PUT ${path})`, 'PUT', path, body, this.writeHeaders())
  }

  /**
   * Asks Botpress to review a public integration version. Never twice: after
   * a failure that Botpress may have applied anyway (a late answer, a dropped
   * connection, a 5xx), the status is read before the request is made again.
   */
  async requestVerification(id: string): Promise<void> {
    const path = '/v1/admin/integrations/request-verification'
    const operation = `Requesting verification of integration ${id} (POST ${path})`
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call(operation, 'POST', path, { integrationId: id }, {}, 1)
        return
      } catch (error) {
        const refused = error instanceof ApiError && error.status !== undefined && !RETRYABLE_STATUSES.has(error.status)
        if (refused || attempt >= this.options.maxAttempts) throw error
        // A request that timed out may still be on its way: give it the backoff's time, then look.
        await (this.options.sleep ?? defaultSleep)(retryDelay(attempt))
        const { verificationStatus } = await this.getIntegration(id)
        if (verificationStatus !== 'unapproved') return
        this.options.onRetry?.(`${operation}: ${errorMessage(error)}; the status is still unapproved, so it is asked again`)
      }
    }
  }

  /** An interface version of this workspace (`hub: false`) or a public one (`hub: true`); undefined when none. */
  async findInterface(name: string, version: string, hub: boolean): Promise<RemoteInterface | undefined> {
    const path = `/v1/admin/${hub ? 'hub/' : ''}interfaces/${encodeURIComponent(name)}/${encodeURIComponent(version)}`
    const operation = `Looking up interface ${name}@${version} (GET ${path})`
    const text = await this.callOrMissing(operation, 'GET', path)
    return text === undefined ? undefined : this.parse(operation, text, interfaceResponseSchema).interface
  }

  private parse<T>(operation: string, text: string, schema: z.ZodType<T>): T {
    return parseResponse(operation, text, schema, (raw) => this.scrub(raw))
  }

  private scrub(text: string): string {
    return this.options.scrub ? this.options.scrub(text) : text
  }

  private writeHeaders(): Record<string, string> {
    return this.options.bypassBreakingChanges ? { 'x-bypass-breaking-changes-detection': 'true' } : {}
  }

  /** Like call, but Botpress's ResourceNotFound is an answer (undefined), not a failure. */
  private async callOrMissing(operation: string, method: string, path: string): Promise<string | undefined> {
    try {
      return await this.call(operation, method, path)
    } catch (error) {
      // Only Botpress's own "not found": a proxy's 404 page means a wrong api-url, not a missing version.
      if (error instanceof ApiError && error.status === 404 && error.type === 'ResourceNotFound') return undefined
      throw error
    }
  }

  /** An integration from the answer, which must be the one asked for: never another's id, name or version. */
  private async expectIntegration(
    operation: string,
    method: string,
    path: string,
    expected: Partial<Pick<RemoteIntegration, 'id' | 'name' | 'version'>>,
    body?: object,
    headers?: Record<string, string>,
  ): Promise<RemoteIntegration> {
    const text = await this.call(operation, method, path, body, headers)
    return checked(operation, this.parse(operation, text, integrationResponseSchema).integration, expected)
  }

  /**
   * One call with retries; returns the body of the first 2xx answer. A
   * redirect is followed only to the API's own origin (the body sent again),
   * never elsewhere: the token goes with every request.
   */
  private async call(
    operation: string,
    method: string,
    path: string,
    body?: object,
    extraHeaders: Record<string, string> = {},
    maxAttempts: number = this.options.maxAttempts,
  ): Promise<string> {
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
          throw apiErrorFromResponse(operation, response.status, this.scrub(response.text))
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
