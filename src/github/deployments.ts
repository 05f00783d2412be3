import { errorMessage } from '../base/errors.js'
import { boundedOctokit, type GitHubTarget } from './octokit.js'

/** Deployments of one environment read at most, when a closed pull request's are marked inactive. */
const MAX_DEPLOYMENTS = 100

export interface DeploymentRequest {
  /** The commit deployed: a deployment's `ref`. */
  sha: string
  environment: string
  /** Names name@version, for the repository's Deployments page. */
  description: string
  /** A preview goes away with its pull request. */
  transient: boolean
  production: boolean
  /** The workflow run, as each status's `log_url`. */
  logUrl?: string
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive'

/** GitHub's limit on a deployment's and a status's description. */
const describe = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text)

/**
 * Creates a deployment of `request.sha` to the environment and marks it
 * `in_progress`; returns its id. No merge of the default branch, no required
 * status checks: the deploy has happened, or is about to, whatever they say.
 */
export async function startDeployment(target: GitHubTarget, request: DeploymentRequest): Promise<number> {
  const { octokit } = await boundedOctokit(target)
  const where = { owner: target.owner, repo: target.repo }
  const { data } = await octokit.rest.repos.createDeployment({
    ...where,
    ref: request.sha,
    environment: request.environment,
    auto_merge: false,
    required_contexts: [],
    transient_environment: request.transient,
    production_environment: request.production,
    description: describe(request.description),
  })
  const id = (data as { id?: unknown }).id
  // 202 means GitHub merged nothing and created nothing (auto_merge is off, so it should not happen).
  if (typeof id !== 'number') throw new Error(`GitHub created no deployment: ${errorMessage((data as { message?: unknown }).message ?? 'no id in its answer')}`)
  await setDeploymentState(target, id, 'in_progress', { ...(request.logUrl && { logUrl: request.logUrl }), description: request.description })
  return id
}

/** A status of a deployment, with links to the run and to what was deployed. */
export async function setDeploymentState(
  target: GitHubTarget,
  id: number,
  state: DeploymentState,
  links: { logUrl?: string; environmentUrl?: string; description: string },
): Promise<void> {
  const { octokit } = await boundedOctokit(target)
  await octokit.rest.repos.createDeploymentStatus({
    owner: target.owner,
    repo: target.repo,
    deployment_id: id,
    state,
    description: describe(links.description),
    ...(links.logUrl && { log_url: links.logUrl }),
    ...(links.environmentUrl && { environment_url: links.environmentUrl }),
  })
}

/** Marks every deployment of `environment` inactive (a closed pull request's preview); returns their ids. */
export async function deactivateEnvironment(target: GitHubTarget, environment: string, description: string): Promise<number[]> {
  const { octokit } = await boundedOctokit(target)
  const { data } = await octokit.rest.repos.listDeployments({ owner: target.owner, repo: target.repo, environment, per_page: MAX_DEPLOYMENTS })
  const ids = (Array.isArray(data) ? data : []).map((deployment: { id?: unknown }) => deployment.id).filter((id): id is number => typeof id === 'number')
  for (const id of ids) await setDeploymentState(target, id, 'inactive', { description })
  return ids
}
