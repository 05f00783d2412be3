import path from 'node:path'
import { BotpressClient } from './api/client.js'
import type { TransportOptions } from './api/transport.js'
import type { RemoteIntegration } from './botpress/integration.js'
import { createVersion, updateVersion, type Operation } from './lifecycle/apply.js'
import { findAfterConflict, findTarget } from './lifecycle/find.js'
import { resolveInterfaces } from './lifecycle/interfaces.js'
import { chooseLookup, type Lookup } from './lifecycle/lookup.js'
import { DEFINITION_FILE } from './definition/kind.js'
import type { Log } from './base/log.js'
import { checkManifest, readManifest, type Manifest, type ParsedManifest } from './manifest/load.js'
import { planCreate } from './plan/create.js'
import { planUpdate, type LocalInput, type Plan } from './plan/plan.js'
import { formatPlanLog } from './report/format.js'
import { breakingLog } from './report/changes.js'
import type { RunState } from './report/run-state.js'
import { integrationSecretsEnv, maskableParts, nearMisses, resolveSecrets } from './secrets/resolve.js'
import { isScrubbable, scrubberFor } from './secrets/redact.js'
import type { Settings } from './settings/settings.js'
import { USER_AGENT } from './version.js'
import { InputError } from './base/errors.js'
import { append } from './base/arrays.js'

/**
 * A deploy of another version than the manifest's, always private: a pull
 * request's preview. Found by the manifest's name; created when missing, with
 * the secrets of the highest release below the manifest's version.
 */
export interface Retarget {
  /** The version deployed, from the manifest's (`1.5.0` → `1.5.0-pr.42`). */
  versionFrom(manifestVersion: string): string
}

export interface DeployOptions {
  retarget?: Retarget
  /** Told what is about to be written, once, just before the write (a GitHub deployment starts there). */
  beforeWrite?: (plan: Plan) => Promise<void>
  /** `check-version-bump`: what the pull request changed (paths from the workspace); nothing is written. */
  changes?: ReadonlySet<string>
}

/**
 * manifest → which version (by id, or name@version) → secrets → find it on
 * Botpress → plan a create or an update → write (or validate) → verification.
 */
