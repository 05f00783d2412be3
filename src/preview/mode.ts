import { InputError } from '../base/errors.js'
import type { RunContext } from '../github/context.js'
import { checkPreviewPattern, type PreviewOf } from './version.js'

/** What a run does: deploy the manifest's version, deploy a pull request's preview, or end one. */
export type Mode = { kind: 'deploy' } | { kind: 'preview'; of: PreviewOf } | { kind: 'preview-closed'; of: PreviewOf } | { kind: 'preview-sweep' }

/**
 * Decides the mode from the settings and the event, before anything is read:
 * `preview: true` needs a pull request (its number names the version), and is
 * a deploy of its own, so neither a dry run nor a version named by id.
 */
export function chooseMode(
  settings: { preview: boolean; previewSweep?: boolean; previewVersion: string; previewBot?: boolean; dryRun: boolean; integrationId?: string },
  context: RunContext,
): Mode {
  if (settings.previewSweep) {
    if (settings.previewVersion) checkPreviewPattern(settings.previewVersion)
    if (settings.dryRun)
      throw new InputError('Inputs `preview: cleanup-stale` and `dry-run` are both set: the sweep deletes, a dry run writes nothing. Choose one.')
    return { kind: 'preview-sweep' }
  }
  if (!settings.preview) {
    if (settings.previewBot)
      throw new InputError('Input `preview-bot` is true but `preview` is not: the preview bot installs a pull request’s preview version. Set `preview: true`.')
    return { kind: 'deploy' }
  }
  if (settings.previewVersion) checkPreviewPattern(settings.previewVersion)
  const pullRequest = context.pullRequest
  if (!pullRequest) {
    throw new InputError(
      `Input \`preview\` is true on a ${context.eventName || 'run without an'} event: previews are versions of a pull request, so run it on \`pull_request\` ` +
        "(or set `preview: ${{ github.event_name == 'pull_request' }}`). Nothing was sent.",
    )
  }
  if (settings.dryRun) {
    throw new InputError('Inputs `preview` and `dry-run` are both true: a preview deploys a version of its own, a dry run writes nothing. Choose one.')
  }
  if (settings.integrationId !== undefined) {
    throw new InputError(
      'Input `integration-id` names one version, but a preview deploys a version of its own (found by the manifest’s name): leave `integration-id` empty for previews.',
    )
  }
  const of = { number: pullRequest.number, sha: pullRequest.headSha }
  return pullRequest.action === 'closed' ? { kind: 'preview-closed', of } : { kind: 'preview', of }
}
