import * as core from '@actions/core'
import { BotpressClient } from './api/client.js'
import type { RemoteIntegration } from './api/integration.js'
import { InputError, errorMessage } from './errors.js'
import { loadManifest, type Manifest } from './manifest/load.js'
import { planUpdate, type Plan } from './plan/plan.js'
import { formatPlanLog } from './report/format.js'
import { reportFailure, reportResult } from './report/report.js'
import { maskableParts, resolveSecrets } from './secrets/resolve.js'
import { readSettings, type Settings } from './settings.js'
import { USER_AGENT } from './version.js'

const readInput = (name: string) => core.getInput(name)

/** What the run has learnt so far, for the report if a later step fails. */
interface Progress {
  integration?: RemoteIntegration
  plan?: Plan
  dryRun: boolean
}

export async function run(): Promise<void> {
  // Before anything can be printed.
  core.setSecret(readInput('token'))
  const progress: Progress = { dryRun: false }
  try {
    const settings = readSettings(readInput, process.env)
    progress.dryRun = settings.dryRun
    await deploy(settings, progress)
  } catch (error) {
    if (error instanceof InputError) {
      for (const problem of error.problems) {
        if (!problem.location) continue
        core.error(`${problem.keyPath ? `${problem.keyPath}: ` : ''}${problem.message}`, {
          title: 'Invalid integration manifest',
          file: problem.location.file,
          startLine: problem.location.line,
          startColumn: problem.location.column,
        })
      }
    }
    core.setFailed(errorMessage(error))
    await reportFailure(errorMessage(error), progress)
  }
}

async function deploy(settings: Settings, progress: Progress): Promise<void> {
  const manifest = await loadManifest(settings.manifestFile, settings.manifestDisplayPath)
  const integrationId = settings.integrationId ?? manifest.id
  if (!integrationId) {
    throw new InputError(
      `No integration id: set the \`integration-id\` input, or \`id\` in ${manifest.displayPath}, to the id of the integration version to update.`,
    )
  }

  const values = resolveSecrets(manifest.secrets, { env: process.env, provided: settings.secrets, prefix: settings.secretsPrefix })
  for (const part of maskableParts(values)) core.setSecret(part)

  const client = new BotpressClient({
    baseUrl: settings.apiUrl,
    token: settings.token,
    workspaceId: settings.workspaceId,
    userAgent: USER_AGENT,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    onRetry: (message) => core.warning(message),
  })

  const remote = await client.getIntegration(integrationId)
  progress.integration = remote
  checkIdentity(manifest, remote)

  const plan = planUpdate({
    definition: manifest.definition,
    files: manifest.files,
    declarations: manifest.secrets,
    values,
    remote,
    prune: settings.prune,
    secretsPrefix: settings.secretsPrefix,
  })
  progress.plan = plan
  for (const name of plan.secrets.skipped) {
    core.warning(`Secret ${name} is optional and has no value (set SECRET_${name} or pass it in \`secrets\`); it was left out.`)
  }
  core.startGroup(`Plan for ${remote.name}@${remote.version} (${integrationId})`)
  for (const line of formatPlanLog(plan)) core.info(line)
  core.endGroup()

  let result = remote
  if (settings.dryRun) {
    await client.validateUpdate(integrationId, plan.body)
    core.info(`Dry run: Botpress validated the update of ${remote.name}@${remote.version}; nothing was applied.`)
  } else {
    result = await client.updateIntegration(integrationId, plan.body)
    progress.integration = result
    core.info(`Deployed ${result.name}@${result.version} (${result.id}); verification status: ${result.verificationStatus}.`)
  }
  await reportResult({ integration: result, dryRun: settings.dryRun, plan })
}

/** The manifest's `name` and `version` guard against updating the wrong integration. */
function checkIdentity(manifest: Manifest, remote: RemoteIntegration): void {
  const mismatches = (['name', 'version'] as const)
    .filter((key) => manifest[key] !== undefined && manifest[key] !== remote[key])
    .map((key) => `${key} is "${manifest[key]}" in ${manifest.displayPath} but "${remote[key]}" on Botpress`)
  if (mismatches.length) {
    throw new InputError(
      `Integration ${remote.id} is ${remote.name}@${remote.version}, not what the manifest describes: ${mismatches.join('; ')}. ` +
        'Nothing was sent. Point `integration-id` at the right version, or fix the manifest.',
    )
  }
}
