// Regenerates __tests__/fixtures/openapi.json, the official Botpress admin API
// document, from the npm package @botpress/api (which generates it rather than
// shipping it). The tests check every request the action sends against it.
// Run: npm run openapi
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { adminApi } = require('@botpress/api')
const { version } = require('@botpress/api/package.json')

const target = fileURLToPath(new URL('../__tests__/fixtures/openapi.json', import.meta.url))
const dir = await mkdtemp(path.join(tmpdir(), 'botpress-openapi-'))
try {
  await adminApi.exportOpenapi(dir)
  const document = JSON.parse(await readFile(path.join(dir, 'openapi.json'), 'utf8'))
  document.info = { ...document.info, 'x-generated-from': `@botpress/api@${version}` }
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`)
  console.log(`wrote ${path.relative(process.cwd(), target)} from @botpress/api@${version}`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
