import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cliPackagesOnPath } from '../../src/definition/find-loader.js'

// Where `bp` on PATH keeps its package, in each way package managers install a
// global CLI: a link (npm on Linux and macOS), a shim naming the package
// relative to itself (pnpm's sh and cmd shims, npm's cmd and ps1 shims on
// Windows), or a plain file in npm's layouts.

async function cliPackage(dir: string, name = '@botpress/cli'): Promise<string> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, version: '7.1.2' }))
  await writeFile(path.join(dir, 'bin.js'), '')
  return realpath(dir)
}
const temp = () => mkdtemp(path.join(tmpdir(), 'path-'))

describe('cliPackagesOnPath', () => {
  it('follows a link to the package (npm on Linux and macOS)', async () => {
    const root = await temp()
    const cli = await cliPackage(path.join(root, 'lib/node_modules/@botpress/cli'))
    await mkdir(path.join(root, 'bin'))
    await symlink(path.join(cli, 'bin.js'), path.join(root, 'bin/bp'))
    expect(cliPackagesOnPath(['/nonexistent', path.join(root, 'bin')].join(path.delimiter))).toEqual([cli])
  })

  it.each([
    [
      'pnpm sh shim',
      'bp',
      '#!/bin/sh\nbasedir=$(dirname "$0")\nexec node  "$basedir/global/5/node_modules/@botpress/cli/bin.js" "$@"\n',
      'global/5/node_modules/@botpress/cli',
    ],
    ['npm cmd shim', 'bp.cmd', '@ECHO off\r\n"%_prog%"  "%dp0%\\node_modules\\@botpress\\cli\\bin.js" %*\r\n', 'node_modules/@botpress/cli'],
    ['cmd-shim with %~dp0', 'bp.cmd', '@"%~dp0\\..\\store\\node_modules\\@botpress\\cli\\bin.js" %*\r\n', '../store/node_modules/@botpress/cli'],
    ['PowerShell shim', 'bp.ps1', '& "$basedir/node"  "$PSScriptRoot/tools/node_modules/@botpress/cli/bin.js" $args\n', 'tools/node_modules/@botpress/cli'],
  ])('reads a %s', async (_kind, bin, shim, where) => {
    const root = await temp()
    const dir = path.join(root, 'shims')
    await mkdir(dir)
    await writeFile(path.join(dir, bin), shim)
    const cli = await cliPackage(path.join(dir, where))
    expect(cliPackagesOnPath(dir)).toEqual([cli])
  })

  it("finds npm's global layouts beside a bp that is neither a link nor a shim it can read", async () => {
    const windows = await temp()
    await writeFile(path.join(windows, 'bp.cmd'), 'opaque')
    const unix = await temp()
    await mkdir(path.join(unix, 'bin'))
    await writeFile(path.join(unix, 'bin/bp'), 'opaque')
    const expected = [await cliPackage(path.join(windows, 'node_modules/@botpress/cli')), await cliPackage(path.join(unix, 'lib/node_modules/@botpress/cli'))]
    expect(cliPackagesOnPath([windows, path.join(unix, 'bin')].join(path.delimiter))).toEqual(expected)
  })

  it('passes over a bp of another package, a folder named bp, and an empty PATH', async () => {
    const root = await temp()
    const other = await cliPackage(path.join(root, 'lib/node_modules/bp-tools'), 'bp-tools')
    await mkdir(path.join(root, 'bin'))
    await symlink(path.join(other, 'bin.js'), path.join(root, 'bin/bp'))
    const folder = await temp()
    await mkdir(path.join(folder, 'bp'))
    expect(cliPackagesOnPath([path.join(root, 'bin'), folder, ''].join(path.delimiter))).toEqual([])
    expect(cliPackagesOnPath('')).toEqual([])
  })
})
