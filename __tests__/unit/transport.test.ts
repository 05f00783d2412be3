import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Transport, type TransportOptions } from '../../src/api/transport.js'

// The transport alone, against servers that misbehave one exchange at a time; waits are recorded, not slept.

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

/** A server that hands the n-th request to the n-th handler (the last one repeats). */
async function serve(handlers: Handler[]): Promise<{ url: string; seen: Array<{ method: string; url: string; body: string; authorization: string }> }> {
  const seen: Array<{ method: string; url: string; body: string; authorization: string }> = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({ method: req.method!, url: req.url!, body, authorization: req.headers.authorization ?? '' })
      handlers[Math.min(seen.length, handlers.length) - 1]!(req, res, body)
    })
  })
  servers.push(server)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
const reset: Handler = (req) => req.socket.destroy()
const silent: Handler = () => undefined

function transport(baseUrl: string, overrides: Partial<TransportOptions> = {}) {
  const waits: number[] = []
  const retries: string[] = []
  const instance = new Transport({
    baseUrl,
    token: 'bp_pat_unit_token',
    workspaceId: 'wkspace_unit',
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 3,
    sleep: async (ms) => {
      waits.push(ms)
    },
    onRetry: (message) => retries.push(message),
    ...overrides,
  })
  return { transport: instance, waits, retries }
}

const get = { operation: 'Reading it (GET /v1/thing)', method: 'GET', path: '/v1/thing' }

describe('Transport retries', () => {
  it('retries a connection reset like a 5xx, and returns the first 2xx body', async () => {
    const { url, seen } = await serve([reset, json(502, {}), json(200, { ok: 1 })])
    const { transport: t, waits, retries } = transport(url)
    await expect(t.call(get)).resolves.toBe('{"ok":1}')
    expect(seen).toHaveLength(3)
    expect(waits).toHaveLength(2)
    expect(retries[0]).toMatch(/^Reading it \(GET \/v1\/thing\): .*(ECONNRESET|socket hang up).* \(attempt 1 of 3\); retrying in \d\.\d s$/)
    expect(retries[1]).toMatch(/HTTP 502 \(attempt 2 of 3\)/)
  })

  it('retries a server that does not answer within the timeout', async () => {
    const { url, seen } = await serve([silent, json(200, { ok: 2 })])
    const { transport: t, retries } = transport(url, { timeoutMs: 300 })
    await expect(t.call(get)).resolves.toBe('{"ok":2}')
    expect(seen).toHaveLength(2)
    expect(retries[0]).toMatch(/no complete answer within 0.3 s \(attempt 1 of 3\)/)
  })

  it('stops a server that trickles its answer past the timeout, though every byte comes within it', async () => {
    const trickle: Handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":"')
      const timer = setInterval(() => res.write('x'), 20)
      res.on('close', () => clearInterval(timer))
    }
    const { url, seen } = await serve([trickle])
    const { transport: t } = transport(url, { timeoutMs: 300, maxAttempts: 2 })
    await expect(t.call(get)).rejects.toThrow('Reading it (GET /v1/thing) failed after 2 attempts: no complete answer within 0.3 s')
    expect(seen).toHaveLength(2)
  })

  it('gives up after maxAttempts network failures, naming the operation and the count', async () => {
    const { url, seen } = await serve([reset])
    const { transport: t, waits } = transport(url, { maxAttempts: 2 })
    await expect(t.call(get)).rejects.toThrow(/^Reading it \(GET \/v1\/thing\) failed after 2 attempts: /)
    expect(seen).toHaveLength(2)
    expect(waits).toHaveLength(1)
  })

  it('takes a call’s own maxAttempts over the transport’s', async () => {
    const { url, seen } = await serve([json(503, {})])
    const { transport: t } = transport(url)
    await expect(t.call({ ...get, maxAttempts: 1 })).rejects.toThrow('HTTP 503')
    expect(seen).toHaveLength(1)
  })

  it('does not retry what Node refuses the same way every time (a header value with a line break)', async () => {
    const { url, seen } = await serve([json(200, {})])
    const { transport: t, waits } = transport(url, { token: 'bp_pat\nx-evil: 1' })
    await expect(t.call(get)).rejects.toThrow(/^Reading it \(GET \/v1\/thing\) failed: /)
    expect(seen).toHaveLength(0)
    expect(waits).toEqual([])
  })
})

describe('Transport requests', () => {
  it('sends the credentials, the JSON body with its length, and extra headers', async () => {
    let headers: IncomingMessage['headers'] = {}
    const { url, seen } = await serve([
      (req, res, body) => {
        headers = req.headers
        json(200, { echoed: JSON.parse(body) })(req, res, body)
      },
    ])
    const { transport: t } = transport(url)
    const text = await t.call({ operation: 'Writing', method: 'PUT', path: '/v1/x', body: { a: 'é' }, headers: { 'x-extra': 'yes' } })
    expect(JSON.parse(text)).toEqual({ echoed: { a: 'é' } })
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/v1/x', authorization: 'Bearer bp_pat_unit_token' })
    expect(headers).toMatchObject({
      'x-workspace-id': 'wkspace_unit',
      'x-extra': 'yes',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(seen[0]!.body)),
      accept: 'application/json',
    })
  })

  it('follows a redirect on its own origin, sending the body again', async () => {
    const { url, seen } = await serve([json(307, {}, { location: '/v1/moved' }), json(200, { ok: 3 })])
    const { transport: t, waits } = transport(url)
    await expect(t.call({ operation: 'Writing', method: 'POST', path: '/v1/x', body: { n: 1 } })).resolves.toBe('{"ok":3}')
    expect(seen.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['POST /v1/x {"n":1}', 'POST /v1/moved {"n":1}'])
    expect(waits).toEqual([])
  })

  it('never follows a redirect to another origin, nor more than three', async () => {
    const away = await serve([json(307, {}, { location: 'http://127.0.0.2:9/steal' })])
    await expect(transport(away.url).transport.call(get)).rejects.toThrow(
      'Reading it (GET /v1/thing) answered with a redirect to http://127.0.0.2:9; not followed, since the token goes with every request. Check `api-url`.',
    )
    expect(away.seen).toHaveLength(1)
    const loop = await serve([json(302, {}, { location: '/v1/thing' })])
    await expect(transport(loop.url).transport.call(get)).rejects.toThrow('answered with more than 3 redirects')
    expect(loop.seen).toHaveLength(4)
  })

  it("reads Botpress's ResourceNotFound as missing, and any other 404 as a failure", async () => {
    const botpress = await serve([json(404, { id: 'err_1', code: 404, type: 'ResourceNotFound', message: 'no such version' })])
    await expect(transport(botpress.url).transport.callOrMissing(get)).resolves.toBeUndefined()
    const proxy = await serve([(_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>')])
    await expect(transport(proxy.url).transport.callOrMissing(get)).rejects.toThrow('HTTP 404')
  })

  it('scrubs an answer before parsing errors quote it', async () => {
    const { transport: t } = transport('http://127.0.0.1:9', { scrub: (text) => text.replaceAll('sk_secret_value', '***') })
    const { z } = await import('zod')
    expect(() => t.parse('Reading it', 'not json sk_secret_value', z.object({}))).toThrow(/not json \*\*\*/)
  })
})
