import { HttpClient } from '@actions/http-client'
import type { z } from 'zod'
import { jsonBody, type RequestBody } from './body.js'
import { ApiError, apiErrorFromResponse } from './errors.js'
import {
  integrationResponseSchema,
  interfaceResponseSchema,
  workspaceResponseSchema,
  type CreateBody,
  type RemoteIntegration,
  type RemoteInterface,
  type UpdateBody,
} from './integration.js'
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
    return this.expectIntegration(`Reading integration ${id} (GET ${path})`, 'GET', path)
  }

  /**
   * The version of `name` that `version` (an exact version, a semver range or
   * `latest`) finds, or undefined when Botpress says there is none.
   */
  async findIntegration(name: string, version: string): Promise<RemoteIntegration | undefined> {
    const path = `/v1/admin/integrations/${encodeURIComponent(name)}/${encodeURIComponent(version)}`
    const text = await this.callOrMissing(`Looking up ${name}@${version} (GET ${path})`, 'GET', path)
    return text === undefined ? undefined : this.parse(`Looking up ${name}@${version}`, text, integrationResponseSchema).integration
  }

  /** The workspace's handle, the prefix of its integrations' names; undefined when it has none yet. */
  async getWorkspaceHandle(workspaceId: string): Promise<string | undefined> {
    const path = `/v1/admin/workspaces/${encodeURIComponent(workspaceId)}`
    const operation = `Reading workspace ${workspaceId} (GET ${path})`
    return this.parse(operation, await this.call(operation, 'GET', path), workspaceResponseSchema).handle || undefined
  }

  async createIntegration(body: CreateBody): Promise<RemoteIntegration> {
    const path = '/v1/admin/integrations'
    return this.expectIntegration(`Creating ${body.name}@${body.version} (POST ${path})`, 'POST', path, body, this.writeHeaders())
  }

  /** Checks a create without applying it; throws what the create would. */
  async validateCreate(body: CreateBody): Promise<void> {
    const path = '/v1/admin/integrations/validate'
    await this.call(`Validating the creation of ${body.name}@${body.version} (POST ${path})`, 'POST', path, body, this.writeHeaders())
  }

  async updateIntegration(id: string, body: UpdateBody): Promise<RemoteIntegration> {
    const path = `/v1/admin/integrations/${encodeURIComponent(id)}`
    return this.expectIntegration(`Updating integration ${id} (PUT ${path})`, 'PUT', path, body, this.writeHeaders())
  }

  /** Checks an update without applying it; throws what the update would. */
  async validateUpdate(id: string, body: UpdateBody): Promise<void> {
    const path = `/v1/admin/integrations/${encodeURIComponent(id)}/validate`
    await this.call(`Validating the update of integration ${id} (PUT ${path})`, 'PUT', path, body, this.writeHeaders())
  }

  /** Asks Botpress to review a public integration version. */
  async requestVerification(id: string): Promise<void> {
    const path = '/v1/admin/integrations/request-verification'
    await this.call(`Requesting verification of integration ${id} (POST ${path})`, 'POST', path, { integrationId: id })
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

  private async expectIntegration(operation: string, method: string, path: string, body?: object, headers?: Record<string, string>): Promise<RemoteIntegration> {
    const text = await this.call(operation, method, path, body, headers)
    return this.parse(operation, text, integrationResponseSchema).integration
  }

  /** One call with retries; returns the body of the first 2xx answer. */
  private async call(operation: string, method: string, path: string, body?: object, extraHeaders: Record<string, string> = {}): Promise<string> {
    const { maxAttempts, onRetry, onResponse, sleep = defaultSleep } = this.options
    const payload = body === undefined ? null : await jsonBody(body)
    for (let attempt = 1; ; attempt++) {
      let failure: string
      let headers: Headers = {}
      try {
        const started = performance.now()
        const response = await this.send(method, path, payload, extraHeaders)
        onResponse?.(`${method} ${path} → HTTP ${response.status} in ${Math.round(performance.now() - started)} ms${payload ? ` (${payload.contentLength} bytes sent)` : ''}`)
        if (response.status >= 200 && response.status < 300) return response.text
        if (!RETRYABLE_STATUSES.has(response.status) || attempt >= maxAttempts) {
          throw apiErrorFromResponse(operation, response.status, this.scrub(response.text))
        }
        failure = `HTTP ${response.status}`
        headers = response.headers
      } catch (error) {
        if (error instanceof ApiError) throw error
        const reason = error instanceof Error ? error.message : String(error)
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

  /** One HTTP exchange, bounded by the timeout from start to last byte. */
  private async send(method: string, path: string, payload: RequestBody | null, extraHeaders: Record<string, string>): Promise<RawResponse> {
    const { baseUrl, token, workspaceId, userAgent, timeoutMs } = this.options
    const client = new HttpClient(userAgent, undefined, { socketTimeout: timeoutMs, allowRetries: false, keepAlive: false })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no complete answer within ${timeoutMs / 1000} s`)), timeoutMs)
    })
    const stream = payload?.open() ?? null
    const exchange = (async () => {
      const response = await client.request(method, `${baseUrl}${path}`, stream, {
        authorization: `Bearer ${token}`,
        'x-workspace-id': workspaceId,
        accept: 'application/json',
        ...extraHeaders,
        ...(payload !== null && { 'content-type': 'application/json', 'content-length': payload.contentLength }),
      })
      const text = await response.readBody()
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

function parseResponse<T>(operation: string, text: string, schema: z.ZodType<T>, scrub: (text: string) => string): T {
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
