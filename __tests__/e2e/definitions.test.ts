import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startBotpressApi } from '../support/botpress-api.mjs'
import { DEFINITIONS, EXAMPLE_DEFINITIONS, definitionWorkspace } from '../support/definition-workspace.mjs'
import { projectRoot, runAction } from '../support/runner.mjs'

// Deploying straight from integration.definition.ts, with the repository's own
// esbuild and @botpress/sdk (this project's dev dependencies stand in for them).

const SECRETS = { SECRET_CLIENT_ID: 'client-id-0001', SECRET_CLIENT_SECRET: 'client-secret-0001' }
let api: Awaited<ReturnType<typeof startBotpressApi>>
beforeEach(async () => {
  api = await startBotpressApi()
})
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

const sdkVersion = async () => JSON.parse(await readFile(path.join(projectRoot, 'node_modules/@botpress/sdk/package.json'), 'utf8')).version
const deploy = (manifest: string, options: { workspace?: string; env?: Record<string, string> } = {}) =>
  runAction({
    ...(options.workspace && { workspace: options.workspace }),
    inputs: { token: api.token, 'workspace-id': api.workspaceId, manifest, 'api-url': api.url },
    env: { ...SECRETS, ...options.env },
  })
const created = () => api.requests.find((r) => r.method === 'POST' && r.path === '/v1/admin/integrations')?.body

