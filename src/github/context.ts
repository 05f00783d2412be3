import { readFileSync } from 'node:fs'

/** The pull request a run is for, as its event payload tells. */
export interface PullRequest {
  number: number
  /** From another repository: such runs get no secrets. */
  fromFork: boolean
  headSha: string
  /** The commit the pull request is compared with (its base branch's head when the event fired); '' when the event lacks it. */
  baseSha: string
  /** The event's `action` (`opened`, `synchronize`, `closed`…), when it has one. */
  action?: string
}

/** What the run knows of the workflow that started it. */
export interface RunContext {
  eventName: string
  repository: { owner: string; repo: string } | undefined
  sha: string
  pullRequest: PullRequest | undefined
  /** Link to this workflow run, for the pull-request comment. */
  runUrl: string | undefined
  apiUrl: string
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

interface PullRequestPayload {
  action?: string
  pull_request?: {
    number?: number
    head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null }
    base?: { sha?: string; repo?: { full_name?: string } }
  }
  repository?: { full_name?: string }
}

function readPayload(file: string | undefined): PullRequestPayload {
  if (!file) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PullRequestPayload
  } catch {
    return {}
  }
}

/** The run's page, only from parts in the shape GitHub gives them: it becomes a link in the comment. */
function runUrl(serverUrl: string, repository: { owner: string; repo: string } | undefined, runId: string | undefined): string | undefined {
  if (!repository || !runId || !/^\d+$/.test(runId)) return undefined
  if (![repository.owner, repository.repo].every((part) => /^[\w.-]+$/.test(part))) return undefined
  try {
    const server = new URL(serverUrl)
    if (server.protocol !== 'https:' && server.protocol !== 'http:') return undefined
    return `${server.origin}/${repository.owner}/${repository.repo}/actions/runs/${runId}`
  } catch {
    return undefined
  }
}

/**
 * Reads the runner's environment and event payload. This is what
 * `@actions/github`'s context does, without loading Octokit on every run.
 */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const repository = owner && repo ? { owner, repo } : undefined
  const pr = PULL_REQUEST_EVENTS.has(eventName) ? payload.pull_request : undefined
  const baseRepo = pr?.base?.repo?.full_name ?? payload.repository?.full_name
  // A deleted fork leaves head.repo null: still not this repository.
  const headRepo = pr?.head?.repo
  const fromFork = pr !== undefined && (headRepo === null || headRepo?.fork === true || (headRepo?.full_name !== undefined && headRepo.full_name !== baseRepo))
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com'
  return {
    eventName,
    repository,
    sha: env.GITHUB_SHA ?? '',
    pullRequest: pr?.number
      ? {
          number: pr.number,
          fromFork,
          headSha: pr.head?.sha ?? env.GITHUB_SHA ?? '',
          // It becomes an argument of git: only in the shape GitHub gives it.
          baseSha: typeof pr.base?.sha === 'string' && /^[0-9a-f]{40}$/.test(pr.base.sha) ? pr.base.sha : '',
          ...(typeof payload.action === 'string' && { action: payload.action }),
        }
      : undefined,
    runUrl: runUrl(serverUrl, repository, env.GITHUB_RUN_ID),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
  }
}
