import { BotpressClient } from './api/client.js'
import { PreviewClient } from './api/preview-client.js'
import { defaultSleep } from './api/transport.js'
import { InputError } from './base/errors.js'
import type { Log } from './base/log.js'
import { qualifyName } from './lifecycle/lookup.js'
import { removePreviews } from './preview/cleanup.js'
import type { PreviewOf } from './preview/version.js'
import type { RunState } from './report/run-state.js'
import type { Settings } from './settings/settings.js'
import { parseManifestSource, transportOptions } from './deploy.js'

/** Refused deletes (a bot still holding the version) are tried this many times, with backoff. */
const DELETE_ATTEMPTS = 4

/**
 * A closed pull request's previews removed: its bots, then its private
 * preview versions. The manifest is read for its name only: the files it
 * names need not exist (the branch may be gone), and no secret is needed.
 */
export async function endPreview(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log, of: PreviewOf): Promise<void> {
  const parsed = await parseManifestSource(settings, env, state, log)
  const declared = (parsed.data ?? {}) as { name?: unknown }
  if (typeof declared.name !== 'string' || !declared.name) {
    throw new InputError(`${parsed.displayPath} has no \`name\`: previews are found by the integration's name, so removing them needs it. Nothing was removed.`)
  }
  const options = transportOptions(settings, state, log)
  const handle = await new BotpressClient(options).getWorkspaceHandle(settings.workspaceId)
  const name = qualifyName(declared.name, handle, parsed.displayPath)
  state.pullRequest = of.number
  state.removed = await removePreviews(new PreviewClient(options), { name, number: of.number, pattern: settings.previewVersion }, log, {
    attempts: DELETE_ATTEMPTS,
    sleep: defaultSleep,
  })
  state.operation = state.removed.length ? 'deleted' : 'skipped'
  if (!state.removed.length) log.notice(`Pull request #${of.number} is closed and no preview of ${name} is left on Botpress: nothing to remove.`)
}
