import { describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { FileText } from '../../src/files/file-text.js'
import { InputError, type Problem } from '../../src/base/errors.js'
import { checkManifest, readManifest } from '../../src/manifest/load.js'

/** Reads and checks a manifest with the two functions deploy.ts calls, in the same order. */
async function loadManifest(file: string, displayPath: string, env: NodeJS.ProcessEnv = {}) {
  return checkManifest(await readManifest(file, displayPath, env, path.dirname(file)), path.dirname(file), path.dirname(file))
}

const SVG = '<?xml version="1.0"?>\n<!-- icon -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n'

/** Writes a manifest and its files in a fresh folder, then loads it. */
async function load(manifest: string, files: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'))
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), content)
  }
  await writeFile(path.join(dir, 'integration.yml'), manifest)
  return loadManifest(path.join(dir, 'integration.yml'), 'crm/integration.yml')
}

async function problems(manifest: string, files: Record<string, string> = {}): Promise<Problem[]> {
  try {
    await load(manifest, files)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected the manifest to be refused')
}

const where = (p: Problem) => `${p.location?.line}:${p.location?.column} ${p.keyPath ?? ''}: ${p.message}`

const minimal = `title: CRM
code: index.js
actions:
  ping:
    input: { schema: { type: object } }
    output: { schema: { type: object } }
`

describe('loadManifest', () => {
  it('shares schemas through anchors and merge keys, and places a problem in a merged entry', async () => {
    const shared = `title: CRM
code: index.js
x-message: &message
  schema: { type: object, properties: { text: { type: string } } }
channels:
  chat:
    messages:
      text: *message
      markdown:
        <<: *message
`
    const manifest = await load(
      shared
        .replace('x-message: &message\n  schema', 'channels:\n  base:\n    messages:\n      m: &message\n        schema')
        .replace('channels:\n  chat:', '  chat:'),
      { 'index.js': '' },
    )
    const messages = (manifest.definition.channels as Record<string, { messages: Record<string, unknown> }>).chat!.messages
    expect(messages.markdown).toEqual(messages.text)
    const found = await problems(
      `title: CRM\ncode: index.js\nchannels:\n  base:\n    messages:\n      m: &message\n        schema: {}\n  chat:\n    messages:\n      bad:\n        <<: *message\n        titel: x\n`,
      { 'index.js': '' },
    )
    expect(found.map(where)).toEqual(['12:9 channels.chat.messages.bad.titel: unknown key `titel`; known keys here: schema'])
  })

  it('reads the files the manifest names into the definition', async () => {
    const manifest = await load(
      `id: intver_1\nname: acme/crm\nversion: "1.0.0"\n${minimal}icon: assets/icon.svg\nreadme: README.md\nidentifier:\n  extractScript: extract.vrl\nconfigurations:\n  apiKey:\n    identifier: { linkTemplateScript: link.vrl }\nsecrets: [apiKey, OAUTH2_TOKEN]\n`,
      { 'index.js': 'exports.x = 1', 'assets/icon.svg': SVG, 'README.md': '# CRM', 'extract.vrl': '.id', 'link.vrl': '"https://x"' },
    )
    expect(manifest).toMatchObject({ id: 'intver_1', name: 'acme/crm', version: '1.0.0' })
    // The code bundle is streamed from disk when sent, never held whole.
    expect(manifest.definition.code).toBeInstanceOf(FileText)
    expect(manifest.definition.code).toMatchObject({ bytes: 13 })
    expect(manifest.definition).toMatchObject({
      icon: Buffer.from(SVG).toString('base64'),
      readme: Buffer.from('# CRM').toString('base64'),
      identifier: { extractScript: '.id' },
      configurations: { apiKey: { identifier: { linkTemplateScript: '"https://x"' } } },
    })
    expect(manifest.definition).not.toHaveProperty('id')
    expect(manifest.definition).not.toHaveProperty('secrets')
    expect(manifest.secrets).toEqual([
      { name: 'API_KEY', optional: false },
      { name: 'OAUTH2_TOKEN', optional: false },
    ])
    expect(manifest.files.map((f) => [f.path.join('.'), f.bytes])).toEqual([
      ['code', 13],
      ['icon', SVG.length],
      ['readme', 5],
      ['identifier.extractScript', 3],
      ['configurations.apiKey.identifier.linkTemplateScript', 11],
    ])
  })

  it('reads secrets as a map with options', async () => {
    const manifest = await load(`${minimal}secrets:\n  apiKey:\n    description: The key\n  webhook-secret: { optional: true }\n  PLAIN:\n`, { 'index.js': '' })
    expect(manifest.secrets).toEqual([
      { name: 'API_KEY', optional: false, description: 'The key' },
      { name: 'WEBHOOK_SECRET', optional: true },
      { name: 'PLAIN', optional: false },
    ])
  })

  it('reports every problem with its line, column and key path, in file order', async () => {
    const found = await problems(
      `titel: CRM
description: ${'d'.repeat(300)}
visibility: secret
code: missing.js
actions:
  ping:
    title: Ping
    input: { schema: { type: object } }
states:
  cursor:
    schema: {}
maxExecutionTime: "60"
`,
    )
    expect(found.map(where)).toEqual([
      '1:1 titel: unknown key `titel`; did you mean `title`?',
      '2:14 description: must be at most 256 characters long (it has 300)',
      '3:13 visibility: must be one of: public, private, unlisted',
      '4:7 code: cannot read crm/missing.js (no such file); build the integration before this step (`bp build` for a definition), or fix the path',
      '7:5 actions.ping.output: is required (a map)',
      '11:5 states.cursor.type: is required (one of: conversation, user, integration)',
      '12:19 maxExecutionTime: must be a number, not a string',
    ])
    expect(found[0]!.location!.file).toBe('crm/integration.yml')
  })

  it('suggests keys deep inside, or lists the known ones', async () => {
    const quoted = await problems(`title: CRM\nversion: 1.0\n`)
    expect(quoted.map(where)).toEqual(['2:10 version: must be a string, not a number (put it in quotes)'])
    const found = await problems(`title: CRM\nchannels:\n  chat:\n    mesages: {}\n    zzz: 1\n`)
    expect(found.map(where)).toEqual([
      '4:5 channels.chat.mesages: unknown key `mesages`; did you mean `messages`?',
      '5:5 channels.chat.zzz: unknown key `zzz`; known keys here: title, description, messages, conversation, message',
    ])
  })

  it('catches the usual mistakes inside JSON schemas, where they stand', async () => {
    const found = await problems(`title: CRM
actions:
  createLead:
    input:
      schema:
        type: object
        properties:
          email: { type: strin }
          tags: { type: array, items: { type: [string, nul] } }
          pair: { type: array, items: [{ type: string }, { type: number }], additionalItems: false }
          stage: { enum: new }
        required: [emial, tags]
    output: { schema: { type: object, properties: 3 } }
channels:
  chat:
    messages:
      text: { schema: { anyOf: [{ type: string }, { type: foo }] } }
configuration:
  schema: { type: object, required: name }
`)
    expect(found.map(where)).toEqual([
      '8:26 actions.createLead.input.schema.properties.email.type: `strin` is not a JSON Schema type; did you mean `string`?',
      '9:56 actions.createLead.input.schema.properties.tags.items.type[1]: `nul` is not a JSON Schema type; did you mean `null`?',
      '11:26 actions.createLead.input.schema.properties.stage.enum: must be a list of the allowed values',
      '12:20 actions.createLead.input.schema.required[0]: `emial` is required but not among `properties`; did you mean `email`?',
      '13:51 actions.createLead.output.schema.properties: must be a map of property name → schema',
      '17:59 channels.chat.messages.text.schema.anyOf[1].type: `foo` is not a JSON Schema type; use one of string, number, integer, boolean, object, array, null',
      '19:37 configuration.schema.required: must be a list of property names',
    ])
  })

  it('checks what the files are', async () => {
    const found = await problems(`title: CRM\nicon: icon.svg\nreadme: readme.txt\nidentifier:\n  extractScript: big.vrl\n  fallbackHandlerScript: dir.vrl\n`, {
      'icon.svg': '\u0089PNG\r\n',
      'readme.txt': '# x',
      'big.vrl': 'x'.repeat(2001),
      'dir.vrl/placeholder': '',
    })
    expect(found.map(where)).toEqual([
      '2:7 icon: icon.svg is not an SVG image (its root element must be <svg, after an optional XML declaration, comments and DOCTYPE)',
      '3:9 readme: must name a .md file, not readme.txt',
      '5:18 identifier.extractScript: big.vrl has 2001 characters; Botpress takes VRL scripts of at most 2000',
      '6:26 identifier.fallbackHandlerScript: cannot read crm/dir.vrl (it is a folder); fix the path (it is relative to the manifest)',
    ])
  })

  it('refuses secret values and bad or clashing names, without echoing values', async () => {
    const found = await problems(
      `title: CRM\nsecrets:\n  apiKey: sk_live_abcdef123456\n  API_KEY: {}\n  "--": {}\n  token: { optional: "yes", required: true }\n`,
    )
    expect(found.map(where)).toEqual([
      '3:11 secrets.apiKey: holds a value; secret values are never committed. Declare the secret as `{}` (or `{optional: true}`) and pass its value through the `secrets` input or a SECRET_<NAME> env var',
      '4:3 secrets.API_KEY: `API_KEY` and `apiKey` both become API_KEY; keep one of them',
      '5:3 secrets.--: `--` is not a usable secret name: use letters, digits and underscores, as in API_KEY',
      '6:22 secrets.token.optional: must be true or false',
      '6:29 secrets.token.required: unknown key `required`; a secret takes `description` and `optional`',
    ])
    expect(JSON.stringify(found)).not.toContain('sk_live')
    const listed = await problems(`title: CRM\nsecrets:\n  - API_KEY=sk_live_abcdef123456\n`)
    expect(listed.map(where)).toEqual([
      '3:5 secrets[0]: looks like a secret value, not a name; never commit values: list the name only and pass the value through the `secrets` input',
    ])
    expect(JSON.stringify(listed)).not.toContain('sk_live')
  })

  it('reports every variable it cannot fill in, with its line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'))
    await writeFile(
      path.join(dir, 'integration.yml'),
      'title: ${MANIFEST_TITLE}\ndescription: ${MANIFEST_A} and ${INPUT_TOKEN}\nurl: ${MANIFEST_URL:-https://x}\n',
    )
    let found: Problem[] = []
    await loadManifest(path.join(dir, 'integration.yml'), 'crm/integration.yml', { MANIFEST_TITLE: 'CRM', INPUT_TOKEN: 'x' }).catch(
      (error: InputError) => (found = error.problems),
    )
    expect(found.map(where)).toEqual([
      "2:14 description: `${MANIFEST_A}` is not set and has no default: set MANIFEST_A in the step's `env:`, or write `${MANIFEST_A:-default}`",
      "2:14 description: `${INPUT_TOKEN}` is not a variable a manifest may read: it reads GitHub's default variables (GITHUB_REF_NAME, GITHUB_SHA, …) and MANIFEST_* only. Hand the value over on purpose: `env: MANIFEST_INPUT_TOKEN: …` in the step, and `${MANIFEST_INPUT_TOKEN}` here (secrets go in `secrets`, never in other values)",
    ])
  })

  it('reports YAML syntax errors with their position', async () => {
    const found = await problems('title: CRM\nactions:\n  ping: {\n')
    expect(found).toHaveLength(1)
    expect(found[0]!.location).toMatchObject({ file: 'crm/integration.yml', line: 4 })
    await expect(load('title: a\ntitle: b\n')).rejects.toThrow(/Map keys must be unique/)
  })

  it('explains a missing manifest and one that is not a map', async () => {
    await expect(loadManifest('/nonexistent/integration.yml', 'integration.yml')).rejects.toThrow(
      'Cannot read the manifest integration.yml (no such file). Set the `manifest` input to its path, relative to `working-directory`.',
    )
    await expect(load('- a\n- b\n')).rejects.toThrow('crm/integration.yml must be a map')
  })

  it('says which manifest its folder has when the one named is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'beside-'))
    await writeFile(path.join(dir, 'integration.yaml'), 'title: x\n')
    await expect(loadManifest(path.join(dir, 'integration.yml'), 'crm/integration.yml')).rejects.toThrow(
      'Cannot read the manifest crm/integration.yml (no such file). Did you mean crm/integration.yaml? It is in that folder. Set the `manifest` input',
    )
    await writeFile(path.join(dir, 'integration.definition.ts'), '')
    await rm(path.join(dir, 'integration.yaml'))
    await expect(loadManifest(path.join(dir, 'integration.yml'), 'integration.yml')).rejects.toThrow('Did you mean integration.definition.ts?')
    await rm(dir, { recursive: true })
  })
})
