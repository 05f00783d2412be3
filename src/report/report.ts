import * as core from '@actions/core'
import type { RemoteIntegration } from '../api/integration.js'
import type { Plan } from '../plan/plan.js'
import { failureMarkdown, outputsFor, summaryMarkdown } from './format.js'

export interface RunResult {
  integration: RemoteIntegration
  dryRun: boolean
  plan: Plan
}

async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (local runs) there is no summary file.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export async function reportResult(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(outputsFor(result.integration, result.dryRun))) core.setOutput(name, value)
  await writeSummary(summaryMarkdown(result))
}

export async function reportFailure(
  message: string,
  progress: { integration?: RemoteIntegration; plan?: Plan; dryRun: boolean },
): Promise<void> {
  core.setOutput('dry-run', String(progress.dryRun))
  const markdown = progress.integration
    ? summaryMarkdown({ integration: progress.integration, dryRun: progress.dryRun, failure: message, ...(progress.plan && { plan: progress.plan }) })
    : failureMarkdown(message)
  await writeSummary(markdown)
}
