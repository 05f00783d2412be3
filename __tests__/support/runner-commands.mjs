// @ts-check
// How the GitHub runner finds workflow commands in what a step prints, as its
// source has it (actions/runner: src/Runner.Common/ActionCommand.cs TryParseV2
// and TryParse, src/Runner.Worker/ActionCommandManager.cs, ProcessInvoker's
// StreamReader.ReadLine): every test run of the action is checked with it.

/** The commands the runner registers; names are compared ignoring case (OrdinalIgnoreCase). */
const REGISTERED = [
  'stop-commands',
  'internal-set-repo-path',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
].map((name) => name.toUpperCase())

/** The commands @actions/core issues for the action, each on a line of its own starting with `::`. */
const OWN = new Set(['debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'add-mask'])

// .NET's Char.IsWhiteSpace, which String.TrimStart() removes: U+0009–U+000D, U+0085 and Unicode's Zs, Zl and Zp.
const TRIM_START = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

/** @param {string} info */
const commandName = (info) => (info.indexOf(' ') < 0 ? info : info.slice(0, info.indexOf(' ')))
/** @param {string} name */
const registered = (name) => REGISTERED.includes(name.toUpperCase())

/**
 * TryParseV2: `::name props::data` after the line's leading white space.
 * @param {string} line
 * @returns {{ command: string, data: string } | undefined}
 */
export function tryParseV2(line) {
  const message = line.replace(TRIM_START, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const command = commandName(message.slice(2, end))
  return registered(command) ? { command, data: message.slice(end + 2) } : undefined
}

/**
 * TryParse: `##[name props]data` anywhere in the line (its first `##[`).
 * @param {string} line
 * @returns {{ command: string, data: string } | undefined}
 */
export function tryParse(line) {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const end = line.indexOf(']', prefix)
  if (end < 0) return undefined
  const command = commandName(line.slice(prefix + 3, end))
  return registered(command) ? { command, data: line.slice(end + 1) } : undefined
}

/**
 * The lines as the runner reads them (StreamReader.ReadLine ends a line at
 * `\r\n`, `\r` or `\n`), each with whether it began a line of the
 * process's own writing (after `\n`), where @actions/core starts its commands.
 * @param {string} stdout
 */
export function runnerLines(stdout) {
  /** @type {Array<{ line: string, afterNewline: boolean }>} */
  const lines = []
  const separator = /\r\n|\r|\n/g
  let start = 0
  let afterNewline = true
  for (let match = separator.exec(stdout); ; match = separator.exec(stdout)) {
    lines.push({ line: stdout.slice(start, match ? match.index : undefined), afterNewline })
    if (!match) return lines
    afterNewline = match[0] !== '\r'
    start = match.index + match[0].length
  }
}

/**
 * The commands the runner would find in `stdout` that the action did not
 * issue itself: any command on a line that @actions/core did not write as one
 * of its own (a line of its own, starting with `::`, one of the commands it issues).
 * @param {string} stdout
 * @returns {string[]} the lines that hold one
 */
export function injectedCommands(stdout) {
  const injected = []
  for (const { line, afterNewline } of runnerLines(stdout)) {
    const v2 = tryParseV2(line)
    const command = v2 ?? tryParse(line)
    if (!command) continue
    const own = v2 !== undefined && afterNewline && line.startsWith('::') && OWN.has(v2.command)
    if (!own) injected.push(line)
  }
  return injected
}

/**
 * Every command the runner would find in `stdout`, own or not: for tests that
 * look for one whose data a payload wrote.
 * @param {string} stdout
 */
export function allCommands(stdout) {
  return runnerLines(stdout)
    .map(({ line }) => tryParseV2(line) ?? tryParse(line))
    .filter((command) => command !== undefined)
}
