// `npm run demo`: the whole job, end to end, on this machine. It starts the
// Botpress-compatible API on 127.0.0.1 holding an older version of the example
// integration, runs the committed bundle (dist/index.js) exactly as a runner
// would on examples/acme-crm/integration.yml, then prints its outputs and summary.
// `npm run demo -- --dry-run` validates instead of applying.
import { seedIntegration, startBotpressApi } from '../__tests__/support/botpress-api.mjs'
import { runAction } from '../__tests__/support/runner.mjs'

const dryRun = process.argv.includes('--dry-run')
const api = await startBotpressApi({
  integrations: [
    seedIntegration({
      id: 'intver_01JDEMOACMECRM0000000000',
      name: 'acme/acme-crm',
      version: '1.4.0',
      title: 'Acme CRM (old title)',
      // What an earlier deploy left, which the manifest no longer has: pruned.
      actions: {
        deleteLead: { title: 'Delete lead', description: '', billable: false, cacheable: false, input: { schema: {} }, output: { schema: {} }, attributes: {} },
      },
      secrets: ['LEGACY_TOKEN'],
    }),
  ],
})
console.log(`Botpress-compatible API listening on ${api.url}\n`)

try {
  const run = await runAction({
    inputs: {
      token: api.token,
      'workspace-id': api.workspaceId,
      manifest: 'examples/acme-crm/integration.yml',
      'api-url': api.url,
      'dry-run': String(dryRun),
      secrets: JSON.stringify({ API_KEY: 'demo-api-key-not-a-real-one', GITHUB_TOKEN: 'ghs_ignored' }),
    },
    stdio: 'inherit-too',
  })
  console.log(`\n── exit code ${run.code} in ${Math.round(run.durationMs)} ms; requests: ${api.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`)
  const bad = api.requests.flatMap((r) => r.violations)
  if (bad.length) console.log(`── requests that break the OpenAPI document:\n${bad.join('\n')}`)
  console.log('\n── step outputs')
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`${name}: ${value.length > 120 ? `${value.slice(0, 117)}...` : value}`)
  }
  console.log(`\n── job summary\n${run.summary}`)
  process.exitCode = run.code ?? 1
} finally {
  await api.close()
}
