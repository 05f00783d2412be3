import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { projectRoot } from '../support/runner.mjs'

// `npm run demo`, as a newcomer runs it: on the example, and on a manifest of their own.

const run = (args: string[]) => promisify(execFile)(process.execPath, [path.join(projectRoot, 'scripts/demo.mjs'), ...args], { cwd: projectRoot })

describe('npm run demo', () => {
  it('shows what a runner shows: the seeded state, the step, the rendered log, outputs and summary', async () => {
    const { stdout } = await run([])
    expect(stdout).toMatch(/^Botpress has \(a local API on http:\/\/127\.0\.0\.1:\d+\):\n {2}acme\/acme-crm@1\.4\.0/)
    expect(stdout).toContain('  - uses: acme/deploy-botpress-integration@v1')
    expect(stdout).toContain('(plan: + added, ~ changed, - removed on Botpress)')
    expect(stdout).toContain('  ▾ Plan: update acme/acme-crm@1.4.0')
    expect(stdout).toContain('operation: updated')
    expect(stdout).not.toMatch(/::(add-mask|debug|group)::/)
  })

  it('deploys a manifest of your own against a matching local integration', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'own-'))
    await cp(path.join(projectRoot, 'examples/acme-crm'), dir, { recursive: true })
    const file = path.join(dir, 'integration.yml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('name: acme/acme-crm', 'name: weather').replace('version: 1.4.0', 'version: 2.0.0'))
    const { stdout } = await run(['--manifest', file, '--dry-run'])
    expect(stdout).toContain('acme/weather@2.0.0')
    expect(stdout).toContain('operation: validated-update')
    expect(stdout).not.toContain('::add-mask::')
  })
})
