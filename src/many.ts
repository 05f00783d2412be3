import { deploy } from './deploy.js'
import { InputError, errorMessage } from './base/errors.js'
import { bufferedLog, type Log } from './base/log.js'
import { inPool } from './base/pool.js'
import type { RunContext } from './github/context.js'
import { publishManyComment, writeManySummary, writeResultsOutputs } from './report/report.js'
import type { TargetResult } from './report/results.js'
import type { RunState } from './report/run-state.js'
import { redact } from './secrets/redact.js'
import type { Settings } from './settings/settings.js'
import type { Target } from './targets/resolve.js'
import { pullRequestChanges } from './version-gate.js'

/** What only one integration can have: refused before anything is read. */
function refuseOneIntegrationInputs(settings: Settings, count: number): void {
  const refused = [
    settings.integrationId !== undefined && '`integration-id` names one integration: give each manifest its own `id`, or leave it out',
    settings.expectedVersion !== undefined && '`expected-version` names one version: check each manifest’s `version` in its own step, or leave it out',
    (settings.preview || settings.previewSweep) && '`preview` works on one manifest for now: one step per integration',
    settings.environment !== '' && '`environment` records one deployment: one step per integration',
  ].filter((reason): reason is string => Boolean(reason))
  if (refused.length)
    throw new InputError(`Input \`manifest\` names ${count} integrations, so these inputs cannot be used: ${refused.join('; ')}. Nothing was sent.`)
}

/**
 * Deploys each target as a run of one would (its own lookup, plan, write and
 * verification), at most `max-parallel` at once, each one's log lines kept
 * together; with `fail-fast`, none starts after the first failure. Never
 * throws for one integration's failure: that is its result.
 */
export async function deployMany(
  settings: Settings,
  context: RunContext,
  targets: readonly Target[],
  env: NodeJS.ProcessEnv,
  state: RunState,
  log: Log,
  annotate: (error: unknown) => void,
): Promise<TargetResult[]> {
  refuseOneIntegrationInputs(settings, targets.length)
  const changes = settings.checkVersionBump ? await pullRequestChanges(settings, context, log) : undefined
  log.info(`Deploying ${targets.length} integrations, at most ${settings.maxParallel} at once: ${targets.map((t) => t.displayPath).join(', ')}`)
  return inPool(targets, settings.maxParallel, (target) => deployOne(settings, target, env, state, log, annotate, changes), {
    stopAfter: (result) => settings.failFast && result.operation === 'failed',
    notStarted: (target) => ({
      manifest: target.displayPath,
      operation: 'skipped',
      failure: 'Not started: `fail-fast` stopped the run after an integration failed.',
    }),
  })
}

async function deployOne(
  settings: Settings,
  target: Target,
  env: NodeJS.ProcessEnv,
  shared: RunState,
  log: Log,
  annotate: (error: unknown) => void,
  changes: ReadonlySet<string> | undefined,
): Promise<TargetResult> {
  const state: RunState = { dryRun: settings.dryRun, secretValues: [...shared.secretValues] }
  const who = () => {
    const name = state.integration?.name ?? state.plan?.name ?? state.label?.name
    const version = state.integration?.version ?? state.plan?.version ?? state.label?.version
    return name && version ? `${name}@${version}` : target.displayPath
  }
  const own = bufferedLog(log, who)
  const targetSettings: Settings = { ...settings, manifestFile: target.file, manifestDisplayPath: target.displayPath }
  try {
    await deploy(targetSettings, env, state, own, changes ? { changes } : {})
  } catch (error) {
    annotate(error)
    state.failure = redact(errorMessage(error), state.secretValues)
    own.info(`Failed: ${state.failure}`)
  } finally {
    // The report scrubs every secret any integration met.
    for (const value of state.secretValues) if (!shared.secretValues.includes(value)) shared.secretValues.push(value)
    own.flush(who())
  }
  const name = state.plan?.name ?? state.label?.name
  const version = state.plan?.version ?? state.label?.version
  return {
    manifest: target.displayPath,
    operation: state.failure !== undefined || !state.operation ? 'failed' : state.operation,
    ...(name !== undefined && { name }),
    ...(version !== undefined && { version }),
    ...(state.integration && { integration: state.integration }),
    ...(state.plan && { plan: state.plan }),
    ...(state.failure !== undefined && { failure: state.failure }),
  }
}

/** Outputs, summary and comment of a run of several; the failure that fails the step, if any integration failed. */
export async function reportMany(settings: Settings, context: RunContext, results: readonly TargetResult[], state: RunState): Promise<string | undefined> {
  writeResultsOutputs(results, state)
  await writeManySummary(results, state)
  if (settings.commentOnPr) await publishManyComment(settings, context, results, state)
  const failed = results.filter((result) => result.operation === 'failed')
  if (!failed.length) return undefined
  const lines = failed.map(
    (result) => `  - ${result.name && result.version ? `${result.name}@${result.version}` : result.manifest}: ${(result.failure ?? '').split('\n')[0]}`,
  )
  return redact(`${failed.length} of ${results.length} integrations failed:\n${lines.join('\n')}`, state.secretValues)
}