describe('a definition as the manifest', () => {
  it('creates a messaging integration: channels with the standard messages, tags, a link template, secrets', async () => {
    const run = await deploy('examples/definitions/messaging/integration.definition.ts')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const body = created()
    expect(body).toMatchObject({ name: 'acme/chatline', version: '0.3.0', title: 'Chatline', sdkVersion: await sdkVersion() })
    expect(Object.keys(body.channels.channel.messages).sort()).toEqual([
      'audio',
      'bloc',
      'card',
      'carousel',
      'choice',
      'dropdown',
      'file',
      'image',
      'location',
      'text',
      'video',
    ])
    expect(body.channels.channel.messages.text.schema).toEqual({
      type: 'object',
      properties: { text: { type: 'string', minLength: 1 } },
      required: ['text'],
      additionalProperties: false,
    })
    expect(body.channels.channel.conversation.tags.thread).toEqual({ title: 'Thread', description: 'The thread, for replies' })
    expect(body.user.tags.email.title).toBe('Email')
    expect(body.configuration.schema.properties.workspaceUrl).toEqual({
      type: 'string',
      format: 'uri',
      description: 'Your Chatline workspace, as in https://acme.chatline.example',
    })
    expect(body.configuration.identifier).toEqual({
      required: true,
      linkTemplateScript: await readFile(path.join(DEFINITIONS, 'messaging/link-template.vrl'), 'utf8'),
    })
    expect(body.code).toBe(await readFile(path.join(DEFINITIONS, 'messaging/.botpress/dist/index.cjs'), 'utf8'))
    expect(body.secrets).toEqual({ CLIENT_ID: 'client-id-0001', CLIENT_SECRET: 'client-secret-0001' })
    // What the SDK leaves in a definition and the body has no place for.
    expect(body.events.reactionAdded).not.toHaveProperty('ui')
    expect(run.stdout).toContain('::debug::examples/definitions/messaging/integration.definition.ts: events.reactionAdded.ui is not part of Botpress')
    expect(run.outputs).toMatchObject({ operation: 'created', name: 'acme/chatline', version: '0.3.0' })
  })

  it('creates an integration of actions, states, entities and configurations, from folder and JSON imports', async () => {
    const run = await deploy('examples/definitions/crm-actions/integration.definition.ts')
    expect(run.code).toBe(0)
    const body = created()
    expect(body.version).toBe('2.1.0')
    expect(Object.keys(body.actions)).toEqual(['createInvoice', 'getInvoice', 'listPayments'])
    expect(body.actions.createInvoice.input).not.toHaveProperty('ui')
    expect(body.actions.createInvoice.input.schema.properties.lines).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: { label: { type: 'string' }, amount: { type: 'number' } },
        required: ['label', 'amount'],
        additionalProperties: false,
      },
      minItems: 1,
    })
    expect(body.actions.getInvoice).toMatchObject({ cacheable: true, attributes: { readOnly: 'true' } })
    expect(body.states.customer.type).toBe('user')
    expect(body.entities.invoice.schema.properties.currency).toEqual({ type: 'string', enum: ['EUR', 'USD'] })
    expect(body.configurations.oauth.identifier).toEqual({ required: true })
    expect(body.identifier.extractScript).toContain('parse_json!(.body)')
    expect(body.attributes).toEqual({ category: 'Finance' })
  })

  it('implements interfaces added with bp add: by the id the package holds, or looked up by name and version', async () => {
    await api.close()
    api = await startBotpressApi({ interfaces: [{ id: 'iface_01WORKSPACELISTABLE00000000', name: 'listable', version: '0.2.1' }] })
    const run = await deploy('examples/definitions/with-interface/integration.definition.ts')
    expect(run.code).toBe(0)
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/admin/interfaces/listable/0.2.1')
    const body = created()
    expect(body.interfaces).toEqual({
      'creatable<task>': {
        id: 'iface_01HUBCREATABLE0000000000000',
        entities: { item: { name: 'task' } },
        actions: { create: { name: 'createTask' } },
        events: { created: { name: 'taskCreated' } },
        channels: {},
      },
      'listable<task>': {
        id: 'iface_01WORKSPACELISTABLE00000000',
        entities: { item: { name: 'task' } },
        actions: { list: { name: 'listTasks' } },
        events: {},
        channels: {},
      },
    })
    // What the interfaces add, under their new names, with the entity in place of the interface's.
    expect(Object.keys(body.actions)).toEqual(['createTask', 'listTasks'])
    expect(body.actions.createTask).not.toHaveProperty('name')
    expect(body.actions.createTask.input.schema.properties.item.required).toEqual(['id', 'title', 'done'])
    expect(Object.keys(body.events)).toEqual(['taskCreated'])
  })

  it('in a monorepo, bundles a workspace package of TypeScript sources, leaves Node built-ins and installed packages to Node', async () => {
    const workspace = await definitionWorkspace('monorepo')
    const run = await deploy('integrations/billing/integration.definition.ts', { workspace })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // The workspace package imports `assert` and `crypto` without `node:`: Node's, not bundled.
    expect(created().actions.charge.description).toBe('Charges a customer (schema f8c82563)')
    expect(created().actions.charge.input.schema.properties.price).toEqual({
      type: 'object',
      properties: { amount: { type: 'integer' }, currency: { type: 'string', minLength: 3, maxLength: 3 } },
      required: ['amount', 'currency'],
      additionalProperties: false,
    })
  })

  it('on the legacy schema transformer sends its schemas as `bp deploy` makes them: jsonSchema7, $refs dereferenced, ui titles and examples', async () => {
    const run = await deploy('examples/definitions/legacy-schemas/integration.definition.ts')
    expect(run.code).toBe(0)
    const body = created()
    const draft7 = 'http://json-schema.org/draft-07/schema#'
    expect(body.actions.getForecast.input.schema).toEqual({
      $schema: draft7,
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name', 'x-zui': {} },
        days: { type: 'number', 'x-zui': {}, title: 'Days ahead', examples: [3] },
      },
      required: ['city'],
      additionalProperties: false,
      'x-zui': {},
    })
    // A union of simple types is a `type` list for that target; nullable is a union with null.
    expect(body.actions.getForecast.output.schema.properties.temperature).toEqual({
      anyOf: [{ type: ['number', 'string'], 'x-zui': {} }, { type: 'null' }],
      'x-zui': {},
    })
    expect(body.configuration.schema.properties).toEqual({
      apiKey: { type: 'string', description: 'Your Weatherly key', 'x-zui': {}, title: 'API key', examples: ['wk_live_123'] },
      units: { anyOf: [{ type: 'string', enum: ['metric', 'imperial'], 'x-zui': {} }, { type: 'null' }], 'x-zui': {}, title: 'Units' },
      region: { type: ['string', 'number'], 'x-zui': {} },
    })
    // The schema used twice is written once and referenced; dereferenced, both
    // properties are the one object the CLI sets the `ui` title on.
    const place = {
      type: 'object',
      properties: { city: { type: 'string', 'x-zui': {} }, country: { type: 'string', minLength: 2, maxLength: 2, 'x-zui': {} } },
      required: ['city', 'country'],
      additionalProperties: false,
      'x-zui': {},
      title: 'From',
    }
    expect(body.actions.compare.input.schema.properties).toEqual({ from: place, to: place })
    expect(body.actions.compare.input).not.toHaveProperty('ui')
  })
})

