import { constants } from 'node:fs'
import { lstat, mkdir, open, readFile } from 'node:fs/promises'
import path from 'node:path'
import { errorMessage } from '../base/errors.js'
import { readDefinition } from './read.js'
import { manifestYaml } from './to-yaml.js'

export const CONVERT_USAGE = `Usage: deploy-botpress-integration convert [definition] [-o manifest] [--check]

  definition   the integration's definition (default: integration.definition.ts)
  -o manifest  where to write the YAML manifest (default: integration.yml beside the definition)
  --check      write nothing; exit 1, with the differences, when the manifest is not what the definition converts to`

/** The lines of `before` and `after` that differ, as `-` and `+` lines with their numbers. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n')
  const b = after.split('\n')
  const lines: string[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue
    if (a[i] !== undefined) lines.push(`${i + 1} - ${a[i]}`)
    if (b[i] !== undefined) lines.push(`${i + 1} + ${b[i]}`)
  }
  return lines
}

const isSymlink = (file: string) =>
  lstat(file).then(
    (stat) => stat.isSymbolicLink(),
    () => false,
  )

/** `convert`: writes, or with --check compares, the YAML manifest a definition converts to. Returns the exit code. */
export async function convert(args: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let check = false
  let output: string | undefined
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--check') check = true
    else if (arg === '-o' && args[i + 1] !== undefined) output = args[++i]
    else if (arg.startsWith('-') || positional.length) {
      err(CONVERT_USAGE)
      return 2
    } else positional.push(arg)
  }
  const definition = path.resolve(positional[0] ?? 'integration.definition.ts')
  const manifest = path.resolve(output ?? path.join(path.dirname(definition), 'integration.yml'))
  const shown = (file: string) => path.relative(process.cwd(), file) || file
  let yaml: string
  try {
    // On the author's own machine: loaded in this process.
    const parsed = await readDefinition(definition, shown(definition), path.parse(definition).root, { debug: () => undefined, isolate: false, timeoutMs: 0 })
    yaml = manifestYaml(
      parsed.data as Record<string, unknown>,
      path.dirname(definition),
      path.dirname(manifest),
      path.relative(path.dirname(manifest), definition),
    )
  } catch (error) {
    err(errorMessage(error))
    return 1
  }
  // The manifest is written or read where it is, never through a link to somewhere else.
  if (await isSymlink(manifest)) {
    err(`${shown(manifest)} is a symbolic link; convert neither writes nor reads through one. Remove it, or give -o the real path.`)
    return 1
  }
  if (!check) {
    try {
      await mkdir(path.dirname(manifest), { recursive: true })
      const file = await open(manifest, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o644)
      await file.writeFile(yaml).finally(() => file.close())
    } catch (error) {
      err(`Cannot write ${shown(manifest)}: ${errorMessage(error)}`)
      return 1
    }
    out(`Wrote ${shown(manifest)} from ${shown(definition)}.`)
    return 0
  }
  const committed = await readFile(manifest, 'utf8').catch(() => undefined)
  if (committed === yaml) {
    out(`${shown(manifest)} is what ${shown(definition)} converts to.`)
    return 0
  }
  err(
    committed === undefined
      ? `${shown(manifest)} does not exist; run convert without --check to write it.`
      : `${shown(manifest)} is not what ${shown(definition)} converts to (- committed, + converted):`,
  )
  for (const line of committed === undefined ? [] : lineDiff(committed, yaml)) err(line)
  err('Run `deploy-botpress-integration convert` and commit the result.')
  return 1
}
