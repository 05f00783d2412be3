import type { RemoteIntegration } from '../botpress/integration.js'
import type { Removed } from '../preview/cleanup.js'
import type { Plan } from '../plan/plan.js'
import type { ManifestLabel, RunOperation } from './format.js'

/**
 * What the run has learnt so far, for the report, whether it succeeds or not:
 * the values the steps return, recorded by the run (deploy.ts and main.ts).
 */
export interface RunState {
  dryRun: boolean
  /** The version as Botpress has it: found, then as the write left it. */
  integration?: RemoteIntegration
  operation?: RunOperation
  plan?: Plan
  failure?: string
  /** What the manifest says of the integration, as soon as it is parsed. */
  label?: ManifestLabel
  /** The version a pull request's preview deployed, once it is known. */
  previewVersion?: string
  /** The preview bot and how its registration ended; the webhook URL is an output only, masked. */
  previewBot?: { id: string; name: string; status: string; reason?: string; webhookUrl: string; url: string }
  /** The GitHub deployment this run recorded, once GitHub created it. */
  deploymentId?: number
  /** What a preview cleanup removed, and for which pull request. */
  removed?: Removed[]
  pullRequest?: number
  /** The token and every secret value met, so that text leaving the log can be scrubbed of them. */
  secretValues: string[]
}
