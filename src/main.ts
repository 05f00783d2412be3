import * as core from '@actions/core'
import type { RunState } from './report/run-state.js'
import { runMode } from './modes.js'
import { logLine, type Log } from './base/log.js'
import { InputError, errorMessage } from './base/errors.js'
import { readRunContext } from './github/context.js'
import { isScrubbable, redact } from './secrets/redact.js'
import { maskableParts } from './secrets/resolve.js'
import { stringLeaves } from './base/record.js'
import {
  publishComment,
  reportSkipped,
  setOutputQuietly,
  writeFailureOutputs,
  writeMatrix,
  writeOutputs,
  writePreviewBotOutputs,
  writeSummary,
} from './report/report.js'
import { missingTokenError, readSettings, type Settings } from './settings/settings.js'
import type { TargetResult } from './report/results.js'
import { namesSeveral } from './targets/glob.js'

const readInput = (name: string) => core.getInput(name)

const log: Log = {
  debug: (message) => core.debug(message),
  // Messages and plan lines carry names from the manifest and the server:
  // info lines are the ones the runner would read as commands. (debug,
  // warning, error and group titles are escaped by @actions/core itself.)
  info: (message) => core.info(logLine(message)),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  group: (title, lines) => {
    core.startGroup(title)
    for (const line of lines) core.info(logLine(line))
    core.endGroup()
  },
  mask: (value) => core.setSecret(value),
}

/** Each problem with a place in a file becomes an annotation on that line; the log lists the ones past those. */
function annotate(error: unknown): void {
  if (!(error instanceof InputError)) return
  if (error.unlisted.length) log.group(`${error.unlisted.length} more problems`, error.unlisted)
  for (const problem of error.problems) {
    if (!problem.location) continue
    core.error(`${problem.keyPath ? `${problem.keyPath}: ` : ''}${problem.message}`, {
      title: 'Invalid integration manifest',
      file: problem.location.file,
      startLine: problem.location.line,
      startColumn: problem.location.column,
    })
  }
}

export async function run(): Promise<void> {
  // Before anything can be printed.
  const token = readInput('token')
  // Both tokens are masked at once, and scrubbed from summaries and comments along with the secrets.
  const tokens = [token, readInput('github-token')].filter(Boolean)
  for (const value of tokens) core.setSecret(value)
  const context = readRunContext(process.env)
  const state: RunState = { dryRun: false, secretValues: tokens }
  let settings: Settings | undefined
  // Set when the `manifest` input named several integrations: each one's result.
  let many: TargetResult[] | undefined
  // A fork's pull request gets no secrets and no variables: skipped before any
  // other input is read, since `workspace-id` from `vars` is empty there too.
  if (!token && context.pullRequest?.fromFork) {
    setOutputQuietly('skipped', 'true')
    setOutputQuietly('operation', 'skipped')
    setOutputQuietly('created', 'false')
    await reportSkipped(context.pullRequest.number)
    return
  }
  try {
    settings = readSettings(readInput, process.env)
    state.dryRun = settings.dryRun
    for (const notice of settings.notices) log.notice(notice)
    // The preview bot's configuration holds credentials as the secrets do.
    for (const part of maskableParts(stringLeaves(settings.previewConfiguration).filter(isScrubbable))) {
      log.mask(part)
      state.secretValues.push(part)
    }
    if (!settings.token) throw missingTokenError()
    if (settings.mode === 'list' || namesSeveral(settings.manifestLines)) {
      const { resolveTargets } = await import('./targets/resolve.js')
      const targets = await resolveTargets(settings.manifestLines, settings.workingDirectory, settings.workspace)
      if (settings.mode === 'list') {
        const { listTargets } = await import('./list.js')
        await writeMatrix(await listTargets(settings, targets, process.env, state, log), state)
        return
      }
      if (targets.length > 1) many = await (await import('./many.js')).deployMany(settings, context, targets, process.env, state, log, annotate)
      else settings = { ...settings, manifestFile: targets[0]!.file, manifestDisplayPath: targets[0]!.displayPath }
    }
    if (!many) {
      await runMode(settings, context, state, log)
      writeOutputs(state)
    }
  } catch (error) {
    annotate(error)
    // An API may echo what it was sent; the runner masks the log, but nothing
    // masks an error message copied elsewhere, so it is scrubbed here.
    state.failure = redact(errorMessage(error), state.secretValues)
    writeFailureOutputs(state)
    core.setFailed(state.failure)
  }
  if (many && settings) {
    const failure = await (await import('./many.js')).reportMany(settings, context, many, state)
    if (failure) core.setFailed(failure)
    return
  }
  setOutputQuietly('skipped', 'false')
  if (state.deploymentId !== undefined) setOutputQuietly('deployment-id', String(state.deploymentId))
  writePreviewBotOutputs(state)
  await writeSummary(state, settings, context)
  if (settings?.commentOnPr) await publishComment(settings, context, state)
}
