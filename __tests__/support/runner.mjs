// @ts-check
// Runs the committed bundle as the GitHub runner does: inputs as INPUT_<NAME>
// env vars (upper-cased, hyphens kept), files for GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY, an event payload at GITHUB_EVENT_PATH.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { injectedCommands } from './runner-commands.mjs'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
export const bundle = path.join(projectRoot, 'dist', 'index.js')
/**
 * The inputs' defaults, as action.yml declares them: the runner passes every
 * input, a default where the workflow gives none. Expressions (`${{ github.token }}`)
 * are the runner's to evaluate and are left out.
 * @type {Record<string, string>}
 */
const DEFAULTS = Object.fromEntries(
  Object.entries(parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')).inputs)
    .filter(([, input]) => typeof input.default === 'string' && !input.default.includes('${{'))
    .map(([name, input]) => [name, input.default]),
)

/** The Node.js that runs the bundle: ACTION_NODE (CI sets it to Node 24, as action.yml declares), else this one. */
export const actionNode = process.env.ACTION_NODE || process.execPath

/**
 * Reads a GITHUB_OUTPUT file: `name<<DELIMITER`, the value's lines, `DELIMITER`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = /** @type {string} */ (lines[i])
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(/** @type {string} */ (delimiter), i + 1)
      outputs[/** @type {string} */ (name)] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

/**
 * @typedef {{ code: number | null, stdout: string, stderr: string, outputs: Record<string, string>, summary: string, durationMs: number }} ActionRun
 * @param {{ inputs: Record<string, string>, env?: Record<string, string>, workspace?: string, event?: { name: string, payload: unknown }, stdio?: 'pipe' | 'inherit-too', script?: string, nodeArgs?: string[] }} options
 * @returns {Promise<ActionRun>}
 */
export async function runAction(options) {
  const dir = await mkdtemp(path.join(tmpdir(), 'runner-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  const eventFile = path.join(dir, 'event.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await writeFile(eventFile, JSON.stringify(options.event?.payload ?? {}))
  const workspace = options.workspace ?? projectRoot
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'acme/acme-crm',
    GITHUB_SHA: '4f2a9c1d3b5e7f9a0c2e4f6a8b0d2c4e6f8a0b1c',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_TEMP: dir,
  }
  for (const [name, value] of Object.entries({ ...DEFAULTS, ...options.inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  Object.assign(env, options.env)

  const started = performance.now()
  const child = spawn(actionNode, [...(options.nodeArgs ?? []), options.script ?? bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (options.stdio === 'inherit-too') process.stdout.write(chunk)
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    if (options.stdio === 'inherit-too') process.stderr.write(chunk)
  })
  /** @type {number | null} */
  const code = await new Promise((resolve) => child.on('close', resolve))
  const durationMs = performance.now() - started
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const summary = await readFile(summaryFile, 'utf8')
  await rm(dir, { recursive: true, force: true })
  // Whatever a test makes the manifest, the server or GitHub say, the runner
  // must never find a command in the log that the action did not issue.
  const injected = injectedCommands(stdout)
  if (injected.length)
    throw new Error(`The runner would read workflow commands the action did not issue:\n${injected.map((line) => JSON.stringify(line)).join('\n')}`)
  return { code, stdout, stderr, outputs, summary, durationMs }
}

/**
 * What a runner would print: the `::add-mask::` commands are consumed by the
 * runner and never shown, so they are left out of what tests search for leaks.
 * @param {string} stdout
 */
export function visibleLog(stdout) {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}
