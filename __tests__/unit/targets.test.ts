import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../../src/base/errors.js'
import { inPool } from '../../src/base/pool.js'
import { fixedPrefix, globToRegExp, isPattern, namesSeveral } from '../../src/targets/glob.js'
import { resolveTargets } from '../../src/targets/resolve.js'

describe('globToRegExp', () => {
  const matches = (pattern: string, paths: string[]) => paths.filter((p) => globToRegExp(pattern).test(p))

  it('keeps * and ? inside one segment', () => {
    expect(
      matches('integrations/*/integration.yml', ['integrations/a/integration.yml', 'integrations/a/b/integration.yml', 'integrations/integration.yml']),
    ).toEqual(['integrations/a/integration.yml'])
    expect(matches('i?.yml', ['i1.yml', 'i12.yml', 'i/.yml'])).toEqual(['i1.yml'])
  })

  it('lets ** stand for any number of whole segments, none included', () => {
    expect(matches('**/integration.yml', ['integration.yml', 'a/integration.yml', 'a/b/integration.yml', 'a/xintegration.yml'])).toEqual([
      'integration.yml',
      'a/integration.yml',
      'a/b/integration.yml',
    ])
    expect(matches('a/**', ['a/x', 'a/x/y', 'b/x'])).toEqual(['a/x', 'a/x/y'])
    expect(matches('a/**/z.ts', ['a/z.ts', 'a/b/c/z.ts', 'ab/z.ts'])).toEqual(['a/z.ts', 'a/b/c/z.ts'])
  })

  it('reads {a,b} as either, nested too, and anything else literally', () => {
    expect(matches('integrations/{gmail,slack}/*.yml', ['integrations/gmail/i.yml', 'integrations/slack/i.yml', 'integrations/teams/i.yml'])).toEqual([
      'integrations/gmail/i.yml',
      'integrations/slack/i.yml',
    ])
    expect(matches('{a,b{1,2}}.yml', ['a.yml', 'b1.yml', 'b2.yml', 'b.yml'])).toEqual(['a.yml', 'b1.yml', 'b2.yml'])
    expect(matches('a.b(c)+[d]$^|.yml', ['a.b(c)+[d]$^|.yml', 'aXb(c)+[d]$^|.yml'])).toEqual(['a.b(c)+[d]$^|.yml'])
    expect(matches('{open.yml', ['{open.yml'])).toEqual(['{open.yml'])
  })

  it('says where a walk starts and what is a pattern', () => {
    expect(fixedPrefix('integrations/*/integration.yml')).toBe('integrations')
    expect(fixedPrefix('a/b/{c,d}/x.yml')).toBe('a/b')
    expect(fixedPrefix('**/x.yml')).toBe('')
    expect(fixedPrefix('x.yml')).toBe('')
    expect(isPattern('a/b.yml')).toBe(false)
    expect(['a/*.yml', 'a?.yml', 'a/{b,c}.yml', '!a.yml'].every(isPattern)).toBe(true)
    expect(namesSeveral(['integration.yml'])).toBe(false)
    expect(namesSeveral(['a.yml', 'b.yml'])).toBe(true)
    expect(namesSeveral(['*/integration.yml'])).toBe(true)
  })
})

describe('resolveTargets', () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'targets-'))
    const files = [
      'integrations/gmail/integration.definition.ts',
      'integrations/slack/integration.definition.ts',
      'integrations/teams/integration.yml',
      'integrations/teams/integration.definition.ts',
      'integrations/zendesk/integration.definition.ts',
      'integrations/gmail/node_modules/dep/integration.definition.ts',
      'legacy/crm/integration.yml',
    ]
    for (const file of files) {
      await mkdir(path.join(workspace, path.dirname(file)), { recursive: true })
      await writeFile(path.join(workspace, file), '')
    }
    await symlink(path.join(workspace, 'integrations'), path.join(workspace, 'legacy', 'loop'))
  })
  afterAll(() => rm(workspace, { recursive: true, force: true }))

  const resolve = (lines: string[], working = '.') => resolveTargets(lines, path.join(workspace, working), workspace)
  const shown = async (lines: string[], working = '.') => (await resolve(lines, working)).map((t) => t.displayPath)

  it('matches, excludes, sorts and dedupes, and never searches node_modules or follows a folder link', async () => {
    expect(await shown(['integrations/*/integration.definition.ts', '!integrations/teams/*', 'integrations/gmail/integration.definition.ts'])).toEqual([
      'integrations/gmail/integration.definition.ts',
      'integrations/slack/integration.definition.ts',
      'integrations/zendesk/integration.definition.ts',
    ])
    expect(await shown(['**/integration.yml'])).toEqual(['integrations/teams/integration.yml', 'legacy/crm/integration.yml'])
  })

  it('reads patterns and paths relative to working-directory, and gives absolute files', async () => {
    const targets = await resolve(['*/integration.definition.ts', '!{slack,teams}/*'], 'integrations')
    expect(targets).toEqual([
      { file: path.join(workspace, 'integrations/gmail/integration.definition.ts'), displayPath: 'integrations/gmail/integration.definition.ts' },
      { file: path.join(workspace, 'integrations/zendesk/integration.definition.ts'), displayPath: 'integrations/zendesk/integration.definition.ts' },
    ])
    expect(await shown(['./gmail/integration.definition.ts', 'missing/integration.yml'], 'integrations')).toEqual([
      'integrations/gmail/integration.definition.ts',
      'integrations/missing/integration.yml',
    ])
  })

  it('names a pattern that matches nothing', async () => {
    await expect(resolve(['integrations/*/integration.yml', 'plugins/*/integration.yml'])).rejects.toThrow(
      new InputError('Input `manifest`: pattern `plugins/*/integration.yml` matches no file under .; check it, or remove the line.'),
    )
  })

  it('refuses a folder that gives both a definition and a YAML manifest, naming both', async () => {
    await expect(resolve(['integrations/teams/integration.*'])).rejects.toThrow(
      'Input `manifest` matches both integrations/teams/integration.definition.ts and integrations/teams/integration.yml, two manifests of one folder',
    )
  })

  it('refuses a pattern that leaves the workspace, or is absolute, and an input whose ! lines exclude everything', async () => {
    await expect(resolve(['../*/integration.yml'])).rejects.toThrow('pattern `../*/integration.yml` reaches outside the workspace')
    await expect(resolve(['/etc/*.conf'])).rejects.toThrow('must be relative to `working-directory`')
    await expect(resolve(['legacy/*/integration.yml', '!legacy/**'])).rejects.toThrow('its `!` lines exclude every manifest')
  })
})

describe('inPool', () => {
  it('keeps at most the limit in flight and gives results in order', async () => {
    let inFlight = 0
    let most = 0
    const results = await inPool([30, 10, 20, 5, 1], 2, async (ms, index) => {
      most = Math.max(most, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, ms))
      inFlight--
      return index * 10
    })
    expect(results).toEqual([0, 10, 20, 30, 40])
    expect(most).toBe(2)
  })

  it('starts nothing after a result that says stop, and marks the rest', async () => {
    const started: number[] = []
    const results = await inPool([1, 2, 3, 4], 1, async (n): Promise<string> => (started.push(n), n === 2 ? 'failed' : 'ok'), {
      stopAfter: (result) => result === 'failed',
      notStarted: (n) => `not started ${n}`,
    })
    expect(started).toEqual([1, 2])
    expect(results).toEqual(['ok', 'failed', 'not started 3', 'not started 4'])
  })

  it('runs an empty list to an empty result', async () => {
    expect(await inPool([], 4, async () => 1)).toEqual([])
  })
})
