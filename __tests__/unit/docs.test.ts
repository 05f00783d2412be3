import { describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import { parse } from 'yaml'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFile(new URL(path, root), 'utf8')

describe('the README', () => {
  it('documents every input and output of action.yml', async () => {
    const [readme, action] = [await read('README.md'), parse(await read('action.yml'))]
    for (const name of Object.keys(action.inputs)) expect(readme).toContain(`| \`${name}\` |`)
    for (const name of Object.keys(action.outputs)) expect(readme).toMatch(new RegExp(`\\| (\`[\\w-]+\`, )?\`${name}\``))
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

describe('dist/licenses.txt', () => {
  it('names every bundled package, with its license', async () => {
    const notices = await read('dist/licenses.txt')
    for (const pkg of ['zod', 'yaml', '@actions/core', '@actions/http-client', '@actions/github', '@octokit/core', 'undici', 'tunnel']) {
      expect(notices).toMatch(new RegExp(`^${pkg.replace('/', '\\/')}@\\d+\\.\\d+\\.\\d+\\n(MIT|ISC|Apache-2.0)\\n`, 'm'))
    }
  })
})
