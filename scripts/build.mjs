// `npm run build`: bundles the action into dist/ with ncc, in two parts.
// dist/index.js is what every run loads. undici, which @actions/http-client
// and Octokit import but a plain deploy never calls, is bundled on its own in
// dist/undici/ and reached through src/undici-lazy.cjs only when used (see
// there; `npm run bench` shows what it saves). Chunks that ncc splits off at
// dynamic imports (Octokit, for pull-request comments) load only when used too.
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')

/** Writes one ncc build into `dir`: its code as `main`, and its assets (chunks, licenses). */
async function emit(build, dir, main) {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, main), build.code)
  for (const [name, asset] of Object.entries(build.assets)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), asset.source, { mode: asset.permissions })
  }
}

/** The folders of the packages a build bundled, from its module list. */
function bundledPackages(build) {
  const dirs = new Set()
  const walk = (modules) => {
    for (const module of modules ?? []) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(module.name ?? '')
      if (match) dirs.add(path.resolve(root, match[1]))
      walk(module.modules)
    }
  }
  walk(build.stats.toJson({ modules: true, nestedModules: true }).modules)
  return dirs
}

/** Every bundled package's name, version, license and license text. */
async function licenseNotices(dirs) {
  const notices = new Map()
  for (const dir of dirs) {
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))
    const file = (await readdir(dir)).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name))
    const text = file ? (await readFile(path.join(dir, file), 'utf8')).trim() : `${pkg.license} (no license file in the package)`
    notices.set(`${pkg.name}@${pkg.version}`, `${pkg.name}@${pkg.version}\n${pkg.license}\n${text}`)
  }
  return [...notices.keys()]
    .sort()
    .map((key) => notices.get(key))
    .join('\n\n')
}

// The one undici that every package importing it gets, or the stand-in would
// hand one of them a version it did not ask for.
const undiciEntry = [
  ...new Set(
    ['@actions/http-client', '@actions/github'].map((pkg) => {
      const from = createRequire(path.join(root, 'node_modules', pkg, 'package.json'))
      return from.resolve('undici')
    }),
  ),
]
if (undiciEntry.length !== 1) throw new Error(`undici resolves to several copies (${undiciEntry.join(', ')}); dedupe them (npm dedupe) before building`)

const [action, undici, cli] = await Promise.all([
  ncc(path.join(root, 'src/index.ts'), { externals: { undici: './undici-lazy.cjs' }, quiet: true }),
  ncc(undiciEntry[0], { quiet: true }),
  // The `convert` command (package.json bin): never loaded by the action.
  ncc(path.join(root, 'src/cli.ts'), { quiet: true }),
])
await rm(dist, { recursive: true, force: true })
await emit(action, dist, 'index.js')
await emit(undici, path.join(dist, 'undici'), 'index.cjs')
await emit(cli, path.join(dist, 'cli'), 'index.js')
await copyFile(path.join(root, 'src/undici-lazy.cjs'), path.join(dist, 'undici-lazy.cjs'))
// ncc's own license list misses the packages it concatenates (zod, yaml, @actions/core…).
const packages = new Set([...bundledPackages(action), ...bundledPackages(undici), ...bundledPackages(cli)])
await writeFile(path.join(dist, 'licenses.txt'), `${await licenseNotices(packages)}\n`)

for (const file of ['index.js', ...Object.keys(action.assets), 'licenses.txt', 'undici-lazy.cjs', 'undici/index.cjs', 'cli/index.js']) {
  const { size } = await stat(path.join(dist, file))
  console.log(`${(size / 1024).toFixed(0).padStart(6)} KiB  dist/${file}`)
}
