import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startBotpressApi } from '../support/botpress-api.mjs'
import { runAction } from '../support/runner.mjs'
import { exampleInputs, exampleWorkspace } from '../support/workspace.js'

// Files that a manifest names come from the repository, often from a pull
// request: only regular files inside the workspace are read, within limits.

let api: Awaited<ReturnType<typeof startBotpressApi>>
beforeEach(async () => {
  api = await startBotpressApi()
})
afterEach(async () => {
  await api.close()
})

async function deployWith(prepare: (dir: string) => Promise<void>, edit?: (manifest: string) => string, env: Record<string, string> = {}) {
  const { workspace, manifest } = await exampleWorkspace(edit)
  await prepare(path.join(workspace, 'integrations/acme-crm'))
  const run = await runAction({ workspace, inputs: exampleInputs(api, { API_KEY: 'sk_test_hostile_files_0001' }, { manifest, 'integration-id': '' }), env })
  return { run, workspace }
}

const writes = () => api.requests.filter((r) => r.method !== 'GET')
const at = 'title=Invalid integration manifest,file=integrations/acme-crm/integration.yml'

describe('files outside the workspace', () => {
  it('refuses a readme that links to the environment, and reads nothing of it', async () => {
    const { run } = await deployWith(
      async (dir) => {
        await rm(path.join(dir, 'hub.md'))
        await symlink('/proc/self/environ', path.join(dir, 'hub.md'))
      },
      undefined,
      { LEAKED_SENTINEL: 'sentinel-value-from-the-environment' },
    )
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain(`::error ${at},line=16,col=9::readme: cannot read integrations/acme-crm/hub.md (it leads outside the workspace`)
    expect(run.stdout + run.summary).not.toContain('sentinel-value')
  })

  it.each([
    ['a path that climbs out', 'code: ../../../../../../etc/passwd'],
    ['an absolute path', 'code: /etc/hostname'],
  ])('refuses %s', async (_name, line) => {
    const { run } = await deployWith(
      async () => undefined,
      (text) => text.replace('code: build/index.js', line),
    )
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toMatch(/code: cannot read .* \(it leads outside the workspace/)
  })

  it('reads a folder of the workspace whose name begins with two dots', async () => {
    const { run } = await deployWith(
      async (dir) => {
        await mkdir(path.join(dir, '..build'))
        await copyFile(path.join(dir, 'build/index.js'), path.join(dir, '..build/index.js'))
      },
      (text) => text.replace('code: build/index.js', 'code: ..build/index.js'),
    )
    expect(run.stdout).not.toContain('leads outside the workspace')
    expect(run.code).toBe(0)
  })

  it('refuses an icon that links to /etc/passwd', async () => {
    const { run } = await deployWith(async (dir) => {
      await rm(path.join(dir, 'icon.svg'))
      await symlink('/etc/passwd', path.join(dir, 'icon.svg'))
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('icon: cannot read integrations/acme-crm/icon.svg (it leads outside the workspace')
    expect(run.stdout).not.toContain('root:')
  })

  it('follows a link that stays inside the workspace', async () => {
    const { run } = await deployWith(async (dir) => {
      await rm(path.join(dir, 'hub.md'))
      await writeFile(path.join(dir, 'README.md'), '# Acme CRM\n')
      await symlink('README.md', path.join(dir, 'hub.md'))
    })
    expect(run.code).toBe(0)
    const create = api.requests.find((r) => r.method === 'POST')!
    expect(Buffer.from(create.body.readme, 'base64').toString()).toBe('# Acme CRM\n')
  })
})

describe('files that are not regular, or too large', () => {
  it('refuses a FIFO at once instead of waiting on it', async () => {
    const { run } = await deployWith(async (dir) => {
      await rm(path.join(dir, 'build/index.js'))
      execFileSync('mkfifo', [path.join(dir, 'build/index.js')])
    })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('code: cannot read integrations/acme-crm/build/index.js (it is not a regular file (a FIFO, socket or device))')
  })

  it('refuses a manifest over its limit before parsing it', async () => {
    const { run } = await deployWith(
      async () => undefined,
      (text) => `${text}\n# ${'x'.repeat(4 * 1024 * 1024)}\n`,
    )
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('Cannot read the manifest integrations/acme-crm/integration.yml (it has 4.0 MiB, over the limit of 4.0 MiB)')
  })

  it('refuses an icon over its limit', async () => {
    const { run } = await deployWith(async (dir) => writeFile(path.join(dir, 'icon.svg'), `<svg>${' '.repeat(2 * 1024 * 1024)}</svg>`))
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('icon: cannot read integrations/acme-crm/icon.svg (it has 2.0 MiB, over the limit of 1.0 MiB)')
  })
})

describe('text that is not UTF-8', () => {
  it('refuses a manifest, naming the byte', async () => {
    const { run } = await deployWith(async (dir) => {
      const file = path.join(dir, 'integration.yml')
      const text = await readFile(file)
      await writeFile(file, Buffer.concat([text.subarray(0, 100), Buffer.from([0xe9]), text.subarray(100)]))
    })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('integrations/acme-crm/integration.yml is not valid UTF-8 at byte 100')
  })

  it('refuses a VRL script at its key', async () => {
    const { run } = await deployWith(async (dir) => writeFile(path.join(dir, 'vrl/extract-identifier.vrl'), Buffer.from('.id = "caf\xe9"', 'latin1')))
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('identifier.extractScript: integrations/acme-crm/vrl/extract-identifier.vrl is not valid UTF-8 at byte 10')
  })

  it('refuses a code bundle before any write', async () => {
    const { run } = await deployWith(async (dir) =>
      writeFile(path.join(dir, 'build/index.js'), Buffer.concat([Buffer.from('exports.x = "'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')])),
    )
    expect(run.code).toBe(1)
    expect(writes()).toEqual([])
    expect(run.stdout).toContain('integrations/acme-crm/build/index.js is not valid UTF-8 at byte 13')
  })
})
