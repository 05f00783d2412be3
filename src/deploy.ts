import path from 'node:path'
import { BotpressClient } from './api/client.js'
import type { RemoteIntegration } from './api/integration.js'
import { InputError } from './errors.js'
import { checkManifest, readManifest, type Manifest } from './manifest/load.js'
import { planUpdate, type Plan } from './plan/plan.js'
import { formatPlanLog, type ManifestLabel } from './report/format.js'
import { maskableParts, resolveSecrets } from './secrets/resolve.js'
import type { Settings } from './settings.js'
import { USER_AGENT } from './version.js'

/** Where the run writes what it does; main.ts backs it with the runner's log. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  group(title: string, lines: readonly string[]): void
  /** Registers a value that must never be shown. */
  mask(value: string): void
}

/** What the run has learnt so far, for the report, whether it succeeds or not. */
export interface RunState {
  dryRun: boolean
  integrationId?: string
  integration?: RemoteIntegration
  plan?: Plan
  failure?: string
  /** What the manifest says of the integration, as soon as it is parsed. */
  label?: ManifestLabel
  /** The token and every secret value met, so that text leaving the log can be scrubbed of them. */
  secretValues: string[]
}

/** inputs → manifest → secrets → GET → plan → PUT (or validate) → verification. */
export async function deploy(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log): Promise<void> {
  const parsed = await readManifest(settings.manifestFile, settings.manifestDisplayPath, env)
  // Known before the checks, so that a pull-request comment about them finds its integration.
  const declared = (parsed.data ?? {}) as Record<string, unknown>
  if (state.integrationId === undefined && typeof declared.id === 'string') state.integrationId = declared.id
  const text = (key: string) => (typeof declared[key] === 'string' ? { [key]: declared[key] as string } : {})
  state.label = { ...text('title'), ...text('name'), ...text('version') }
  const manifest = await checkManifest(parsed, path.dirname(settings.manifestFile))
  const integrationId = settings.integrationId ?? manifest.id
  if (!integrationId) {
    throw new InputError(
      `No integration id: set the \`integration-id\` input, or \`id\` in ${manifest.displayPath}, to the id of the integration version to update.`,
    )
  }
  state.integrationId = integrationId

  const values = resolveSecrets(manifest.secrets, { env, provided: settings.secrets, prefix: settings.secretsPrefix })
  const parts = maskableParts(values)
  for (const part of parts) log.mask(part)
  state.secretValues.push(...parts)

  const client = new BotpressClient({
    baseUrl: settings.apiUrl,
    token: settings.token,
    workspaceId: settings.workspaceId,
    userAgent: USER_AGENT,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    onRetry: (message) => log.warning(message),
    onResponse: (message) => log.debug(message),
  })

  const remote = await client.getIntegration(integrationId)
  state.integration = remote
  checkIdentity(manifest, remote, settings.expectedVersion)

  const plan = planUpdate({
    definition: manifest.definition,
    files: manifest.files,
    declarations: manifest.secrets,
    values,
    remote,
    prune: settings.prune,
    secretsPrefix: settings.secretsPrefix,
  })
  state.plan = plan
  log.group(`Plan for ${remote.name}@${remote.version} (${integrationId})`, formatPlanLog(plan))
  for (const name of plan.secrets.skipped) {
    log.warning(`Secret ${name} is optional and has no value (set SECRET_${name} or pass it in \`secrets\`); it was left out.`)
  }

  if (settings.dryRun) {
    await client.validateUpdate(integrationId, plan.body)
    log.info(`Dry run: Botpress validated the update of ${remote.name}@${remote.version}; nothing was applied.`)
    if (settings.requestVerification) log.info('Verification is not requested in a dry run.')
    return
  }
  state.integration = await client.updateIntegration(integrationId, plan.body)
  log.info(`Deployed ${state.integration.name}@${state.integration.version} (${integrationId}); verification status: ${state.integration.verificationStatus}.`)
  if (settings.requestVerification) state.integration = await requestVerification(client, state.integration, log)
}

/** Asks for review of a public, unapproved version, then reads the status it left. */
async function requestVerification(client: BotpressClient, integration: RemoteIntegration, log: Log): Promise<RemoteIntegration> {
  if (integration.visibility !== 'public') {
    log.warning(`Verification was not requested: ${integration.name}@${integration.version} is ${integration.visibility}, and only public integrations are verified.`)
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

/** The manifest's `name` and `version`, and `expected-version`, guard against updating the wrong integration. */
function checkIdentity(manifest: Manifest, remote: RemoteIntegration, expectedVersion: string | undefined): void {
  const mismatches = (['name', 'version'] as const)
    .filter((key) => manifest[key] !== undefined && manifest[key] !== remote[key])
    .map((key) => `${key} is "${manifest[key]}" in ${manifest.displayPath} but "${remote[key]}" on Botpress`)
  if (expectedVersion !== undefined && expectedVersion !== remote.version) {
    mismatches.push(`\`expected-version\` is ${expectedVersion} but the id points at version ${remote.version}`)
  }
  if (mismatches.length) {
    throw new InputError(
      `Integration ${remote.id} is ${remote.name}@${remote.version}, not what this run expects: ${mismatches.join('; ')}. ` +
        'Nothing was sent. Point `integration-id` at the right version, or fix the manifest.',
    )
  }
}
