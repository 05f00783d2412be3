import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// Manifests written to hurt: odd record names, and a megabyte of what is slowest to
// check. How long each takes is the benchmark's to measure; these check what is said.

let api: Awaited<ReturnType<typeof startBotpressApi>>
const action = (title: string) => ({ title, description: '', billable: false, cacheable: false, input: { schema: {} }, output: { schema: {} }, attributes: {} })
beforeEach(async () => {
  api = await startBotpressApi({
    integrations: [seedIntegration({ id: EXAMPLE_ID, actions: { hasOwnProperty: action('Old'), toString: action('Old toString') } })],
  })
})
afterEach(async () => {
  await api.close()
})

async function deploy(edit: (manifest: string) => string) {
  const { workspace, manifest } = await exampleWorkspace(edit)
  return runAction({ workspace, inputs: exampleInputs(api, { API_KEY: 'sk_test_hostile_manifest' }, { manifest }) })
}

describe('record names that objects inherit', () => {
  it('are planned, sent and pruned as ordinary names', async () => {
    const names = ['__proto__', 'constructor', 'toString']
    const actions = names
      .map((name) => `  ${name}:\n    title: Action ${name}\n    input:\n      schema: {type: object}\n    output:\n      schema: {type: object}\n`)
      .join('')
    const run = await deploy((text) => text.replace('actions:\n', `actions:\n${actions}`))
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const body = api.requests[1]!.body.actions
    for (const name of names) expect(Object.hasOwn(body, name)).toBe(true)
    expect(body.__proto__.title).toBe('Action __proto__')
    expect(body.hasOwnProperty).toBeNull()
    expect(run.stdout).toContain('actions: + __proto__, constructor, createLead, getLead  ~ toString  - hasOwnProperty')
    const stored = api.integration(EXAMPLE_ID)!.actions
    expect(Object.keys(stored).sort()).toEqual(['__proto__', 'constructor', 'createLead', 'getLead', 'toString'])
    expect(Object.prototype).not.toHaveProperty('title')
  })

  it('that Botpress has and the manifest no longer has are pruned as null, like any other name', async () => {
    await api.close()
    const remote = Object.fromEntries(['__proto__', 'constructor', 'toString', 'valueOf'].map((name) => [name, action(`Old ${name}`)]))
    api = await startBotpressApi({
      integrations: [seedIntegration({ id: EXAMPLE_ID, actions: remote, events: Object.fromEntries([['__proto__', { schema: {} }]]) })],
    })
    const run = await deploy((text) => text)
    expect(run.code).toBe(0)
    const body = api.requests[1]!.body
    for (const name of ['__proto__', 'constructor', 'toString', 'valueOf']) {
      expect(Object.hasOwn(body.actions, name)).toBe(true)
      expect(body.actions[name]).toBeNull()
    }
    expect(Object.hasOwn(body.events, '__proto__')).toBe(true)
    expect(body.events['__proto__']).toBeNull()
    expect(Object.keys(api.integration(EXAMPLE_ID)!.actions).sort()).toEqual(['createLead', 'getLead'])
  })

  it('are checked like any other name', async () => {
    const run = await deploy((text) => text.replace('actions:\n', 'actions:\n  __proto__:\n    titel: x\n'))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('actions.__proto__.titel: unknown key `titel`; did you mean `title`?')
  })
})

describe('a megabyte of what is slowest to check', () => {
  // Each would take minutes with a check that compares every key with every other.
  const flood = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('')

  it('unknown keys: the first hundred with their lines, every one in the log', async () => {
    const run = await deploy((text) => `${text}\n${flood(60_000, (i) => `k${i}: 1\n`)}`)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('integration.yml has 60000 problems; nothing was sent')
    expect(run.stdout).toContain(`… and 59900 more, not shown here: the step's log lists every one, under "59900 more problems"`)
    expect(run.stdout).toContain('::group::59900 more problems\n')
    expect(run.stdout).toContain('\nk59999: unknown key `k59999`')
    expect(run.summary).toContain('… and 59900 more')
  })

  it('a hundred and thirty thousand problems: counted and listed, however many', async () => {
    const run = await deploy((text) => text.replace('actions:\n', `actions:\n${flood(130_000, (i) => `  a${i}: 1\n`)}`))
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(api.requests).toEqual([])
    expect(run.stdout).not.toContain('Maximum call stack size exceeded')
    expect(run.stdout).toMatch(/integration\.yml has 13\d{4} problems; nothing was sent/)
    expect(run.stdout).toMatch(/… and 129900 more, not shown here: the step's log lists the next 100000, under "100000 more problems"/)
    expect(run.stdout).toContain('\nactions.a100099: ')
    expect(run.stdout).not.toContain('\nactions.a100100: ')
  })

  it('a duplicated key among many: found at its line', async () => {
    const run = await deploy((text) => text.replace('attributes:\n', `attributes:\n${flood(50_000, (i) => `  a${i}: x\n`)}  a7: again\n`))
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/is not valid YAML.*Map keys must be unique; "a7" is repeated/)
  })

  it('a huge required list: checked quickly', async () => {
    const schema = `      schema:\n        type: object\n        properties:\n${flood(20_000, (i) => `          p${i}: {type: string}\n`)}        required: [${flood(20_000, (i) => `q${i}, `)}p1]\n`
    const run = await deploy((text) => text.replace(/( {2}createLead:\n(?: {4}.*\n)*? {4}input:\n) {6}schema:\n/, `$1${schema}      x-old-schema:\n`))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('problems; nothing was sent')
  })
})

