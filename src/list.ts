import { BotpressClient } from './api/client.js'
import { InputError } from './base/errors.js'
import type { Log } from './base/log.js'
import { inPool } from './base/pool.js'
import { EXACT_VERSION } from './botpress/integration.js'
import { parseManifestSource, transportOptions } from './deploy.js'
import { qualifyName } from './lifecycle/lookup.js'
import type { MatrixEntry } from './report/results.js'
import type { RunState } from './report/run-state.js'
import type { Settings } from './settings/settings.js'
import type { Target } from './targets/resolve.js'

/**
 * `mode: list`: each manifest's name and version (a definition is loaded for
 * them), less, with `skip-published`, those already public or unlisted on
 * Botpress: the integrations a matrix of jobs has left to deploy. Nothing is
 * written. Any manifest that cannot say its name and version fails the list:
 * a matrix that silently lacks one would never deploy it.
 */
export async function listTargets(
  settings: Settings,
  targets: readonly Target[],
  env: NodeJS.ProcessEnv,
  state: RunState,
  log: Log,
): Promise<{ include: MatrixEntry[]; published: MatrixEntry[] }> {
  const client = new BotpressClient(transportOptions(settings, state, log))
  let handle: Promise<string | undefined> | undefined
  const entries = await inPool(targets, settings.maxParallel, async (target) => {
    const label: RunState = { dryRun: true, secretValues: state.secretValues }
    await parseManifestSource({ ...settings, manifestFile: target.file, manifestDisplayPath: target.displayPath }, env, label, log)
    const { name, version } = label.label ?? {}
    if (name === undefined || version === undefined || !EXACT_VERSION.test(version)) {
      throw new InputError(
        `${target.displayPath} must set \`name\` and a semantic \`version\` (such as 1.5.0) for \`mode: list\`${version === undefined ? '' : `; its version is "${version}"`}. Nothing was listed.`,
      )
    }
    const entry = { manifest: target.displayPath, name, version }
    if (!settings.skipPublished) return { entry, published: false }
    handle ??= client.getWorkspaceHandle(settings.workspaceId)
    const found = await client.findIntegration(qualifyName(name, await handle, target.displayPath), version)
    return { entry, published: found !== undefined && found.visibility !== 'private' }
  })
  const include = entries.filter((e) => !e.published).map((e) => e.entry)
  const published = entries.filter((e) => e.published).map((e) => e.entry)
  log.info(
    `${include.length} of ${entries.length} integrations to deploy${published.length ? `; already published: ${published.map((e) => `${e.name}@${e.version}`).join(', ')}` : ''}.`,
  )
  return { include, published }
}