describe('the process that loads a definition', () => {
  it("holds none of the run's credentials, and its output goes to the debug log", async () => {
    const workspace = await definitionWorkspace('messaging')
    const file = path.join(workspace, 'integration.definition.ts')
    const source = await readFile(file, 'utf8')
    await writeFile(
      file,
      source
        .replace(
          "description: 'Talk to your customers on Chatline.',",
          'description: `seen: ${Object.keys(process.env).filter((name) => /TOKEN|SECRET|INPUT|GITHUB|ACTIONS/.test(name)).join(",") || "nothing"}`,',
        )
        .replace('export default', "console.log('hello from the definition')\nexport default"),
    )
    const run = await deploy('integration.definition.ts', { workspace, env: { GITHUB_TOKEN: 'ghs_should_not_be_seen' } })
    expect(run.code).toBe(0)
    expect(created().description).toBe('seen: nothing')
    expect(run.stdout).toContain('::debug::integration.definition.ts: hello from the definition')
  })

  // A definition that starts processes, prints without end or looks around: each prepends its code to src/tags.ts.
  const withCode = async (code: string) => {
    const workspace = await definitionWorkspace('messaging')
    const tags = path.join(workspace, 'src/tags.ts')
    await writeFile(tags, `${code}\n${await readFile(tags, 'utf8')}`)
    return workspace
  }
  /** Whether a process whose command line holds `marker` still runs, after a moment for a kill to land. */
  const running = async (marker: string) => {
    for (let i = 0; i < 20; i++) {
      const found = await new Promise<boolean>((resolve) => execFile('pgrep', ['-f', marker], (error) => resolve(!error)))
      if (!found) return false
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return true
  }

  it('does not wait for a process it started that holds its output, nor let one it detached outlive the step', async () => {
    const workspace = await withCode(
      "import { spawn } from 'child_process'\n" +
        "spawn('sleep', ['1000.125'], { stdio: 'inherit' })\n" +
        "spawn('sleep', ['1000.25'], { stdio: 'ignore', detached: true }).unref()",
    )
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::debug::integration\.definition\.ts: loaded in (PID, mount and user namespaces|a process group)/)
    expect(await running('sleep 1000.125')).toBe(false)
    // Only namespaces reach a process that left the group; this machine allows them (see the line above).
    if (run.stdout.includes('namespaces of its own')) expect(await running('sleep 1000.25')).toBe(false)
  })

  it('is stopped with every process it started when it never finishes loading', async () => {
    const workspace = await withCode("import { spawn } from 'child_process'\nspawn('sleep', ['1000.5'], { stdio: 'inherit' })\nwhile (true) {}")
    const run = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, manifest: 'integration.definition.ts', 'api-url': api.url, timeout: '2' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('integration.definition.ts did not load within 2 s; nothing was sent.')
    expect(await running('sleep 1000.5')).toBe(false)
  })

  it('prints at most a MiB into the debug log, then says how much it dropped', async () => {
    const workspace = await withCode("for (let i = 0; i < 40_000; i++) console.log('x'.repeat(99))")
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(0)
    const prefix = '::debug::integration.definition.ts: x'
    const printed = run.stdout
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .reduce((xs, line) => xs + line.length - prefix.length + 1, 0)
    // Its first MiB (99 x's and a line end a line), and not a byte more.
    const lines = Math.floor((1024 * 1024) / 100)
    expect(printed).toBe(lines * 99 + Math.min(1024 * 1024 - lines * 100, 99))
    expect(run.stdout).toMatch(/::debug::integration\.definition\.ts: … \d+ more bytes of output dropped \(the log keeps the first 1 MiB\)/)
  })

  it("cannot read the action's environment through /proc where namespaces are allowed", async () => {
    const workspace = await withCode(
      "import { readdirSync, readFileSync } from 'fs'\n" +
        "export const seen = readdirSync('/proc').filter((pid) => /^\\d+$/.test(pid)).filter((pid) => {\n" +
        "  try { return readFileSync(`/proc/${pid}/environ`, 'latin1').includes('INPUT_TOKEN=') } catch { return false }\n" +
        '}).length\n' +
        'console.log(`processes holding the token: ${seen}`)',
    )
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(0)
    if (run.stdout.includes('namespaces of its own')) expect(run.stdout).toContain('::debug::integration.definition.ts: processes holding the token: 0')
    else expect(run.stdout).toContain('::debug::integration.definition.ts: processes holding the token:')
  })

  it('is stopped when the definition never finishes loading', async () => {
    const workspace = await definitionWorkspace('messaging')
    await writeFile(path.join(workspace, 'src/tags.ts'), 'while (true) {}\nexport const userTags = {}\n')
    const run = await runAction({
      workspace,
      inputs: { token: api.token, 'workspace-id': api.workspaceId, manifest: 'integration.definition.ts', 'api-url': api.url, timeout: '2' },
    })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('integration.definition.ts did not load within 2 s')
  })
})

