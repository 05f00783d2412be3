// `npm run demo`: the whole job, end to end, on this machine. It starts the
// Botpress-compatible API on 127.0.0.1 holding an older version of the example
// integration, runs the committed bundle (dist/index.js) exactly as a runner
// would on examples/acme-crm/integration.yml, and shows what a runner shows:
// the log as the runner renders it, then the outputs and the job summary.
//   npm run demo -- --dry-run                 validate instead of applying
//   npm run demo -- --manifest path/to/integration.yml
//                                             deploy your own manifest, against a local
//                                             API that holds a matching integration
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { makeId, seedIntegration, startBotpressApi } from '../__tests__/support/botpress-api.mjs'
import { runAction } from '../__tests__/support/runner.mjs'
import { projectRoot } from '../__tests__/support/runner.mjs'

const args = process.argv.slice(2)
const dryRun = args.includes('--dry-run')
const manifestArg = args.includes('--manifest') ? args[args.indexOf('--manifest') + 1] : undefined
if (args.includes('--manifest') && !manifestArg) {
  console.error('--manifest needs a path, as in: npm run demo -- --manifest integrations/crm/integration.yml')
  process.exit(2)
}

const manifestFile = path.resolve(manifestArg ?? path.join(projectRoot, 'examples/acme-crm/integration.yml'))
// The workspace is the folder the runner checks out: this one, or the manifest's own when it lies elsewhere.
const workspace = manifestFile.startsWith(`${process.cwd()}${path.sep}`) ? process.cwd() : path.dirname(manifestFile)
const declared = /** @type {Record<string, any>} */ (parse(await readFile(manifestFile, 'utf8')) ?? {})
const [handle, bare] = String(declared.name ?? 'acme/acme-crm').includes('/') ? String(declared.name).split('/') : ['acme', String(declared.name)]
const name = `${handle}/${bare}`
const version = /^\d+\.\d+\.\d+/.test(String(declared.version ?? '')) ? String(declared.version) : '1.0.0'

// What an earlier deploy left on Botpress: for the example, an action and a secret the manifest no longer has (pruned).
const seeded = manifestArg
  ? seedIntegration({ id: makeId(), name, version, title: `${declared.title ?? bare} (as deployed before)` })
  : seedIntegration({
      id: 'intver_01JDEMOACMECRM0000000000',
      name,
      version,
      title: 'Acme CRM (old title)',
      actions: {
        deleteLead: { title: 'Delete lead', description: '', billable: false, cacheable: false, input: { schema: {} }, output: { schema: {} }, attributes: {} },
      },
      secrets: ['LEGACY_TOKEN'],
    })
const api = await startBotpressApi({ integrations: [seeded], handle })

// A made-up value for each secret the manifest declares, so that the run has what it needs.
const secretNames = Array.isArray(declared.secrets) ? declared.secrets : Object.keys(declared.secrets ?? {})
const env = Object.fromEntries(
  secretNames.map((secret) => [
    `SECRET_${String(secret)
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase()}`,
    `demo-value-for-${secret}`,
  ]),
)
const manifest = path.relative(workspace, manifestFile).split(path.sep).join('/')
const inputs = { token: api.token, 'workspace-id': api.workspaceId, manifest, 'api-url': api.url, 'dry-run': String(dryRun) }

const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)
const list = (record) => Object.keys(record ?? {}).join(', ') || 'none'
console.log(bold(`Botpress has (a local API on ${api.url}):`))
console.log(`  ${seeded.name}@${seeded.version} (${seeded.id}), "${seeded.title}"`)
console.log(`  actions: ${list(seeded.actions)}; events: ${list(seeded.events)}; secrets: ${seeded.secrets.join(', ') || 'none'}`)
console.log(bold('\nThe step, as a workflow would write it:'))
console.log(
  `  - uses: acme/deploy-botpress-integration@v1\n    with:\n${Object.entries({
    ...inputs,
    token: '${{ secrets.BOTPRESS_TOKEN }}',
    'workspace-id': '${{ vars.BOTPRESS_WORKSPACE_ID }}',
    'api-url': undefined,
    'dry-run': dryRun ? 'true' : undefined,
  })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `      ${key}: ${value}`)
    .join('\n')}${
    Object.keys(env).length
      ? `\n    env:\n${Object.keys(env)
          .map((key) => `      ${key}: \${{ secrets.${key.slice('SECRET_'.length)} }}`)
          .join('\n')}`
      : ''
  }`,
)
console.log(bold('\nThe log, as the runner shows it (plan: + added, ~ changed, - removed on Botpress):'))

/** One line of the step's stdout as the runner renders it: commands consumed, annotations labelled. */
function render(line) {
  const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
  if (!command) return `  ${line}`
  const [, name, message] = command
  const text = message.replace(/%0A/g, '\n    ').replace(/%0D/g, '').replace(/%25/g, '%')
  if (name === 'add-mask' || name === 'debug' || name === 'endgroup') return undefined
  if (name === 'group') return `  ▾ ${text}`
  return `  ${name[0].toUpperCase()}${name.slice(1)}: ${text}`
}

try {
  const run = await runAction({ workspace, inputs, env })
  for (const line of run.stdout.split('\n')) {
    const shown = line && render(line)
    if (shown !== undefined && line) console.log(shown)
  }
  if (run.stderr) console.log(run.stderr)
  console.log(bold(`\nExit code ${run.code} in ${Math.round(run.durationMs)} ms; requests: ${api.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`))
  const bad = api.requests.flatMap((r) => r.violations)
  if (bad.length) console.log(`Requests that break the OpenAPI document:\n${bad.join('\n')}`)
  console.log(bold('\nStep outputs:'))
  for (const [output, value] of Object.entries(run.outputs)) console.log(`  ${output}: ${value.length > 110 ? `${value.slice(0, 107)}...` : value}`)
  console.log(bold('\nJob summary:'))
  console.log(run.summary)
  process.exitCode = run.code ?? 1
} finally {
  await api.close()
}
