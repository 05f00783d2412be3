// `npm run build`: bundles the action into dist/ with ncc, in two parts.
// dist/index.js is what every run loads. undici, which @actions/http-client
// and Octokit import but a plain deploy never calls, is bundled on its own in
// dist/undici/ and reached through src/undici-lazy.cjs only when used (see
// there; `npm run bench` shows what it saves). Chunks that ncc splits off at
// dynamic imports (Octokit, for pull-request comments) load only when used too.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises'
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

const [action, undici] = await Promise.all([
  ncc(path.join(root, 'src/index.ts'), { externals: { undici: './undici-lazy.cjs' }, license: 'licenses.txt', quiet: true }),
  ncc(require.resolve('undici'), { license: 'licenses.txt', quiet: true }),
])
await rm(dist, { recursive: true, force: true })
await emit(action, dist, 'index.js')
await emit(undici, path.join(dist, 'undici'), 'index.cjs')
await copyFile(path.join(root, 'src/undici-lazy.cjs'), path.join(dist, 'undici-lazy.cjs'))

for (const file of ['index.js', ...Object.keys(action.assets), 'undici-lazy.cjs', 'undici/index.cjs']) {
  const { size } = await import('node:fs').then((fs) => fs.statSync(path.join(dist, file)))
  console.log(`${(size / 1024).toFixed(0).padStart(6)} KiB  dist/${file}`)
}