describe('a definition that cannot be deployed', () => {
  it('without its build says to run bp build, and sends nothing', async () => {
    const workspace = await definitionWorkspace('messaging')
    await rm(path.join(workspace, '.botpress'), { recursive: true })
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(
      'code: cannot read .botpress/dist/index.cjs (no such file); build the integration before this step (`bp build` for a definition)',
    )
  })

  it('that throws fails with its own message and the file', async () => {
    const workspace = await definitionWorkspace('messaging')
    await writeFile(path.join(workspace, 'src/tags.ts'), "throw new Error('CHATLINE_REGION is not set')\nexport const userTags = {}\n")
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('::error::integration.definition.ts threw while loading: CHATLINE_REGION is not set')
  })

  it('that does not build names the file and line', async () => {
    const workspace = await definitionWorkspace('messaging')
    await writeFile(path.join(workspace, 'src/tags.ts'), 'export const userTags = {\n')
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::integration\.definition\.ts does not build: .*src\/tags\.ts:2/)
  })

  it('whose repository has no @botpress/sdk says to install it', async () => {
    const workspace = await definitionWorkspace('messaging', 'esbuild only')
    const run = await deploy('integration.definition.ts', { workspace })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(
      /::error::Cannot load @botpress\/sdk from .*: its schemas are turned into JSON Schema by the SDK that made them\. Run the repository's install step \(`npm ci`\)/,
    )
  })
})

