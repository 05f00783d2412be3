/** Where the run writes what it does; main.ts backs it with the runner's log. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  group(title: string, lines: readonly string[]): void
  /** Registers a value that must never be shown. */
  mask(value: string): void
}

/**
 * Text for a plain log line, which the runner would read as a workflow
 * command if a line of it began with `::` (or the older `##[`): such a start
 * gets a zero-width space, so that names from the manifest or the server can
 * never issue `::add-mask::`, `::stop-commands::` or any other command.
 */
export function logLine(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^(\s*)(::|##\[)/, (_match, space: string, start: string) => `${space}${start[0]}\u200b${start.slice(1)}`))
    .join('\n')
}