export async function deploy(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log, options: DeployOptions = {}): Promise<void> {
  const { retarget, changes } = options
  let { beforeWrite } = options
  const loaded = await loadManifest(settings, env, state, log)
  if (changes && !touches(loaded, settings, changes)) {
    log.info(`${loaded.displayPath}: nothing of this integration changed in the pull request; its version is not checked.`)
    state.operation = 'unchanged'
    return
  }
  const manifest = retarget ? privateVersion(loaded, log) : loaded
  const lookup = retarget ? retargetLookup(manifest, settings, retarget) : chooseLookup(manifest, settings)
  if (retarget && lookup.by === 'name') state.previewVersion = lookup.version

  // SECRET_<INTEGRATION>_<NAME> first: one env block serves every integration of a repository.
  const secretsEnv = manifest.name ? integrationSecretsEnv(env, manifest.name) : env
  const sources = { env: secretsEnv, provided: settings.secrets, prefix: settings.secretsPrefix }
  const values = resolveSecrets(manifest.secrets, sources)
  for (const { name, key, from } of nearMisses(manifest.secrets, sources, values)) {
    const where = from === 'env' ? "the step's env has" : 'the `secrets` input has'
    log.warning(
      `Secret ${name} has no value in this run, but ${where} ${key}, which is close: if ${key} was meant for ${name}, rename it (Botpress keeps the old value otherwise).`,
    )
  }
  const parts = maskableParts(values.values())
  for (const part of parts) log.mask(part)
  append(state.secretValues, parts)

  const client = new BotpressClient({ ...transportOptions(settings, state, log), bypassBreakingChanges: settings.bypassBreakingChanges })
  if (retarget && settings.requestVerification) log.notice('`request-verification` is ignored for a preview: only public versions are verified.')
  const requestVerification = settings.requestVerification && !retarget
  const applyOptions = { dryRun: settings.dryRun, requestVerification, displayPath: manifest.displayPath }

  // A preview is created whatever `if-missing` says: it is the pull request's own.
  let target = await findTarget(client, lookup, manifest, retarget ? { ...settings, ifMissing: 'create' } : settings)
  if (target.operation === 'update') {
    state.integration = target.integration
    if (changes && target.integration.visibility !== 'private') {
      const { name, version, visibility } = target.integration
      throw new InputError(
        `${path.posix.dirname(manifest.displayPath)} changed but ${name}@${version} is already ${visibility === 'public' ? 'published' : 'released as unlisted'}: merging this fails. Bump \`version\` in ${manifest.displayPath}.`,
      )
    }
  }
  if (changes && !settings.dryRun) {
    log.info(`${manifest.displayPath} changed, and its version is not published yet: the version bump is there.`)
    state.operation = 'checked'
    return
  }
  if (target.operation === 'update') {
    if (settings.skipPublished && target.integration.visibility !== 'private') {
      const { name, version, visibility } = target.integration
      log.notice(
        `${name}@${version} is already ${visibility} on Botpress, so it cannot change: skipped (\`skip-published\`). Bump \`version\` in ${manifest.displayPath} to release a change.`,
      )
      state.operation = 'skipped'
      return
    }
  }
  const local: LocalInput = {
    definition: await resolveInterfaces(client, manifest),
    files: manifest.files,
    declarations: manifest.secrets,
    values,
    secretsPrefix: settings.secretsPrefix,
    bypassBreakingChanges: settings.bypassBreakingChanges,
  }

  if (target.operation === 'create') {
    const plan = showPlan(planCreate({ ...local, name: target.name, version: target.version, previous: target.previous }), state, log)
    await beforeWrite?.(plan)
    const created = await createVersion(client, plan, applyOptions, log)
    if (created !== 'exists') {
      record(state, created)
      return
    }
    // Another run created it since the lookup: update it, once.
    log.warning(`${plan.name}@${plan.version} was created by another run since this one looked; updating it instead.`)
    target = await findAfterConflict(client, target.name, target.version)
    state.integration = target.integration
    beforeWrite = undefined
  }
  const plan = showPlan(planUpdate({ ...local, remote: target.integration, prune: settings.prune }), state, log)
  await beforeWrite?.(plan)
  record(state, await updateVersion(client, target, plan, applyOptions, log))
}

/** How every Botpress client of the run reaches the API: the settings' limits, the log's ears, the run's scrubber. */
export function transportOptions(settings: Settings, state: RunState, log: Log): TransportOptions {
  return {
    baseUrl: settings.apiUrl,
    token: settings.token,
    workspaceId: settings.workspaceId,
    userAgent: USER_AGENT,
    timeoutMs: settings.timeoutMs,
    maxAttempts: settings.maxAttempts,
    onRetry: (message) => log.warning(message),
    onResponse: (message) => log.debug(message),
    scrub: scrubberFor(state.secretValues),
  }
}

/**
 * Reads and parses the manifest, telling the report what it names as soon as
 * it is parsed; checks nothing, reads none of the files it names. A TypeScript
 * or JavaScript definition is another source of the same data: its loader is a
 * chunk of its own, loaded only by runs that need it.
 */
export async function parseManifestSource(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log): Promise<ParsedManifest> {
  const { manifestFile, manifestDisplayPath, workspace } = settings
  const parsed = DEFINITION_FILE.test(manifestFile)
    ? await (
        await import('./definition/read.js')
      ).readDefinition(manifestFile, manifestDisplayPath, workspace, {
        debug: (message) => log.debug(message),
        isolate: true,
        timeoutMs: settings.timeoutMs,
      })
    : await readManifest(manifestFile, manifestDisplayPath, env, workspace, holdsSecretOf(knownSecretValues(settings, env)))
  const declared = (parsed.data ?? {}) as Record<string, unknown>
  const text = (key: string) => (typeof declared[key] === 'string' ? { [key]: declared[key] as string } : {})
  state.label = { ...text('id'), ...text('title'), ...text('name'), ...text('version') }
  return parsed
}

