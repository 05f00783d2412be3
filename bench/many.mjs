// One step deploying N integrations against N steps of one, on the same
// machine in the same run of the benchmark: N copies of the example manifest,
// then N copies of the crm-actions definition, each under integrations/<name>/.
// Every measurement gets an empty API, so that both sides create the same N versions.
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startBotpressApi } from '../__tests__/support/botpress-api.mjs'
import { definitionWorkspace } from '../__tests__/support/definition-workspace.mjs'
import { projectRoot, runAction } from '../__tests__/support/runner.mjs'

const EXAMPLE = path.join(projectRoot, 'examples', 'acme-crm')
const pad = (n) => String(n).padStart(2, '0')

async function yamlRepository(count) {
  const workspace = await definitionWorkspace('crm-actions', 'all')
  for (let n = 1; n <= count; n++) {
    const dir = path.join(workspace, 'yaml', `bench-${pad(n)}`)
    await cp(EXAMPLE, dir, { recursive: true })
    const file = path.join(dir, 'integration.yml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('name: acme/acme-crm', `name: acme/bench-${pad(n)}`))
  }
  return workspace
}

/** The crm-actions definition copied `count` times under definitions/<name>/, sharing the workspace's node_modules. */
async function definitionRepository(workspace, count) {
  const parts = (await readdir(workspace)).filter((name) => !['node_modules', 'yaml', 'definitions'].includes(name))
  for (let n = 1; n <= count; n++) {
    const dir = path.join(workspace, 'definitions', `ledger-${pad(n)}`)
    await mkdir(dir, { recursive: true })
    for (const part of parts) await cp(path.join(workspace, part), path.join(dir, part), { recursive: true })
    const file = path.join(dir, 'integration.definition.ts')
    await writeFile(file, (await readFile(file, 'utf8')).replace("name: 'ledger'", `name: 'ledger-${pad(n)}'`))
  }
}

async function timed(workspace, manifest, expectCreated) {
  const api = await startBotpressApi()
  try {
    const run = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, 'api-url': api.url, manifest, secrets: JSON.stringify({ API_KEY: 'bench-api-key' }) },
    })
    const created = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/admin/integrations').length
    if (run.code !== 0 || created !== expectCreated) throw new Error(`${manifest}: exited ${run.code}, created ${created} of ${expectCreated}\n${run.stdout}`)
    return run.durationMs
  } finally {
    await api.close()
  }
}

/** Wall time of one step over all `count`, and of `count` steps of one, one after the other (as separate steps run). */
async function compareOne(workspace, pattern, single, count, rounds) {
  const one = []
  const separate = []
  await timed(workspace, pattern, count) // warm-up
  for (let round = 0; round < rounds; round++) {
    one.push(await timed(workspace, pattern, count))
    let sum = 0
    for (let n = 1; n <= count; n++) sum += await timed(workspace, single(n), 1)
    separate.push(sum)
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  return { oneStepMs: median(one), separateMs: median(separate), ratio: median(one) / median(separate) }
}

/** The figures of one step against separate steps, for YAML manifests and for definitions. */
export async function benchMany({ count, rounds }) {
  const workspace = await yamlRepository(count)
  try {
    await definitionRepository(workspace, count)
    process.stderr.write(`many integrations: ${count} YAML manifests, ${rounds} rounds…\n`)
    const yaml = await compareOne(workspace, 'yaml/*/integration.yml', (n) => `yaml/bench-${pad(n)}/integration.yml`, count, rounds)
    process.stderr.write(`many integrations: ${count} definitions, ${rounds} rounds…\n`)
    const definitions = await compareOne(
      workspace,
      'definitions/*/integration.definition.ts',
      (n) => `definitions/ledger-${pad(n)}/integration.definition.ts`,
      count,
      rounds,
    )
    return { count, rounds, yaml, definitions }
  } finally {
    await rm(workspace, { recursive: true, force: true })
  }
}
