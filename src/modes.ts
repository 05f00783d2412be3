import { deploy } from './deploy.js'
import { pullRequestChanges } from './version-gate.js'
import { closeDeployment, deploymentEnvironment, openDeployment, retireEnvironment, type OpenDeployment } from './github-deployment.js'
import type { Log } from './base/log.js'
import type { RunContext } from './github/context.js'
import type { Plan } from './plan/plan.js'
import { chooseMode } from './preview/mode.js'
import { previewVersion } from './preview/version.js'
import type { RunState } from './report/run-state.js'
import type { Settings } from './settings/settings.js'

/**
 * What the run does, by its mode: deploy the manifest's version, deploy a pull
 * request's preview (and its bot), remove a closed pull request's previews, or
 * sweep the previews whose cleanup never ran;
 * each recorded as a GitHub deployment when it has an environment.
 */
export async function runMode(settings: Settings, context: RunContext, state: RunState, log: Log): Promise<void> {
  const mode = chooseMode(settings, context)
  const environment = deploymentEnvironment(settings, mode)
  if (mode.kind === 'preview-closed') {
    // Only closed pull requests' runs need the cleanup: a chunk of its own.
    await (await import('./previews.js')).endPreview(settings, process.env, state, log, mode.of)
    if (environment) await retireEnvironment(settings, context, state, log, environment)
    return
  }
  if (mode.kind === 'preview-sweep') {
    await (await import('./previews.js')).sweepStalePreviews(settings, context, process.env, state, log)
    return
  }

  const preview = mode.kind === 'preview'
  const changes = settings.checkVersionBump ? await pullRequestChanges(settings, context, log) : undefined
  let deployment: OpenDeployment | undefined
  const beforeWrite = environment
    ? async (plan: Plan) => {
        deployment = await openDeployment(settings, context, state, log, { environment, preview, what: `${plan.name}@${plan.version}` })
      }
    : undefined
  const retarget = preview ? { versionFrom: (version: string) => previewVersion(version, settings.previewVersion, mode.of) } : undefined
  try {
    await deploy(settings, process.env, state, log, { ...(retarget && { retarget }), ...(beforeWrite && { beforeWrite }), ...(changes && { changes }) })
    if (preview && settings.previewBot) await (await import('./previews.js')).installPreviewBot(settings, state, log, mode.of)
  } catch (error) {
    if (deployment) await closeDeployment(deployment, settings, context, state, log, false)
    throw error
  }
  if (deployment) await closeDeployment(deployment, settings, context, state, log, true)
}
