// @ts-check
// A GitHub-REST-compatible server on 127.0.0.1, reached through GITHUB_API_URL:
// the issue-comment endpoints a pull-request comment needs, with GitHub's
// pagination (per_page, page, Link headers), `GET /user` (refused, as for
// GITHUB_TOKEN, unless a user is given), and hostile modes: 403 on everything,
// a `next` link that loops, answers that never come. Deployments and their
// statuses as GitHub's REST documentation describes them (create, list by
// environment, statuses with their states and URLs).
import { createServer } from 'node:http'

/**
 * @typedef {{ id: number, body: string, html_url: string, user: { login: string, type: string } }} Comment
 * @typedef {{ method: string, path: string, query: URLSearchParams, authorization: string | undefined, body: any }} GitHubRequest
 */

/** The identity GITHUB_TOKEN comments as. */
export const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' }

/**
 * `user` is what `GET /user` answers (none: 403, as for GITHUB_TOKEN); it also writes the comments the token creates.
 * `htmlUrl`, when given, is the `html_url` of every comment it answers (a hostile GitHub).
 * @param {{ token?: string, maxPerPage?: number, user?: { login: string, type: string }, htmlUrl?: string }} [options]
 */
export async function startGitHubApi(options = {}) {
  const token = options.token ?? 'ghs_test_github_token'
  const maxPerPage = options.maxPerPage ?? 100
  /** @type {Map<number, Comment[]>} comments by issue number */
  const comments = new Map()
  /** @type {GitHubRequest[]} */
  const requests = []
  let nextId = 1000
  let forbidden = false
  /** @type {'loop' | 'hang' | undefined} */
  let hostile
  /** @type {string} */
  let base = ''
  /** @type {Array<Record<string, any>>} */
  const deployments = []
  /** Statuses by deployment id, oldest first. @type {Map<number, Array<Record<string, any>>>} */
  const statuses = new Map()
  /** Pull requests' states by number; one not listed is answered 404. @type {Map<number, 'open' | 'closed'>} */
  const pulls = new Map()
  /** Pull requests' changed files by number (`filename`, and `previous_filename` for a rename). @type {Map<number, Array<{ filename: string, previous_filename?: string, status: string }>>} */
  const files = new Map()
  const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']

  /** @param {string} owner @param {string} repo @param {number} issue @param {string} body @param {{ login: string, type: string }} [user] */
  function addComment(owner, repo, issue, body, user = { login: 'someone', type: 'User' }) {
    const id = nextId++
    const comment = { id, body, html_url: options.htmlUrl ?? `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`, user }
    comments.set(issue, [...(comments.get(issue) ?? []), comment])
    return comment
  }

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base)
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text ? JSON.parse(text) : undefined
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body })
      /** @param {number} status @param {unknown} payload @param {Record<string, string>} [headers] */
      const send = (status, payload, headers = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        res.end(JSON.stringify(payload))
      }
      if (req.headers.authorization !== `token ${token}` && req.headers.authorization !== `Bearer ${token}`) {
        return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })
      }
      if (hostile === 'hang') return // headers never come
      if (url.pathname === '/user' && req.method === 'GET') {
        return options.user ? send(200, { ...options.user, id: 1 }) : send(403, { message: 'Resource not accessible by integration', status: '403' })
      }
      if (forbidden) {
        return send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments',
          status: '403',
        })
      }
      const deploymentList = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(url.pathname)
      const statusList = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(url.pathname)
      if (deploymentList && req.method === 'POST') {
        if (typeof body?.ref !== 'string' || !body.ref) return send(422, { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' })
        const deployment = {
          id: nextId++,
          sha: body.ref,
          ref: body.ref,
          task: body.task ?? 'deploy',
          environment: body.environment ?? 'production',
          description: body.description ?? null,
          transient_environment: body.transient_environment ?? false,
          production_environment: body.production_environment ?? body.environment === 'production',
          request: body,
        }
        deployments.push(deployment)
        return send(201, deployment)
      }
      if (deploymentList && req.method === 'GET') {
        const environment = url.searchParams.get('environment')
        return send(
          200,
          deployments.filter((d) => environment === null || d.environment === environment),
        )
      }
      if (statusList && req.method === 'POST') {
        const id = Number(statusList[3])
        if (!deployments.some((d) => d.id === id)) return send(404, { message: 'Not Found' })
        if (!STATES.includes(body?.state)) return send(422, { message: `Invalid request.\n\n${body?.state} is not a member of ${STATES.join(', ')}.` })
        const status = {
          id: nextId++,
          state: body.state,
          description: body.description ?? '',
          log_url: body.log_url ?? '',
          environment_url: body.environment_url ?? '',
        }
        statuses.set(id, [...(statuses.get(id) ?? []), status])
        return send(201, status)
      }
      // A pull request's files, as GitHub lists them: pages of per_page (at most 100), a `next` link while more are left.
      const pullFiles = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(url.pathname)
      if (pullFiles && req.method === 'GET') {
        const all = files.get(Number(pullFiles[3]))
        if (!all) return send(404, { message: 'Not Found' })
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
        const page = Number(url.searchParams.get('page') ?? 1)
        const next = new URL(url)
        next.searchParams.set('page', String(page + 1))
        const more = page * perPage < all.length
        return send(200, all.slice((page - 1) * perPage, page * perPage), more ? { link: `<${next.href}>; rel="next"` } : {})
      }
      const pull = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(url.pathname)
      if (pull && req.method === 'GET') {
        const state = pulls.get(Number(pull[3]))
        return state ? send(200, { number: Number(pull[3]), state, merged: false }) : send(404, { message: 'Not Found' })
      }
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
      const edit = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
      if (list && req.method === 'GET') {
        const all = comments.get(Number(list[3])) ?? []
        const perPage = Math.min(maxPerPage, Number(url.searchParams.get('per_page') ?? 30))
        const page = Number(url.searchParams.get('page') ?? 1)
        const last = Math.max(1, Math.ceil(all.length / perPage))
        /** @param {number} n */
        const link = (n) => {
          const target = new URL(url)
          target.searchParams.set('page', String(n))
          return target.href
        }
        const links = []
        if (hostile === 'loop') links.push(`<${link(1)}>; rel="next"`)
        else if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
        if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
        return send(200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {})
      }
      if (list && req.method === 'POST') {
        return send(201, addComment(/** @type {string} */ (list[1]), /** @type {string} */ (list[2]), Number(list[3]), body.body, options.user ?? ACTIONS_BOT))
      }
      if (edit && req.method === 'PATCH') {
        for (const issueComments of comments.values()) {
          const comment = issueComments.find((c) => c.id === Number(edit[3]))
          if (comment) {
            comment.body = body.body
            return send(200, comment)
          }
        }
        return send(404, { message: 'Not Found' })
      }
      return send(404, { message: 'Not Found' })
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  base = `http://127.0.0.1:${address.port}`

  return {
    url: base,
    token,
    requests,
    /** @param {number} issue */
    comments: (issue) => comments.get(issue) ?? [],
    addComment,
    deployments,
    /** @param {number} number @param {'open' | 'closed'} state */
    setPull: (number, state) => pulls.set(number, state),
    /** @param {number} number @param {Array<{ filename: string, previous_filename?: string, status: string }>} list */
    setPullFiles: (number, list) => files.set(number, list),
    /** @param {number} id */
    statuses: (id) => statuses.get(id) ?? [],
    /** @param {boolean} value */
    setForbidden(value) {
      forbidden = value
    },
    /** @param {'loop' | 'hang' | undefined} mode */
    setHostile(mode) {
      hostile = mode
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
