/** Where the run writes what it does; main.ts backs it with the runner's log. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  /** Something the run decided that the workflow's author should know, shown as an annotation. */
  notice(message: string): void
  warning(message: string): void
  group(title: string, lines: readonly string[]): void
  /** Registers a value that must never be shown. */
  mask(value: string): void
}

// What the runner's String.TrimStart() removes before it looks for `::`: .NET's
// Char.IsWhiteSpace (U+0009–U+000D, U+0085, Unicode's Zs, Zl and Zp), with
// U+180E, U+200B and U+FEFF too, which older tables count as white space.
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u180e\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*/

/**
 * Text for a plain log line. The runner reads a line as a workflow command
 * when it starts with `::` after white space, or when `##[` stands anywhere in
 * it (ActionCommand.TryParseV2 and TryParse in actions/runner); it ends a line
 * at CR, LF or CRLF. Each line gets a zero-width space in any `##[` and in a
 * leading `::`, so that names from the manifest or the server can never issue
 * `::add-mask::`, `::stop-commands::` or any other command.
 */
export function logLine(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const lead = LEADING_SPACE.exec(line)![0].length
      const safe = line.startsWith('::', lead) ? `${line.slice(0, lead)}:\u200b${line.slice(lead + 1)}` : line
      return safe.replaceAll('##[', '#\u200b#[')
    })
    .join('\n')
}

/**
 * A log for one of several integrations in flight at once: its plain lines
 * are kept and written as one group when it ends (`flush`), so that parallel
 * work stays readable; annotations and masks go through at once, annotations
 * named by `label` since they are read apart from the group.
 */
export function bufferedLog(parent: Log, label: () => string): Log & { flush(title: string): void } {
  const lines: string[] = []
  return {
    debug: (message) => parent.debug(`${label()}: ${message}`),
    info: (message) => lines.push(message),
    notice: (message) => parent.notice(`${label()}: ${message}`),
    warning: (message) => {
      lines.push(`Warning: ${message}`)
      parent.warning(`${label()}: ${message}`)
    },
    group: (title, groupLines) => lines.push(title, ...groupLines.map((line) => `  ${line}`)),
    mask: (value) => parent.mask(value),
    flush: (title) => parent.group(title, lines.splice(0)),
  }
}