describe('convert', () => {
  const cli = path.join(projectRoot, 'dist/cli/index.js')
  const convert = (cwd: string, ...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [cli, 'convert', ...args], { cwd }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      )
    })

  const LISTABLE = { interfaces: [{ id: 'iface_01WORKSPACELISTABLE00000000', name: 'listable', version: '0.2.1' }] }
  it.each(EXAMPLE_DEFINITIONS.map((example) => ({ ...example, api: example.name === 'with-interface' ? LISTABLE : {} })))(
    'writes the YAML manifest that deploys, byte for byte, the body the $name definition deploys',
    async ({ name, definition, api: options }) => {
      const workspace = await definitionWorkspace(name)
      const manifest = path.join(path.dirname(definition), 'integration.yml')
      expect(await convert(workspace, definition)).toMatchObject({ code: 0, stdout: `Wrote ${manifest} from ${definition}.\n` })
      const yaml = await readFile(path.join(workspace, manifest), 'utf8')
      expect(yaml).toMatch(/^# Written by `deploy-botpress-integration convert` from integration\.definition\.ts\.\n/)

      const bodies: string[] = []
      for (const source of [definition, manifest]) {
        await api.close()
        api = await startBotpressApi(options)
        expect((await deploy(source, { workspace })).code).toBe(0)
        bodies.push(api.requests.find((r) => r.method === 'POST')!.raw)
      }
      expect(bodies[1]).toBe(bodies[0])
    },
  )

  it('keeps a definition text that looks like a variable literal: `${RUNNER_TEMP}` is deployed as written', async () => {
    const workspace = await definitionWorkspace('messaging')
    const file = path.join(workspace, 'integration.definition.ts')
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace("description: 'Talk to your customers on Chatline.',", () => "description: 'Temp: ${RUNNER_TEMP}, $${x}',"),
    )
    expect(await convert(workspace, 'integration.definition.ts')).toMatchObject({ code: 0 })
    expect(await readFile(path.join(workspace, 'integration.yml'), 'utf8')).toContain('description: "Temp: $${RUNNER_TEMP}, $$${x}"')
    expect(await convert(workspace, '--check')).toMatchObject({ code: 0 })
    for (const source of ['integration.definition.ts', 'integration.yml']) {
      await api.close()
      api = await startBotpressApi()
      expect((await deploy(source, { workspace, env: { RUNNER_TEMP: '/home/runner/work/_temp' } })).code).toBe(0)
      expect(created().description).toBe('Temp: ${RUNNER_TEMP}, $${x}')
    }
  })

  it('neither writes nor reads through a symbolic link at the manifest path', async () => {
    const workspace = await definitionWorkspace('messaging')
    const elsewhere = path.join(workspace, 'elsewhere.txt')
    await writeFile(elsewhere, 'not yours\n')
    await symlink(elsewhere, path.join(workspace, 'integration.yml'))
    for (const args of [['integration.definition.ts'], ['--check']]) {
      const result = await convert(workspace, ...args)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('integration.yml is a symbolic link; convert neither writes nor reads through one.')
      expect(result.stderr).not.toContain('not yours')
    }
    expect(await readFile(elsewhere, 'utf8')).toBe('not yours\n')
  })

  it('is the safe path: converted with no credential, the YAML deploys the same body where no repository code can run', async () => {
    // The first job: the repository, its packages, and no credential in the environment.
    const repository = await definitionWorkspace('messaging')
    expect(await convert(repository, 'integration.definition.ts', '-o', 'integration.yml')).toMatchObject({ code: 0 })
    // The artifact, as examples/workflows/deploy-definition-safe.yml uploads it (and the VRL script this one names).
    const artifact = await mkdtemp(path.join(tmpdir(), 'artifact-'))
    for (const file of ['integration.yml', '.botpress/dist/index.cjs', 'icon.svg', 'hub.md', 'link-template.vrl']) {
      await mkdir(path.dirname(path.join(artifact, file)), { recursive: true })
      await copyFile(path.join(repository, file), path.join(artifact, file))
    }
    // The second job: only the artifact, no package and no definition to run.
    const fromYaml = await deploy('integration.yml', { workspace: artifact })
    expect(fromYaml.code).toBe(0)
    expect(fromYaml.stdout).not.toContain('loaded in')
    const yamlBody = api.requests.find((r) => r.method === 'POST')!.raw
    await api.close()
    api = await startBotpressApi()
    expect((await deploy('integration.definition.ts', { workspace: repository })).code).toBe(0)
    expect(yamlBody).toBe(api.requests.find((r) => r.method === 'POST')!.raw)
  })

  it('--check passes on what it wrote, and shows the drift otherwise', async () => {
    const workspace = await definitionWorkspace('messaging')
    await convert(workspace, 'integration.definition.ts', '-o', 'deploy/chatline.yml')
    expect(await readFile(path.join(workspace, 'deploy/chatline.yml'), 'utf8').catch(() => '')).toContain('icon: ../icon.svg')
    expect(await convert(workspace, '-o', 'deploy/chatline.yml', '--check')).toMatchObject({ code: 0 })
    const file = path.join(workspace, 'deploy/chatline.yml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('title: Chatline\n', 'title: Chatline (old)\n'))
    const drift = await convert(workspace, '-o', 'deploy/chatline.yml', '--check')
    expect(drift.code).toBe(1)
    expect(drift.stderr).toContain(
      'deploy/chatline.yml is not what integration.definition.ts converts to (- committed, + converted):\n5 - title: Chatline (old)\n5 + title: Chatline\n',
    )
    expect(await convert(workspace, '--bogus')).toMatchObject({ code: 2 })
  })
})
