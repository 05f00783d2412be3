/** A Botpress error body: `{id, code, type, message}`. */
export interface BotpressErrorBody {
  id?: string
  code?: number
  type?: string
  message?: string
}

const BODY_EXCERPT = 500

function parseErrorBody(text: string): BotpressErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object' && ('type' in parsed || 'message' in parsed)) return parsed as BotpressErrorBody
  } catch {
    // Not JSON: a proxy's or load balancer's page; shown as text below.
  }
  return undefined
}

function hint(status: number, type: string | undefined): string | undefined {
  if (type === 'BreakingChanges') {
    return 'Botpress found breaking changes for bots that use this version. Publish them as a new version (bump `version`; a new major version for breaking changes), or, to apply them anyway, set `bypass-breaking-changes: true`.'
  }
  switch (status) {
    case 401:
      return 'The token was refused: check that the `token` secret holds a valid Botpress personal access token that has not expired.'
    case 403:
      return 'The token may not do this: check that its user is a member of workspace `workspace-id` with a role that can manage integrations.'
    case 404:
      return 'No integration has this id in this workspace: check `integration-id` (or the manifest `id`) and `workspace-id`.'
    default:
      return undefined
  }
}

/** A request that failed for good, with everything needed to act on it. */
export class ApiError extends Error {
  readonly status?: number
  readonly type?: string
  readonly errorId?: string

  constructor(message: string, details: { status?: number; type?: string; errorId?: string } = {}) {
    super(message)
    this.name = 'ApiError'
    if (details.status !== undefined) this.status = details.status
    if (details.type !== undefined) this.type = details.type
    if (details.errorId !== undefined) this.errorId = details.errorId
  }
}

/**
 * Says what failed and why: the operation, the HTTP status, Botpress's error
 * type, message and id, and what to do for the usual causes.
 */
export function apiErrorFromResponse(operation: string, status: number, bodyText: string, advice: Partial<Record<number, string>> = {}): ApiError {
  const body = parseErrorBody(bodyText)
  const lines = [`${operation} failed: HTTP ${status}`]
  if (body) {
    lines[0] += body.type ? ` ${body.type}` : ''
    if (body.message) lines.push(`Botpress says: ${body.message}`)
    if (body.id) lines.push(`Error id: ${body.id} (quote it to Botpress support)`)
  } else if (bodyText.trim()) {
    const excerpt = bodyText.length > BODY_EXCERPT ? `${bodyText.slice(0, BODY_EXCERPT)}… (${bodyText.length} characters in all)` : bodyText
    lines.push(`Response: ${excerpt.trim()}`)
  }
  const said = advice[status] ?? hint(status, body?.type)
  if (said) lines.push(said)
  return new ApiError(lines.join('\n'), {
    status,
    ...(body?.type !== undefined && { type: body.type }),
    ...(body?.id !== undefined && { errorId: body.id }),
  })
}

/** The same failure with one more line of advice; anything but an ApiError is left as it is. */
export function withAdvice(error: unknown, advice: string): unknown {
  if (!(error instanceof ApiError)) return error
  return new ApiError(`${error.message}\n${advice}`, {
    ...(error.status !== undefined && { status: error.status }),
    ...(error.type !== undefined && { type: error.type }),
    ...(error.errorId !== undefined && { errorId: error.errorId }),
  })
}
