// The integrations the benchmark deploys: the example, and a large one made
// from it (a 25 MB code bundle, 200 actions and 100 events).
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse, stringify } from 'yaml'
import { projectRoot } from '../__tests__/support/runner.mjs'

const EXAMPLE = path.join(projectRoot, 'examples', 'acme-crm')

/** A workspace holding a copy of the example under integrations/acme-crm. */
async function copyExample() {
  const workspace = await mkdtemp(path.join(tmpdir(), 'bench-'))
  await cp(EXAMPLE, path.join(workspace, 'integrations', 'acme-crm'), { recursive: true })
  return workspace
}

/**
 * The manifest as JSON beside the YAML: the floor reads that (parsing JSON is
 * the least any reader of a manifest must do), the action reads the YAML.
 */
async function writeJsonTwin(dir) {
  const manifest = parse(await readFile(path.join(dir, 'integration.yml'), 'utf8'))
  await writeFile(path.join(dir, 'integration.json'), JSON.stringify(manifest))
}

/** About `bytes` of bundled JavaScript, as ncc or esbuild would write it. */
function bundleText(bytes) {
  const chunks = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const chunk = `/***/ ${i}: ((module, exports, require) => {\n"use strict";\nexports.handler${i} = async function handler${i}(input, ctx) {\n  const result = { id: ctx.id + ${i}, items: input.items.map((item) => ({ ...item, index: ${i} })) };\n  return JSON.stringify(result);\n};\n/***/ }),\n`
    chunks.push(chunk)
    size += chunk.length
  }
  return chunks.join('').slice(0, bytes)
}

export async function exampleIntegration() {
  const workspace = await copyExample()
  await writeJsonTwin(path.join(workspace, 'integrations', 'acme-crm'))
  return { workspace, manifest: 'integrations/acme-crm/integration.yml' }
}

export async function largeIntegration({ codeBytes = 25 * 1024 * 1024, actions = 200, events = 100 } = {}) {
  const workspace = await copyExample()
  const dir = path.join(workspace, 'integrations', 'acme-crm')
  const manifest = parse(await readFile(path.join(dir, 'integration.yml'), 'utf8'))
  const schema = (n) => ({
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: 8 }, (_, j) => [`field${j}`, { type: j % 2 ? 'string' : 'number', description: `Field ${j} of ${n}` }]),
    ),
    required: ['field0'],
  })
  manifest.actions = Object.fromEntries(
    Array.from({ length: actions }, (_, i) => [
      `action${i}`,
      { title: `Action ${i}`, description: `Does thing ${i}.`, input: { schema: schema(`input ${i}`) }, output: { schema: schema(`output ${i}`) } },
    ]),
  )
  manifest.events = Object.fromEntries(Array.from({ length: events }, (_, i) => [`event${i}`, { title: `Event ${i}`, schema: schema(`event ${i}`) }]))
  await writeFile(path.join(dir, 'integration.yml'), stringify(manifest))
  await writeFile(path.join(dir, 'build', 'index.js'), bundleText(codeBytes))
  await writeJsonTwin(dir)
  return { workspace, manifest: 'integrations/acme-crm/integration.yml' }
}