/** The manifest, checked, with the files it names read. */
async function loadManifest(settings: Settings, env: NodeJS.ProcessEnv, state: RunState, log: Log): Promise<Manifest> {
  const parsed = await parseManifestSource(settings, env, state, log)
  return checkManifest(parsed, path.dirname(settings.manifestFile), settings.workspace)
}

/** The manifest without `visibility`: a preview stays private, whatever the manifest publishes. */
function privateVersion(manifest: Manifest, log: Log): Manifest {
  const { visibility, ...definition } = manifest.definition
  if (visibility === undefined) return manifest
  if (visibility !== 'private') log.notice(`A preview is always private: \`visibility: ${visibility}\` in ${manifest.displayPath} is not sent.`)
  return { ...manifest, definition }
}

/** The preview's name@version lookup: by the manifest's name, whatever id it has; previous versions below the manifest's. */
function retargetLookup(manifest: Manifest, settings: Settings, retarget: Retarget): Lookup {
  const { id: _id, ...byName } = manifest
  const lookup = chooseLookup(byName, settings.expectedVersion === undefined ? {} : { expectedVersion: settings.expectedVersion })
  if (lookup.by !== 'name') throw new Error('unreachable: a lookup without an id is by name')
  return { ...lookup, version: retarget.versionFrom(lookup.version), previousBelow: lookup.version }
}

/** Whether the pull request changed this integration: a file under its manifest's folder, the manifest, or a file it names. */
function touches(manifest: Manifest, settings: Settings, changes: ReadonlySet<string>): boolean {
  const fromWorkspace = (file: string) => path.relative(settings.workspace, file).split(path.sep).join('/')
  const folder = fromWorkspace(path.dirname(settings.manifestFile))
  const named = new Set([manifest.displayPath, ...manifest.files.map((file) => fromWorkspace(file.absolute))])
  return [...changes].some((changed) => named.has(changed) || folder === '' || changed.startsWith(`${folder}/`))
}

/** Whether a value holds one of `secrets`, in any shape the scrubber knows (base64, URL- or JSON-encoded…). */
function holdsSecretOf(secrets: readonly string[]): (value: string) => boolean {
  const scrub = scrubberFor(secrets)
  return (value) => scrub(value) !== value
}

/**
 * Every credential value the run can see, whether the manifest declares it or
 * not: the tokens, every string of the `secrets` input and every SECRET_* variable.
 */
function knownSecretValues(settings: Settings, env: NodeJS.ProcessEnv): string[] {
  const values = [
    settings.token,
    settings.githubToken,
    ...Object.values(settings.secrets),
    ...Object.entries(env)
      .filter(([name]) => name.startsWith('SECRET_'))
      .map(([, value]) => value),
  ]
  return values.filter((value): value is string => typeof value === 'string' && isScrubbable(value))
}

function showPlan(plan: Plan, state: RunState, log: Log): Plan {
  state.plan = plan
  const previous = plan.previousVersion ? ` (previous version ${plan.previousVersion})` : ''
  const scrub = scrubberFor(state.secretValues)
  log.group(`Plan: ${plan.operation} ${plan.name}@${plan.version}${previous}`, formatPlanLog(plan, scrub))
  const breaking = breakingLog(plan, scrub)
  if (breaking && plan.breakingAllowed === 'new-major') log.info(breaking)
  else if (breaking) log.warning(breaking)
  for (const name of plan.secrets.skipped) {
    log.warning(`Secret ${name} is optional and has no value (set SECRET_${name} or pass it in \`secrets\`); it was left out.`)
  }
  return plan
}

function record(state: RunState, applied: { operation: Operation; integration?: RemoteIntegration }): void {
  state.operation = applied.operation
  if (applied.integration) state.integration = applied.integration
}
