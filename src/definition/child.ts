import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import path from 'node:path'
import { InputError, errorMessage } from '../errors.js'
import { DEFINITION_CHILD } from './kind.js'
import { loadDefinitionData, type DefinitionData } from './load.js'

// Loading a definition runs the repository's code: the action does it in a
// process of its own (a run of its own bundle, flagged by DEFINITION_CHILD),
// which gives the data back on fd 3.

const RESULT_FD = 3
const MAX_RESULT_BYTES = 64 * 1024 * 1024
// Only what a Node.js program needs to run: no token, no secret, no input, no runner credential.
const CHILD_ENV = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SystemRoot']

export function loadInChild(file: string, displayPath: string, timeoutMs: number, debug: (message: string) => void): Promise<DefinitionData> {
  const env: NodeJS.ProcessEnv = { [DEFINITION_CHILD]: JSON.stringify({ file, displayPath }) }
  for (const name of CHILD_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]
  const child = spawn(process.execPath, [process.argv[1]!], { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let size = 0
  const result = child.stdio[RESULT_FD] as NodeJS.ReadableStream
  result.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_RESULT_BYTES) child.kill('SIGKILL')
    else chunks.push(chunk)
  })
  // What the definition prints is its own business: the debug log, a line each.
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) =>
      String(chunk)
        .split('\n')
        .filter(Boolean)
        .forEach((line) => debug(`${displayPath}: ${line}`)),
    )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => reject(new InputError(`${displayPath} could not be loaded: ${errorMessage(error)}. Nothing was sent.`)))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      let answer: ({ ok: true } & DefinitionData) | { ok: false; message: string } | undefined
      try {
        answer = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        answer = undefined
      }
      if (answer?.ok) resolve({ data: answer.data, dropped: answer.dropped, debug: answer.debug })
      else if (answer) reject(new InputError(answer.message))
      else if (signal === 'SIGKILL')
        reject(
          new InputError(
            `${displayPath} did not load within ${timeoutMs / 1000} s (or gave back more than ${MAX_RESULT_BYTES / 1024 / 1024} MiB); nothing was sent.`,
          ),
        )
      else reject(new InputError(`${displayPath} stopped the process that loads it (exit code ${code}); nothing was sent.`))
    })
  })
}

/** The child's side: load the definition named in the environment, give back its data on fd 3, print nothing of ours. */
export async function definitionChild(): Promise<void> {
  const { file, displayPath } = JSON.parse(process.env[DEFINITION_CHILD] ?? '{}') as { file: string; displayPath: string }
  let answer: unknown
  try {
    answer = { ok: true, ...(await loadDefinitionData(file, displayPath)) }
  } catch (error) {
    answer = {
      ok: false,
      message: error instanceof InputError ? error.message : `${displayPath} could not be loaded: ${errorMessage(error)}\nNothing was sent.`,
    }
  }
  await new Promise<void>((resolve, reject) =>
    createWriteStream('', { fd: RESULT_FD })
      .end(JSON.stringify(answer), () => resolve())
      .on('error', reject),
  )
  process.exit(0)
}
