import { execFile } from 'node:child_process'
import { InputError } from '../base/errors.js'

const GIT_TIMEOUT_MS = 60_000

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    )
  })
}

/**
 * The paths (relative to `workspace`, with `/`) that the checked-out commit
 * changes compared with `baseSha`, by git; undefined when git cannot tell (no
 * repository, or the checkout lacks the base commit: a shallow clone).
 */
export async function changedByGit(workspace: string, baseSha: string): Promise<string[] | undefined> {
  try {
    await git(['cat-file', '-e', `${baseSha}^{commit}`], workspace)
  } catch {
    return undefined
  }
  // --relative: paths from the workspace, whatever folder of the repository it is; -z: any file name, whole.
  const out = await git(['-c', 'core.quotepath=false', 'diff', '--name-only', '--relative', '-z', '--no-renames', baseSha, 'HEAD', '--'], workspace)
  return out.split('\0').filter(Boolean)
}

/**
 * What a pull request changes: by git when the checkout has its base commit,
 * else as GitHub lists it (`fromApi`, when the run has a GitHub token).
 */
export async function changedInPullRequest(
  workspace: string,
  baseSha: string,
  fromApi: (() => Promise<string[]>) | undefined,
  log: { info(message: string): void },
): Promise<Set<string>> {
  const byGit = baseSha ? await changedByGit(workspace, baseSha) : undefined
  if (byGit) {
    log.info(`check-version-bump: ${byGit.length} files changed since the base commit ${baseSha.slice(0, 12)} (git).`)
    return new Set(byGit)
  }
  if (fromApi) {
    const listed = await fromApi()
    log.info(`check-version-bump: the checkout lacks the base commit; ${listed.length} files changed, as GitHub lists them.`)
    return new Set(listed)
  }
  throw new InputError(
    '`check-version-bump` needs to know what the pull request changes, and neither way works: the checkout lacks its base commit ' +
      `(${baseSha ? baseSha.slice(0, 12) : 'not in the event'}), and \`github-token\` is empty. Check out with \`fetch-depth: 0\` (actions/checkout), or pass \`github-token\`.`,
  )
}
