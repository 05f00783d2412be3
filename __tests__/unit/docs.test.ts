import { describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { withTables } from '../../scripts/readme-tables.mjs'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFile(new URL(path, root), 'utf8')

describe('the README', () => {
  it('has the inputs and outputs tables of action.yml, descriptions and defaults included (npm run readme)', async () => {
    const readme = await read('README.md')
    expect(readme).toBe(withTables(readme, parse(await read('action.yml'))))
    expect(readme).toContain('| `if-missing` | `create` |')
  })

  it('shows every example workflow and the example manifest as they are', async () => {
    const readme = await read('README.md')
    const files = (await readdir(new URL('examples/workflows/', root))).map((name) => `examples/workflows/${name}`)
    expect(files.length).toBeGreaterThanOrEqual(3)
    for (const file of [...files, 'examples/acme-crm/integration.yml']) {
      expect(readme).toContain(`\`\`\`yaml\n${await read(file)}\`\`\``)
    }
  })

  it('gives the two quick-start commands', async () => {
    expect(await read('README.md')).toContain('```sh\nnpm ci && npm run demo\nnpm test\n```')
  })
})

describe('action.yml', () => {
  it('describes every input and output, and runs the bundle on node24', async () => {
    const action = parse(await read('action.yml'))
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect((entry as { description?: string }).description).toBeTruthy()
    }
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })
})

describe('the workflows in .github/workflows', () => {
  it('pin every action from outside this repository by commit SHA, with its version, and bound every job', async () => {
    for (const name of await readdir(new URL('.github/workflows/', root))) {
      const text = await read(`.github/workflows/${name}`)
      for (const [, action] of text.matchAll(/^\s*(?:- )?uses: (\S+.*)$/gm)) {
        if (action!.startsWith('./')) continue
        expect(`${name}: ${action}`).toMatch(/: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/)
      }
      const workflow = parse(text)
      for (const [job, definition] of Object.entries(workflow.jobs as Record<string, { 'timeout-minutes'?: number }>)) {
        expect(`${name} ${job}: ${definition['timeout-minutes']}`).toMatch(/: \d+$/)
      }
    }
  })
})

describe('dist/index.js, which every run loads', () => {
  it('holds neither the definition loader, Octokit nor the yaml library: each is a chunk loaded by the runs that need it', async () => {
    const main = await read('dist/index.js')
    const chunks = (await readdir(new URL('dist/', root))).filter((name) => /^\d+\.index\.js$/.test(name))
    const holding = async (text: string) =>
      (await Promise.all(chunks.map(async (name) => ((await read(`dist/${name}`)).includes(text) ? name : '')))).filter(Boolean)
    // The yaml library reads only what the fast reader leaves (anchors, tags, problems to place).
    for (const marker of ['threw while loading', 'octokit-core.js', 'Excessive alias count']) {
      expect(main).not.toContain(marker)
      expect(await holding(marker)).toHaveLength(1)
    }
  })
})

describe('dist/licenses.txt', () => {
  it('names every bundled package, with its license', async () => {
    const notices = await read('dist/licenses.txt')
    for (const pkg of ['zod', 'yaml', 'js-yaml', '@actions/core', '@actions/http-client', '@actions/github', '@octokit/core', 'undici', 'tunnel']) {
      expect(notices).toMatch(new RegExp(`^${pkg.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+\\n(MIT|ISC|Apache-2.0)\\n`, 'm'))
    }
  })
})
