/** Where the run writes what it does; main.ts backs it with the runner's log. */
export interface Log {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  group(title: string, lines: readonly string[]): void
  /** Registers a value that must never be shown. */
  mask(value: string): void
}
