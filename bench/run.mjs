// `npm run bench`: the action against the floor (bench/floor.mjs), each a whole
// process measured from outside, alternating A B A B after a warm-up, on the
// example integration, a large one, and start-up alone; then a definition
// deployed with each bundler the action can find (the repository's esbuild,
// the global CLI's esbuild, the repository's typescript). Prints the tables and
// writes bench/results.json. `--quick` runs 3 rounds, only to prove it works.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { seedIntegration, startBotpressApi } from '../__tests__/support/botpress-api.mjs'
import { definitionWorkspace, fakeCliInstall, pathWithoutBp } from '../__tests__/support/definition-workspace.mjs'
import { actionNode, bundle, projectRoot, runAction } from '../__tests__/support/runner.mjs'
import { exampleIntegration, largeIntegration } from './fixtures.mjs'
import { benchMany } from './many.mjs'

const quick = process.argv.includes('--quick')
const rounds = quick ? 3 : Number(process.env.BENCH_ROUNDS ?? 10)
const here = path.dirname(fileURLToPath(import.meta.url))
const floorScript = path.join(here, 'floor.mjs')
const peakPreload = path.join(here, 'peak.cjs')
const ID = 'intver_01JDEMOACMECRM0000000000'

const api = await startBotpressApi({ integrations: [seedIntegration({ id: ID })] })
const peakDir = await mkdtemp(path.join(os.tmpdir(), 'bench-peak-'))
let runNumber = 0

