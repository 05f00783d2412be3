import type { PreviewClient } from '../api/preview-client.js'
import { ApiError } from '../api/errors.js'
import { RETRYABLE_STATUSES, retryDelay } from '../api/retry.js'
import type { Log } from '../base/log.js'
import { previewBotTags, previewMatcher, previewNumber } from './version.js'
import type { ListedVersion } from '../botpress/listings.js'

/** One thing a cleanup removed, as the `deleted` output lists it. */
export interface Removed {
  kind: 'bot' | 'integration'
  id: string
  name: string
  version?: string
}

export interface PreviewsOf {
  /** The integration's name as Botpress has it, with the workspace's handle. */
  name: string
  number: number
  /** The `preview-version` input; empty for the default `<version>-pr.<number>`. */
  pattern: string
}

export interface CleanupOptions {
  /** How many times a delete that Botpress refuses (a bot still holds the version) is tried. */
  attempts: number
  sleep: (ms: number) => Promise<void>
}

/**
 * Removes what a pull request's previews made, and nothing else: its preview
 * bots first (a version still installed cannot be deleted), then the private
 * versions of this integration that are previews of this pull request. A
 * public or unlisted version, or another pull request's preview, is never
 * touched. Idempotent: what is already gone is not an error.
 */
export async function removePreviews(client: PreviewClient, of: PreviewsOf, log: Log, options: CleanupOptions): Promise<Removed[]> {
  const removed: Removed[] = []
  for (const bot of await client.listBots(previewBotTags(of.name, of.number))) {
    if (await client.deleteBot(bot.id)) {
      log.info(`Deleted preview bot ${bot.name} (${bot.id}).`)
      removed.push({ kind: 'bot', id: bot.id, name: bot.name })
    }
  }
  const isPreview = previewMatcher(of.pattern, of.number)
  const versions = (await client.listVersions(of.name)).filter((version) => isPreview(version.version))
  for (const version of versions) {
    if (version.visibility !== 'private') {
      log.warning(`${version.name}@${version.version} looks like a preview of pull request #${of.number} but is ${version.visibility}: it is kept.`)
      continue
    }
    if (await deleteWithPatience(client, version, options, log)) {
      log.info(`Deleted preview version ${version.name}@${version.version} (${version.id}).`)
      removed.push({ kind: 'integration', id: version.id, name: version.name, version: version.version })
    }
  }
  return removed
}

/** A delete that Botpress refuses for a reason that may pass (a bot that is being deleted still holds the version) is tried again. */
async function deleteWithPatience(
  client: PreviewClient,
  version: { id: string; name: string; version: string },
  options: CleanupOptions,
  log: Log,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.deleteVersion(version)
    } catch (error) {
      const refused = error instanceof ApiError && error.status !== undefined && error.status >= 400 && !RETRYABLE_STATUSES.has(error.status)
      const mayPass = refused && error.status !== 401 && error.status !== 403
      if (!mayPass || attempt >= options.attempts) throw error
      const delay = retryDelay(attempt)
      log.warning(`Botpress refused to delete ${version.name}@${version.version} (HTTP ${error.status}); trying again in ${(delay / 1000).toFixed(1)} s.`)
      await options.sleep(delay)
    }
  }
}

export interface StaleRules {
  /** A preview last updated before this time is stale. */
  updatedBefore: number
  /** Whether a pull request is closed; undefined when that cannot be told (only the age counts then). */
  isClosed: (number: number) => Promise<boolean | undefined>
}

/**
 * The sweep for previews whose cleanup never ran: every private preview of
 * this integration whose pull request is closed (with that pull request's
 * bots, as a cleanup would), or that was last updated before `updatedBefore`.
 */
export async function removeStalePreviews(
  client: PreviewClient,
  of: Omit<PreviewsOf, 'number'>,
  rules: StaleRules,
  log: Log,
  options: CleanupOptions,
): Promise<Removed[]> {
  const byNumber = new Map<number, ListedVersion[]>()
  for (const version of await client.listVersions(of.name)) {
    const number = previewNumber(of.pattern, version.version)
    if (number === undefined || version.visibility !== 'private') continue
    byNumber.set(number, [...(byNumber.get(number) ?? []), version])
  }
  const removed: Removed[] = []
  for (const [number, versions] of [...byNumber].sort(([a], [b]) => a - b)) {
    if ((await rules.isClosed(number)) === true) {
      log.info(`Pull request #${number} is closed: removing its previews.`)
      removed.push(...(await removePreviews(client, { ...of, number }, log, options)))
      continue
    }
    for (const version of versions) {
      const updated = Date.parse(version.updatedAt)
      if (!(updated < rules.updatedBefore)) continue
      if (await deleteWithPatience(client, version, options, log)) {
        log.info(`Deleted ${version.name}@${version.version} (${version.id}): not updated since ${version.updatedAt}.`)
        removed.push({ kind: 'integration', id: version.id, name: version.name, version: version.version })
      }
    }
  }
  return removed
}
