// Jest's globalSetup and globalTeardown (jest.config.js): every temporary
// folder of a test run (workspaces, event files, the runner's files) goes under
// one folder, removed when the run ends. os.tmpdir() follows TMPDIR (TEMP and
// TMP on Windows), which the workers and the processes they start inherit.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const VARIABLES = ['TMPDIR', 'TEMP', 'TMP']

export async function setup() {
  const root = await mkdtemp(path.join(tmpdir(), 'deploy-botpress-tests-'))
  process.env.TEST_TEMP_ROOT = root
  for (const name of VARIABLES) process.env[name] = root
}

export async function teardown() {
  const root = process.env.TEST_TEMP_ROOT
  if (root) await rm(root, { recursive: true, force: true })
}
