import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startBotpressApi } from '../support/botpress-api.mjs'
import { EXAMPLE_DEFINITIONS, definitionWorkspace, fakeCliInstall, pathWithoutBp, resolvable, type Installed } from '../support/definition-workspace.mjs'
import { projectRoot, runAction } from '../support/runner.mjs'

// Definitions in the repositories authors really have: made by `bp init` (no
// esbuild: the CLI is global or run with npx), a pnpm monorepo (esbuild under
// the CLI's own folder), or one that installs esbuild itself. Each deploys the
// same body, byte for byte.

const SECRETS = { SECRET_CLIENT_ID: 'client-id-0001', SECRET_CLIENT_SECRET: 'client-secret-0001' }
const LISTABLE = { interfaces: [{ id: 'iface_01WORKSPACELISTABLE00000000', name: 'listable', version: '0.2.1' }] }
let api: Awaited<ReturnType<typeof startBotpressApi>>
beforeEach(async () => {
  api = await startBotpressApi(LISTABLE)
})
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

async function deployFrom(workspace: string, definition: string, PATH = pathWithoutBp()) {
  await api.close()
  api = await startBotpressApi(LISTABLE)
  const run = await runAction({
    workspace,
    inputs: { token: api.token, 'workspace-id': api.workspaceId, manifest: definition, 'api-url': api.url },
    env: { ...SECRETS, PATH },
  })
  const loadedWith = /::debug::.*: loaded with (.*)/.exec(run.stdout)?.[1]
  return { run, loadedWith, body: api.requests.find((r) => r.method === 'POST' && r.path === '/v1/admin/integrations')?.raw }
}

describe('a repository made by `bp init`: no esbuild anywhere the definition can resolve', () => {
  it.each(EXAMPLE_DEFINITIONS)('$name deploys, transpiled by its own typescript, the body its esbuild build deploys', async ({ name, definition }) => {
    const withEsbuild = await definitionWorkspace(name, 'all')
    const reference = await deployFrom(withEsbuild, definition)
    expect(reference.run.code).toBe(0)
    expect(reference.loadedWith).toBe("esbuild 0.28.2 (the repository's own)")

    const workspace = await definitionWorkspace(name, 'bp init')
    expect(resolvable('esbuild', path.join(workspace, definition))).toBe(false)
    expect(resolvable('@botpress/cli', path.join(workspace, definition))).toBe(false)
    const { run, loadedWith, body } = await deployFrom(workspace, definition)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(loadedWith).toBe("typescript 6.0.3 (the repository's own), each of its files transpiled as Node loads it")
    expect(body).toBe(reference.body)
  })

  it('uses the esbuild of a Botpress CLI installed globally (`bp` on PATH, a link to its package)', async () => {
    const workspace = await definitionWorkspace('crm-actions', 'bp init')
    const { bin, cli } = await fakeCliInstall(await mkdtemp(path.join(tmpdir(), 'npm-global-')))
    const { run, loadedWith, body } = await deployFrom(workspace, 'integration.definition.ts', pathWithoutBp(bin))
    expect(run.code).toBe(0)
    expect(loadedWith).toBe(`esbuild 0.28.2 (the one @botpress/cli 7.1.2 uses, in ${cli})`)
    expect(JSON.parse(body!).actions.createInvoice.title).toBe('Create invoice')
  })

  it('uses the esbuild of @botpress/cli when the repository links it (a pnpm monorepo, as Botpress keeps its own)', async () => {
    const workspace = await definitionWorkspace('monorepo', 'cli in repository')
    const definition = 'integrations/billing/integration.definition.ts'
    expect(resolvable('esbuild', path.join(workspace, definition))).toBe(false)
    const { run, loadedWith } = await deployFrom(workspace, definition)
    expect(run.code).toBe(0)
    expect(loadedWith).toBe(`esbuild 0.28.2 (the one @botpress/cli 7.1.2 uses, in ${path.join(workspace, 'tools/lib/node_modules/@botpress/cli')})`)
  })

  it('with neither esbuild nor typescript, says what to install and sends nothing', async () => {
    const workspace = await definitionWorkspace('messaging', 'sdk only')
    const { run } = await deployFrom(workspace, 'integration.definition.ts')
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(
      '::error::Cannot load integration.definition.ts: it is TypeScript, and neither esbuild nor typescript can be found from ' +
        `${workspace} (the repository's packages), nor a Botpress CLI (\`bp\`) on PATH. Install the repository's packages before this step (\`npm ci\`; \`bp init\` adds typescript to devDependencies). Nothing was sent.`,
    )
  })

  it('with typescript 7, which has no JavaScript API, and no esbuild, says to add esbuild', async () => {
    const workspace = await definitionWorkspace('messaging', 'sdk only')
    // What `require('typescript')` gives with TypeScript 7: its version, and nothing to compile with.
    const ts7 = path.join(workspace, 'node_modules/typescript')
    await mkdir(ts7)
    await writeFile(path.join(ts7, 'package.json'), JSON.stringify({ name: 'typescript', version: '7.0.2', main: 'version.cjs' }))
    await writeFile(path.join(ts7, 'version.cjs'), "module.exports = { version: '7.0.2', versionMajorMinor: '7.0' }\n")
    const { run } = await deployFrom(workspace, 'integration.definition.ts')
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(
      "the repository's typescript 7.0.2 has no JavaScript API to transpile with (TypeScript 7 has none). Add esbuild to the repository's devDependencies (`npm install -D esbuild`)",
    )
  })
})

