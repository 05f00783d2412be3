import { createWriteStream } from 'node:fs'
import path from 'node:path'
import { InputError, errorMessage } from '../base/errors.js'
import { DEFINITION_CHILD } from './kind.js'
import { loadDefinitionData, type DefinitionData } from './load.js'
import { startSandboxed } from './sandbox.js'

// Loading a definition runs the repository's code: the action does it in a
// process of its own (a run of its own bundle, flagged by DEFINITION_CHILD),
// which gives the data back on fd 3.

const RESULT_FD = 3
const MAX_RESULT_BYTES = 64 * 1024 * 1024
/** What the definition may print into the debug log; the rest is counted and dropped. */
const MAX_OUTPUT_BYTES = 1024 * 1024
/** How long the answer may take to arrive once the process has exited (a process it started may hold the pipe). */
const DRAIN_MS = 500
// Only what a Node.js program needs to run: no token, no secret, no input, no runner credential.
const CHILD_ENV = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SystemRoot']

/**
 * Loads the definition in a process of its own (see sandbox.ts), with an
 * environment that holds none of the run's credentials. At `timeoutMs`, or
 * once it has exited, it and everything it started are killed and its pipes
 * closed: nothing it leaves behind keeps the step waiting or outlives it.
 */
export function loadInChild(file: string, displayPath: string, timeoutMs: number, debug: (message: string) => void): Promise<DefinitionData> {
  const env: NodeJS.ProcessEnv = { [DEFINITION_CHILD]: JSON.stringify({ file, displayPath }) }
  for (const name of CHILD_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]
  const { child, isolation, kill } = startSandboxed(process.execPath, [process.argv[1]!], {
    cwd: path.dirname(file),
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  debug(`${displayPath}: loaded in ${isolation}`)
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = false
  const result = child.stdio[RESULT_FD] as NodeJS.ReadableStream & { destroy(): void }
  result.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_RESULT_BYTES) chunks.push(chunk)
    else if (!tooLarge) {
      tooLarge = true
      kill()
    }
  })
  // What the definition prints is its own business: the debug log, a line each, up to MAX_OUTPUT_BYTES.
  let printed = 0
  let dropped = 0
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      const room = MAX_OUTPUT_BYTES - printed
      if (room <= 0) {
        dropped += chunk.length
        return
      }
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
      printed += kept.length
      dropped += chunk.length - kept.length
      String(kept)
        .split('\n')
        .filter(Boolean)
        .forEach((line) => debug(`${displayPath}: ${line}`))
    })
  }
  return new Promise((resolve, reject) => {
    let timedOut = false
    let done = false
    let exitCode: number | null = null
    let exited = false
    let idle: NodeJS.Timeout | undefined
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      clearTimeout(idle)
      kill()
      for (const stream of [child.stdout, child.stderr, result]) stream?.destroy()
      if (dropped) debug(`${displayPath}: … ${dropped} more bytes of output dropped (the log keeps the first ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB)`)
      let answer: ({ ok: true } & DefinitionData) | { ok: false; message: string } | undefined
      try {
        answer = tooLarge ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        answer = undefined
      }
      if (answer?.ok) resolve({ data: answer.data, dropped: answer.dropped, debug: answer.debug })
      else if (answer) reject(new InputError(answer.message))
      else if (timedOut) reject(new InputError(`${displayPath} did not load within ${timeoutMs / 1000} s; nothing was sent.`))
      else if (tooLarge) reject(new InputError(`${displayPath} gave back more than ${MAX_RESULT_BYTES / 1024 / 1024} MiB; nothing was sent.`))
      else reject(new InputError(`${displayPath} stopped the process that loads it (exit code ${exitCode}); nothing was sent.`))
    }
    const timer = setTimeout(() => {
      timedOut = true
      finish()
    }, timeoutMs)
    child.on('error', (error) => {
      if (done) return
      done = true
      clearTimeout(timer)
      kill()
      reject(new InputError(`${displayPath} could not be loaded: ${errorMessage(error)}. Nothing was sent.`))
    })
    // Done when the process has exited and its pipes have ended; a process it
    // started may hold them open, so what is still in them is waited for only
    // until DRAIN_MS pass without a byte.
    const drain = () => {
      clearTimeout(idle)
      idle = setTimeout(finish, DRAIN_MS)
    }
    let open = 0
    for (const stream of [child.stdout, child.stderr, result]) {
      if (!stream) continue
      open++
      stream.on('data', () => exited && drain())
      stream.on('end', () => {
        if (--open === 0 && exited) finish()
      })
    }
    child.on('exit', (code) => {
      exited = true
      exitCode = code
      if (open === 0) finish()
      else drain()
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
  // What the definition printed is still on its way: exiting now would cut it short.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))))
  process.exit(0)
}
