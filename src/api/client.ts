import { errorMessage } from '../base/errors.js'
import { checked } from './answer.js'
import { ApiError } from './errors.js'
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
import { RETRYABLE_STATUSES, retryDelay } from './retry.js'
import { defaultSleep, Transport, type TransportOptions } from './transport.js'

export interface ClientOptions extends TransportOptions {
  /** Sends `x-bypass-breaking-changes-detection: true` on writes, as `bp deploy --bypassBreakingChangeDetection`. */
  bypassBreakingChanges?: boolean
}

/** The few calls of the Botpress admin API this action makes. */
export class BotpressClient {
  private readonly transport: Transport

  constructor(private readonly options: ClientOptions) {
    this.transport = new Transport(options)
  }

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
    const text = await this.transport.callOrMissing({ operation, method: 'GET', path })
    if (text === undefined) return undefined
    // A range (`<1.5.0`, `latest`) may find any version; an exact one only itself.
    const expected = EXACT_VERSION.test(version) ? { name, version } : { name }
    return checked(operation, this.transport.parse(operation, text, integrationResponseSchema).integration, expected)
  }

  /** The workspace's handle, the prefix of its integrations' names; undefined when it has none yet. */
  async getWorkspaceHandle(workspaceId: string): Promise<string | undefined> {
    const path = `/v1/admin/workspaces/${encodeURIComponent(workspaceId)}`
    const operation = `Reading workspace ${workspaceId} (GET ${path})`
    const advice = {
      403: `The token's user may not read workspace ${workspaceId}: check that \`workspace-id\` is the workspace that owns the integration (wkspace_… in the dashboard's URL) and that the token's user is a member of it.`,
      404: `Botpress has no workspace ${workspaceId} that the token's user can see: check \`workspace-id\` (wkspace_… in the dashboard's URL), and that the token belongs to a member of that workspace.`,
    }
    const text = await this.transport.call({ operation, method: 'GET', path, advice })
    return this.transport.parse(operation, text, workspaceResponseSchema).handle || undefined
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
    await this.transport.call({
      operation: `Validating the creation of ${body.name}@${body.version} (POST ${path})`,
      method: 'POST',
      path,
      body,
      headers: this.writeHeaders(),
    })
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
    await this.transport.call({
      operation: `Validating the update of integration ${id} (PUT ${path})`,
      method: 'PUT',
      path,
      body,
      headers: this.writeHeaders(),
    })
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
        await this.transport.call({ operation, method: 'POST', path, body: { integrationId: id }, maxAttempts: 1 })
        return
      } catch (error) {
        const refused = error instanceof ApiError && error.status !== undefined && !RETRYABLE_STATUSES.has(error.status)
        if (refused || attempt >= this.options.maxAttempts) throw error
        // A request that timed out may still be on its way: give it the backoff's time, then look.
        await (this.options.sleep ?? defaultSleep)(retryDelay(attempt))
        const { verificationStatus } = await this.getIntegration(id)
        if (verificationStatus !== 'unapproved') return
        // The error names the operation already: its first line is the reason.
        const reason = errorMessage(error).split('\n')[0]
        this.options.onRetry?.(`${reason} (attempt ${attempt} of ${this.options.maxAttempts}); the status is still unapproved, so it is asked again`)
      }
    }
  }

  /** An interface version of this workspace (`hub: false`) or a public one (`hub: true`); undefined when none. */
  async findInterface(name: string, version: string, hub: boolean): Promise<RemoteInterface | undefined> {
    const path = `/v1/admin/${hub ? 'hub/' : ''}interfaces/${encodeURIComponent(name)}/${encodeURIComponent(version)}`
    const operation = `Looking up interface ${name}@${version} (GET ${path})`
    const text = await this.transport.callOrMissing({ operation, method: 'GET', path })
    return text === undefined ? undefined : this.transport.parse(operation, text, interfaceResponseSchema).interface
  }

  private writeHeaders(): Record<string, string> {
    return this.options.bypassBreakingChanges ? { 'x-bypass-breaking-changes-detection': 'true' } : {}
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
    const text = await this.transport.call({ operation, method, path, ...(body && { body }), ...(headers && { headers }) })
    return checked(operation, this.transport.parse(operation, text, integrationResponseSchema).integration, expected)
  }
}
