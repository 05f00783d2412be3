import { BotpressClient } from './api/client.js'
import { PreviewClient } from './api/preview-client.js'
import { defaultSleep, type TransportOptions } from './api/transport.js'
import { InputError, errorMessage } from './base/errors.js'
import type { RunContext } from './github/context.js'
import type { Log } from './base/log.js'
import { qualifyName } from './lifecycle/lookup.js'
import { removePreviews, removeStalePreviews } from './preview/cleanup.js'
import { installInPreviewBot } from './preview/bot.js'
import type { PreviewOf } from './preview/version.js'
import { redact } from './secrets/redact.js'
import { dashboardLinks } from './botpress/dashboard.js'
import type { RunState } from './report/run-state.js'
import type { Settings } from './settings/settings.js'
import { parseManifestSource, transportOptions } from './deploy.js'

/** Refused deletes (a bot still holding the version) are tried 4 times, with backoff. */
const CLEANUP = { attempts: 4, sleep: defaultSleep }

/**
 * A closed pull request's previews removed: its bots, then its private
 * preview versions. The manifest is read for its name only: the files it
 * names need not exist (the branch may be gone), and no secret is needed.
 */
export async function endPreview(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log, of: PreviewOf): Promise<void> {
  const options = transportOptions(settings, state, log)
  const name = await integrationName(settings, env, state, log, options)
  state.pullRequest = of.number
  state.removed = await removePreviews(new PreviewClient(options), { name, number: of.number, pattern: settings.previewVersion }, log, CLEANUP)
  state.operation = state.removed.length ? 'deleted' : 'skipped'
  if (!state.removed.length) log.notice(`Pull request #${of.number} is closed and no preview of ${name} is left on Botpress: nothing to remove.`)
}

/**
 * The sweep for previews whose cleanup never ran (a disabled workflow, a
 * cancelled run): by the same rules, the previews of pull requests that are
 * closed, and those not updated for `preview-max-age` days.
 */
export async function sweepStalePreviews(settings: Settings, context: RunContext, env: NodeJS.ProcessEnv, state: RunState, log: Log): Promise<void> {
  const options = transportOptions(settings, state, log)
  const name = await integrationName(settings, env, state, log, options)
  const repository = context.repository
  const target =
    repository && settings.githubToken ? { token: settings.githubToken, apiUrl: context.apiUrl, ...repository, timeoutMs: settings.timeoutMs } : undefined
  if (!target)
    log.warning(
      'No `github-token` (or no repository): whether pull requests are closed cannot be told, so only previews older than `preview-max-age` are removed.',
    )
  const isClosed = async (number: number): Promise<boolean | undefined> => {
    if (!target) return undefined
    try {
      return await (await import('./github/pulls.js')).isPullRequestClosed(target, number)
    } catch (error) {
      log.warning(`Could not read pull request #${number} (${redact(errorMessage(error), state.secretValues)}): only its previews' age counts.`)
      return undefined
    }
  }
  const updatedBefore = Date.now() - settings.previewMaxAgeDays * 24 * 60 * 60 * 1000
  state.removed = await removeStalePreviews(new PreviewClient(options), { name, pattern: settings.previewVersion }, { updatedBefore, isClosed }, log, CLEANUP)
  state.operation = state.removed.length ? 'deleted' : 'skipped'
  if (!state.removed.length) log.notice(`No stale preview of ${name} on Botpress: nothing to remove.`)
}

/** The manifest's `name`, with the workspace's handle: all a cleanup needs of it. */
async function integrationName(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log, options: TransportOptions): Promise<string> {
  const parsed = await parseManifestSource(settings, env, state, log)
  const declared = (parsed.data ?? {}) as { name?: unknown }
  if (typeof declared.name !== 'string' || !declared.name) {
    throw new InputError(`${parsed.displayPath} has no \`name\`: previews are found by the integration's name, so removing them needs it. Nothing was removed.`)
  }
  const handle = await new BotpressClient(options).getWorkspaceHandle(settings.workspaceId)
  return qualifyName(declared.name, handle, parsed.displayPath)
}

/**
 * The preview version installed in the pull request's own bot, so that
 * Botpress runs its registration for real: registered, or the run fails with
 * Botpress's reason, or with the wait it gave up on.
 */
export async function installPreviewBot(settings: Settings, state: RunState, log: Log, of: PreviewOf): Promise<void> {
  const integration = state.integration
  if (!integration) throw new Error('unreachable: a preview bot is installed after its version is written')
  const client = new PreviewClient(transportOptions(settings, state, log))
  const result = await installInPreviewBot(
    client,
    { name: integration.name, number: of.number, integrationId: integration.id, configuration: settings.previewConfiguration },
    log,
    { timeoutMs: settings.previewTimeoutMs, sleep: defaultSleep },
  )
  // Anyone holding the webhook URL can post events to the bot: masked before anything else is written.
  if (result.webhookUrl) {
    log.mask(result.webhookUrl)
    state.secretValues.push(result.webhookUrl)
  }
  const url = dashboardLinks(settings.dashboardUrl, settings.workspaceId).bot(result.id)
  state.previewBot = { id: result.id, name: result.name, status: result.status, webhookUrl: result.webhookUrl, url }
  if (result.status === 'registered') {
    log.info(`${integration.name}@${integration.version} registered in preview bot ${result.name} (${result.id}).`)
    return
  }
  if (result.status === 'registration_failed') {
    const reason = result.reason ? redact(result.reason, state.secretValues) : 'Botpress gave no reason'
    state.previewBot.reason = reason
    throw new Error(
      `${integration.name}@${integration.version} failed to register in preview bot ${result.name} (${result.id}): ${reason}. ` +
        'Check the `register` handler and the configuration the preview bot gets (`preview-configuration`) against the configuration schema.',
    )
  }
  throw new Error(
    `${integration.name}@${integration.version} was still ${result.status} in preview bot ${result.name} (${result.id}) after ${settings.previewTimeoutMs / 1000} s ` +
      "(`preview-timeout`): its `register` handler may hang, or Botpress is slow; look at the bot's logs in the dashboard, or raise `preview-timeout`.",
  )
}