/** One whole process, from spawn to exit: wall time and peak resident memory. */
async function measure(script, integration) {
  const peakFile = path.join(peakDir, `${runNumber++}`)
  const run = await runAction({
    script,
    nodeArgs: ['-r', peakPreload],
    workspace: integration?.workspace ?? projectRoot,
    inputs: integration
      ? {
          token: api.token,
          'workspace-id': api.workspaceId,
          manifest: integration.manifest,
          'api-url': api.url,
          // A definition is found by its name and version.
          ...(!integration.path && { 'integration-id': ID, secrets: JSON.stringify({ API_KEY: 'bench-key' }) }),
        }
      : {},
    env: { BENCH_PEAK_FILE: peakFile, ...(integration?.path && { PATH: integration.path }) },
  })
  // Start-up ends with the missing-input error; the empty script with nothing.
  const expected = integration || script !== bundle ? 0 : 1
  if (run.code !== expected) throw new Error(`${path.basename(script)} exited ${run.code}, not ${expected}:\n${run.stdout}\n${run.stderr}`)
  const peak = Number(await readFile(peakFile, 'utf8'))
  if (integration?.path && !new RegExp(`loaded with ${integration.bundler}`).test(run.stdout)) throw new Error(`not loaded with ${integration.bundler}`)
  const put = api.requests.find((r) => r.method === 'PUT')
  api.requests.length = 0
  return { ms: run.durationMs, peak, body: put?.body }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

/** Warm-up once each, then `rounds` rounds of A then B. */
async function compare(label, a, b) {
  const first = [await a(), await b()]
  const samples = { a: [], b: [] }
  for (let i = 0; i < rounds; i++) {
    samples.a.push(await a())
    samples.b.push(await b())
  }
  const summarise = (list) => ({ ms: stats(list.map((s) => s.ms)), peakBytes: stats(list.map((s) => s.peak)) })
  return { label, action: summarise(samples.a), floor: summarise(samples.b), warmup: first }
}

const example = await exampleIntegration()
const large = await largeIntegration()
const results = []
for (const [label, integration] of [
  ['example integration', example],
  ['large integration', large],
]) {
  process.stderr.write(`${label}: warm-up and ${rounds} rounds…\n`)
  // A fresh integration, so that nothing is left to prune from the scenario before.
  api.add(seedIntegration({ id: ID }))
  const result = await compare(
    label,
    () => measure(bundle, integration),
    () => measure(floorScript, integration),
  )
  // The floor is only a floor if it does the same work: the same PUT body.
  const [action, floor] = result.warmup
  if (!isDeepStrictEqual(action.body, floor.body)) throw new Error(`${label}: the floor sent another body than the action`)
  result.bodyBytes = Buffer.byteLength(JSON.stringify(action.body))
  delete result.warmup
  results.push(result)
}
process.stderr.write(`start-up: warm-up and ${rounds} rounds…\n`)
const startup = await compare(
  'start-up (no inputs)',
  () => measure(bundle, undefined),
  () => measure(path.join(here, 'empty.mjs'), undefined),
)
delete startup.warmup
results.push(startup)

// A definition (the crm-actions example) in the three layouts of find-loader.ts.
const npmGlobal = await mkdtemp(path.join(os.tmpdir(), 'bench-npm-global-'))
const { bin } = await fakeCliInstall(npmGlobal)
const definition = 'integration.definition.ts'
const layouts = [
  { label: "repository's esbuild", workspace: await definitionWorkspace('crm-actions', 'all'), path: pathWithoutBp(), bundler: 'esbuild' },
  {
    label: "global CLI's esbuild",
    workspace: await definitionWorkspace('crm-actions', 'bp init'),
    path: pathWithoutBp(bin),
    bundler: 'esbuild .* @botpress/cli',
  },
  { label: "repository's typescript", workspace: await definitionWorkspace('crm-actions', 'bp init'), path: pathWithoutBp(), bundler: 'typescript' },
].map((layout) => ({ ...layout, manifest: definition }))
process.stderr.write(`definition by bundler: warm-up and ${rounds} rounds…\n`)
const definitionSamples = layouts.map(() => [])
for (const layout of layouts) await measure(bundle, layout)
for (let i = 0; i < rounds; i++) for (const [n, layout] of layouts.entries()) definitionSamples[n].push(await measure(bundle, layout))
const definitionRuns = layouts.map((layout, n) => ({
  label: layout.label,
  ms: stats(definitionSamples[n].map((s) => s.ms)),
  peakBytes: stats(definitionSamples[n].map((s) => s.peak)),
}))

// One step over many integrations against one step each (bench/many.mjs): 40 of each kind, 4 in a quick run.
const many = await benchMany({ count: quick ? 4 : 40, rounds: quick ? 1 : 3 })

const distNames = (await readdir(path.join(projectRoot, 'dist'), { recursive: true })).map(String)
const distFiles = (await Promise.all(distNames.map(async (name) => ({ name, stat: await stat(path.join(projectRoot, 'dist', name)) }))))
  .filter((f) => f.stat.isFile())
  .map((f) => ({ name: f.name, bytes: f.stat.size }))
const jsFiles = distFiles.filter((f) => /\.c?js$/.test(f.name))
const largest = jsFiles.reduce((a, b) => (b.bytes > a.bytes ? b : a))
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.versions.node,
  actionNode,
  platform: `${os.platform()} ${os.arch()}`,
}
const report = {
  date: new Date().toISOString(),
  rounds,
  machine,
  dist: { totalBytes: distFiles.reduce((n, f) => n + f.bytes, 0), loadedOnEveryRun: (await stat(bundle)).size, largest, files: distFiles },
  results,
  definitionRuns,
  many,
}
await writeFile(path.join(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`)

const ms = (s) => `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`
const mb = (s) => `${(s.median / 2 ** 20).toFixed(1)} MB (${(s.min / 2 ** 20).toFixed(1)}–${(s.max / 2 ** 20).toFixed(1)})`
const ratio = (a, b) => (a.median / b.median).toFixed(2)
const rows = results.map((r) => [
  r.label,
  ms(r.action.ms),
  ms(r.floor.ms),
  `${ratio(r.action.ms, r.floor.ms)}×`,
  mb(r.action.peakBytes),
  mb(r.floor.peakBytes),
  `${ratio(r.action.peakBytes, r.floor.peakBytes)}×`,
  r.bodyBytes
    ? `${(r.action.peakBytes.median / r.bodyBytes).toFixed(1)}× of ${r.bodyBytes > 2 ** 20 ? `${(r.bodyBytes / 2 ** 20).toFixed(1)} MB` : `${(r.bodyBytes / 1024).toFixed(1)} KB`}`
    : '',
])
const header = ['scenario', 'action wall', 'floor wall', 'ratio', 'action peak', 'floor peak', 'ratio', 'action peak / body']
console.log(`\nBenchmark, ${rounds} rounds after a warm-up, median (min–max); ${machine.cores} cores, ${machine.cpu}, Node ${process.versions.node}`)
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`)
for (const row of rows) console.log(`| ${row.join(' | ')} |`)
console.log(`\nA definition (crm-actions) deployed whole, by the bundler that loads it (${rounds} rounds after a warm-up, median (min–max)):`)
console.log('| bundler | action wall | action peak |\n|---|---|---|')
for (const run of definitionRuns) console.log(`| ${run.label} | ${ms(run.ms)} | ${mb(run.peakBytes)} |`)
console.log(
  `\n${many.count} integrations in one step against ${many.count} steps of one, run one after the other (${many.rounds} rounds after a warm-up, median):`,
)
console.log('| integrations | one step | separate steps | ratio |\n|---|---|---|---|')
for (const [label, figures] of [
  ['YAML manifests (the example)', many.yaml],
  ['definitions (crm-actions)', many.definitions],
]) {
  console.log(`| ${many.count} ${label} | ${Math.round(figures.oneStepMs)} ms | ${Math.round(figures.separateMs)} ms | ${figures.ratio.toFixed(2)}× |`)
}
console.log(
  `\ndist/: ${(report.dist.totalBytes / 1024).toFixed(0)} KiB in ${distFiles.length} files; loaded on every run: dist/index.js, ${(report.dist.loadedOnEveryRun / 1024).toFixed(0)} KiB; largest file: ${largest.name}, ${(largest.bytes / 1024).toFixed(0)} KiB`,
)
console.log('start-up floor: an empty Node.js script. Figures also in bench/results.json')

await api.close()
await rm(peakDir, { recursive: true, force: true })
await Promise.all([example, large, ...layouts].map((i) => rm(i.workspace, { recursive: true, force: true })))
await rm(npmGlobal, { recursive: true, force: true })