describe('a definition that imports a package the repository lacks', () => {
  it.each<Installed>(['all', 'bp init'])('names the package and the file that imports it (%s), and sends nothing', async (installed) => {
    const workspace = await definitionWorkspace('messaging', installed)
    const tags = path.join(workspace, 'src/tags.ts')
    await writeFile(tags, `import { slugify } from '@acme/strings/slug'\n${await readFile(tags, 'utf8')}\nexport const slug = slugify\n`)
    const { run } = await deployFrom(workspace, 'integration.definition.ts')
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(
      '::error::src/tags.ts imports `@acme/strings/slug`, and the package @acme/strings is not installed in the repository: ' +
        'add it to the dependencies of its package.json (`npm install @acme/strings`) and run the install step before this one. Nothing was sent.',
    )
  })

  it('that does not parse, transpiled by typescript, names the file and line', async () => {
    const workspace = await definitionWorkspace('messaging', 'bp init')
    await writeFile(path.join(workspace, 'src/tags.ts'), 'export const userTags = {\n')
    const { run } = await deployFrom(workspace, 'integration.definition.ts')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("::error::integration.definition.ts does not build: src/tags.ts:2:1: '}' expected.")
  })
})

describe('convert', () => {
  const convert = (cwd: string, PATH: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(projectRoot, 'dist/cli/index.js'), 'convert'], { cwd, env: { PATH } }, (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      )
    })

  it('writes the same manifest with the repository esbuild, the global CLI esbuild, and typescript', async () => {
    const { bin } = await fakeCliInstall(await mkdtemp(path.join(tmpdir(), 'npm-global-')))
    const written: string[] = []
    for (const [installed, PATH] of [
      ['all', pathWithoutBp()],
      ['bp init', pathWithoutBp(bin)],
      ['bp init', pathWithoutBp()],
    ] as const) {
      const workspace = await definitionWorkspace('legacy-schemas', installed)
      expect(await convert(workspace, PATH)).toEqual({ code: 0, stderr: '' })
      written.push(await readFile(path.join(workspace, 'integration.yml'), 'utf8'))
    }
    expect(written[0]).toContain('title: Days ahead')
    expect(written[1]).toBe(written[0])
    expect(written[2]).toBe(written[0])
  })
})