describe('a YAML bomb', () => {
  it('is refused at its first alias, quickly, and nothing is sent', async () => {
    // Nine levels of nine aliases each: 387 million strings once expanded.
    const levels = ['          a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    for (let i = 1; i < 9; i++)
      levels.push(
        `          a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      )
    const bomb = `  bomb:\n    title: Bomb\n    input:\n      schema:\n        type: object\n        default:\n${levels.join('\n')}\n    output:\n      schema: {}\n`
    const run = await deploy((text) => text.replace('actions:\n', `actions:\n${bomb}`))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:\d+:\d+: .*aliases.*expand to too much data/)
    expect(run.stdout).toContain('is not valid YAML')
  })
})

describe('bounds on what a manifest may hold', () => {
  it('four MiB of opening brackets: refused where it passes 64 levels, and nothing is sent', async () => {
    const run = await deploy((text) => `${text}deep: ${'['.repeat(4_000_000)}\n`)
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:\d+:70: nested more than 64 levels deep: a manifest needs a few dozen at most/)
    expect(run.stdout).not.toContain('Flow sequence')
  })

  it('a million empty maps: refused at the value past the budget, before anything is built', async () => {
    const run = await deploy((text) => `${text}layers: [${Array(1_000_000).fill('{}').join(',')}]\n`)
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:\d+:\d+: holds more than 500,000 values \(maps, lists and scalars\)/)
    expect(run.stdout).not.toContain('more problems')
  })

  it('the benchmark’s large integration is well within them', async () => {
    const { largeIntegration } = await import('../../bench/fixtures.mjs')
    const large = await largeIntegration({ codeBytes: 1000 })
    const text = await readFile(path.join(large.workspace, large.manifest), 'utf8')
    const { boundedEvents, MAX_NODES } = await import('../../src/manifest/plain-yaml.js')
    expect(boundedEvents(text, 'large.yml')!.length).toBeLessThan(MAX_NODES / 10)
  })
})

describe('what the two YAML readers would read apart', () => {
  it('a lone CR: refused at its place, never read as a line end by one reader and not the other', async () => {
    const run = await deploy((text) => text.replace('title: Acme CRM\n', 'title: Acme CRM\rvisibility: public\n'))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:8:16: a carriage return not followed by a line feed \(a lone CR\)/)
  })

  it.each([
    ['plain', (text: string) => text],
    ['with an anchor elsewhere', (text: string) => text.replace('title: Acme CRM\n', 'title: &t Acme CRM\n')],
  ])('a number past a double (1e400), %s: the same error at its line, never sent as null', async (_how, anchor) => {
    const run = await deploy((text) => anchor(text).replace('maxExecutionTime: 60', 'maxExecutionTime: 1e400'))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:\d+:19: maxExecutionTime: Infinity is not a number JSON can hold \(it would be sent as null\)/)
  })

  it('a %YAML 1.1 directive: refused at its line (one reader would read yes as true, the other as "yes")', async () => {
    const run = await deploy((text) => `%YAML 1.1\n---\n${text}`)
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:1:1: the directive %(25)?YAML: this action reads YAML 1\.2 alone; remove the directive/)
  })
})

describe('nesting fifty thousand levels deep', () => {
  it('is refused at its line, and nothing is sent', async () => {
    const run = await deploy((text) => text.replace('title:', `deep: ${'['.repeat(50_000)}${']'.repeat(50_000)}\ntitle:`))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/integration\.yml:8:70: nested more than 64 levels deep/)
  })
})
