/** Where in a file something is, 1-based as editors and annotations count. */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

/** One thing wrong with the input, with where it is when that is known. */
export interface Problem {
  message: string
  /** Dotted key path inside the manifest, such as `actions.createLead.input`. */
  keyPath?: string
  location?: SourceLocation
}

/**
 * Bad input found before any request: the run stops and nothing is sent.
 * Every problem found is carried, so that all of them are reported at once.
 */
export class InputError extends Error {
  readonly problems: Problem[]
  /** Problems past those listed (and located): lines for the log, which has them all. */
  readonly unlisted: string[]

  constructor(summary: string, problems: Problem[] = [], unlisted: string[] = []) {
    super(problems.length ? `${summary}\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}` : summary)
    this.name = 'InputError'
    this.problems = problems
    this.unlisted = unlisted
  }
}

export function formatProblem(problem: Problem): string {
  const where = problem.location ? `${problem.location.file}:${problem.location.line}:${problem.location.column}: ` : ''
  const key = problem.keyPath ? `${problem.keyPath}: ` : ''
  return `${where}${key}${problem.message}`
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
