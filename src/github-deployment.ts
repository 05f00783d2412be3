import { errorMessage } from './base/errors.js'
import type { Log } from './base/log.js'
import { dashboardLinks } from './botpress/dashboard.js'
import type { GitHubTarget } from './github/octokit.js'
import type { RunContext } from './github/context.js'
import type { Mode } from './preview/mode.js'
import type { RunState } from './report/run-state.js'
import { redact } from './secrets/redact.js'
import type { Settings } from './settings/settings.js'

// GitHub Deployments record what this run deployed where, beside the commit.
// GitHub refusing one (no `deployments: write`, a 404, an outage) is a
// warning, never a failed deploy, like the comment.

/** The environment a run records its deploy in: the input, else a preview's own; none otherwise. */
export function deploymentEnvironment(settings: Pick<Settings, 'environment'>, mode: Mode): string | undefined {
  if (settings.environment) return settings.environment
  return mode.kind === 'preview' || mode.kind === 'preview-closed' ? `botpress-preview/pr-${mode.of.number}` : undefined
}

function targetOf(settings: Settings, context: RunContext, log: Log): GitHubTarget | undefined {
  if (!context.repository) return undefined
  if (!settings.githubToken) {
    log.warning('No GitHub deployment: `github-token` is empty.')
    return undefined
  }
  return { token: settings.githubToken, apiUrl: context.apiUrl, ...context.repository, timeoutMs: settings.timeoutMs }
}

function warn(log: Log, state: RunState, what: string, error: unknown): void {
  const status = (error as { status?: number }).status
  const hint = status === 403 || status === 401 || status === 404 ? ' Give the job `permissions: deployments: write`.' : ''
  log.warning(`${what}: ${redact(errorMessage(error), state.secretValues)}.${hint} The deploy itself is not affected.`)
}

export interface OpenDeployment {
  id: number
  environment: string
  target: GitHubTarget
}

/** Creates the deployment, `in_progress`, just before the write to Botpress. */
export async function openDeployment(
  settings: Settings,
  context: RunContext,
  state: RunState,
  log: Log,
  { environment, preview, what }: { environment: string; preview: boolean; what: string },
): Promise<OpenDeployment | undefined> {
  const target = targetOf(settings, context, log)
  if (!target) return undefined
  const { startDeployment } = await import('./github/deployments.js')
  try {
    const id = await startDeployment(target, {
      sha: context.pullRequest?.headSha || context.sha,
      environment,
      description: `${preview ? 'Preview ' : ''}${what}`,
      transient: preview,
      production: !preview && /^prod(uction)?$/i.test(environment),
      ...(context.runUrl && { logUrl: context.runUrl }),
    })
    log.info(`GitHub deployment ${id} to ${environment} started.`)
    state.deploymentId = id
    return { id, environment, target }
  } catch (error) {
    warn(log, state, `Could not create a GitHub deployment to ${environment}`, error)
    return undefined
  }
}

/** The deployment's last status: `success` with a link to what was deployed, or `failure`. */
export async function closeDeployment(
  deployment: OpenDeployment,
  settings: Settings,
  context: RunContext,
  state: RunState,
  log: Log,
  succeeded: boolean,
): Promise<void> {
  const { setDeploymentState } = await import('./github/deployments.js')
  const links = dashboardLinks(settings.dashboardUrl, settings.workspaceId)
  const { integration, previewBot } = state
  const environmentUrl = previewBot ? links.bot(previewBot.id) : integration ? links.version(integration) : undefined
  const what = integration ? `${integration.name}@${integration.version}` : 'the integration'
  try {
    await setDeploymentState(deployment.target, deployment.id, succeeded ? 'success' : 'failure', {
      description: succeeded ? `Deployed ${what}` : `Deploying ${what} failed`,
      ...(context.runUrl && { logUrl: context.runUrl }),
      ...(environmentUrl && succeeded && { environmentUrl }),
    })
  } catch (error) {
    warn(log, state, `Could not set the status of GitHub deployment ${deployment.id}`, error)
  }
}

/** A closed pull request's preview environment: every deployment of it marked inactive. */
export async function retireEnvironment(settings: Settings, context: RunContext, state: RunState, log: Log, environment: string): Promise<void> {
  const target = targetOf(settings, context, log)
  if (!target) return
  const { deactivateEnvironment } = await import('./github/deployments.js')
  try {
    const ids = await deactivateEnvironment(target, environment, 'The pull request closed: its preview was removed')
    if (ids.length) log.info(`Marked ${ids.length} GitHub deployment${ids.length === 1 ? '' : 's'} of ${environment} inactive.`)
  } catch (error) {
    warn(log, state, `Could not mark the GitHub deployments of ${environment} inactive`, error)
  }
}
