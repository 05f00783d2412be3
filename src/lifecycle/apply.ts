import type { BotpressClient } from '../api/client.js'
import { ApiError, withAdvice } from '../api/errors.js'
import type { CreateBody, RemoteIntegration } from '../botpress/integration.js'
import { InputError, errorMessage } from '../base/errors.js'
import type { Log } from '../base/log.js'
import type { Plan } from '../plan/plan.js'
import { breakingLine } from '../plan/breaking.js'
import type { ExistingVersion } from './find.js'

/** What the run did to Botpress, as the `operation` output says it. */
export type Operation = 'created' | 'updated' | 'validated-create' | 'validated-update'

export interface Applied {
  operation: Operation
  /** The version as Botpress has it now; none after validating a create. */
  integration?: RemoteIntegration
}

export interface ApplyOptions {
  dryRun: boolean
  requestVerification: boolean
  /** The manifest as people see it, for advice. */
  displayPath: string
}

const PUBLISHED_ADVICE = (integration: RemoteIntegration, displayPath: string) =>
  `${integration.name}@${integration.version} is ${integration.visibility}, and Botpress does not update public or unlisted versions: ` +
  `bump \`version\` in ${displayPath} to publish a new one.`

/** A `BreakingChanges` refusal, pointed at what the plan flagged before the write. */
function pointAtBreaking(error: unknown, plan: Plan): unknown {
  if (!(error instanceof ApiError) || error.type !== 'BreakingChanges') return error
  if (!plan.breaking.length)
    return withAdvice(error, 'This run flagged none before the write: Botpress checks more than the plan compares; its message says what.')
  const them = plan.breaking.length === 1 ? 'it' : 'them'
  return withAdvice(error, [`This run flagged ${them} before the write:`, ...plan.breaking.map((change) => `- ${breakingLine(change)}`)].join('\n'))
}

/**
 * Creates the planned version, or validates its creation in a dry run. Returns
 * 'exists' when Botpress says the version exists already (another run created it
 * since the lookup, or an earlier attempt of this request did): update it instead.
 */
export async function createVersion(client: BotpressClient, plan: Plan, options: ApplyOptions, log: Log): Promise<Applied | 'exists'> {
  const body = plan.body as CreateBody
  if (options.dryRun) {
    await client.validateCreate(body).catch((error: unknown) => Promise.reject(pointAtBreaking(error, plan)))
    log.info(`Dry run: Botpress validated the creation of ${plan.name}@${plan.version}; nothing was created.`)
    if (plan.afterCreate)
      log.info(`${Object.keys(plan.afterCreate).join(', ')} would be set by an update right after the create, which a dry run does not check.`)
    if (options.requestVerification) log.info('Verification is not requested in a dry run.')
    return { operation: 'validated-create' }
  }
  let integration: RemoteIntegration
  try {
    integration = await client.createIntegration(body)
  } catch (error) {
    if (error instanceof ApiError && error.type === 'AlreadyExists') return 'exists'
    throw pointAtBreaking(error, plan)
  }
  log.info(`Created ${plan.name}@${plan.version} (${integration.id}); verification status: ${integration.verificationStatus}.`)
  if (plan.afterCreate) {
    const keys = Object.keys(plan.afterCreate).join(', ')
    try {
      integration = await client.updateIntegration(integration, plan.afterCreate)
    } catch (error) {
      log.warning(`${plan.name}@${plan.version} was created, but Botpress refused ${keys} in the update that follows: ${errorMessage(error)}`)
    }
  }
  if (options.requestVerification) integration = await requestVerification(client, integration, log)
  return { operation: 'created', integration }
}

/**
 * Updates the version, or validates the update in a dry run. A public or
 * unlisted version found by name is never updated: Botpress wants a new version.
 */
export async function updateVersion(client: BotpressClient, target: ExistingVersion, plan: Plan, options: ApplyOptions, log: Log): Promise<Applied> {
  const remote = target.integration
  const published = remote.visibility !== 'private'
  // Found by name, a published version is the wrong target; by id, Botpress decides (some workspaces may).
  const refused = published && target.foundBy === 'name'
  const advise = (error: unknown) => pointAtBreaking(published ? withAdvice(error, PUBLISHED_ADVICE(remote, options.displayPath)) : error, plan)
  if (options.dryRun) {
    await client.validateUpdate(remote.id, plan.body).catch((error: unknown) => Promise.reject(advise(error)))
    log.info(`Dry run: Botpress validated the update of ${plan.name}@${plan.version}; nothing was applied.`)
    if (refused) log.warning(`${PUBLISHED_ADVICE(remote, options.displayPath)} A run that is not a dry run stops before the update.`)
    if (options.requestVerification) log.info('Verification is not requested in a dry run.')
    return { operation: 'validated-update', integration: remote }
  }
  if (refused) {
    throw new InputError(`${PUBLISHED_ADVICE(remote, options.displayPath)} Nothing was written.`)
  }
  let integration = await client.updateIntegration(remote, plan.body).catch((error: unknown) => Promise.reject(advise(error)))
  log.info(`Deployed ${integration.name}@${integration.version} (${integration.id}); verification status: ${integration.verificationStatus}.`)
  if (options.requestVerification) integration = await requestVerification(client, integration, log)
  return { operation: 'updated', integration }
}

/** Asks for review of a public, unapproved version, then reads the status it left. */
async function requestVerification(client: BotpressClient, integration: RemoteIntegration, log: Log): Promise<RemoteIntegration> {
  if (integration.visibility !== 'public') {
    log.warning(
      `Verification was not requested: ${integration.name}@${integration.version} is ${integration.visibility}, and only public integrations are verified.`,
    )
    return integration
  }
  if (integration.verificationStatus !== 'unapproved') {
    log.info(`Verification was not requested: its status is already ${integration.verificationStatus}.`)
    return integration
  }
  await client.requestVerification(integration.id)
  const after = await client.getIntegration(integration.id)
  log.info(`Verification requested; status now ${after.verificationStatus}.`)
  return after
}
