import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BotpressClient } from '../../src/api/client.js'
import { seedIntegration } from '../support/botpress-api.mjs'

// The client against a server that answers from a script, with waits recorded instead of slept.

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
})

type Answer = { status: number; headers?: Record<string, string>; body: unknown }

async function clientFor(answers: Answer[], overrides: { scrub?: (text: string) => string } = {}) {
  const seen: string[] = []
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const answer = answers.shift() ?? { status: 500, body: {} }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    res.end(JSON.stringify(answer.body))
  })
  await new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(undefined)))
  const waits: number[] = []
  const client = new BotpressClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: 'bp_pat_unit',
    workspaceId: 'wkspace_unit',
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 3,
    sleep: async (ms) => {
      waits.push(ms)
    },
    ...overrides,
  })
  return { client, waits, seen }
}

const integration = seedIntegration({ id: 'intver_unit' })

describe('BotpressClient retries', () => {
  it('waits as long as Retry-After says, then as long as RateLimit-Reset says', async () => {
    const { client, waits } = await clientFor([
      { status: 429, headers: { 'retry-after': '7' }, body: {} },
      { status: 503, headers: { 'ratelimit-reset': '3' }, body: {} },
      { status: 200, body: { integration } },
    ])
    await expect(client.getIntegration('intver_unit')).resolves.toMatchObject({ id: 'intver_unit' })
    expect(waits).toEqual([7000, 3000])
  })

  it('backs off without a server word, and gives up after max attempts', async () => {
    const { client, waits, seen } = await clientFor([
      { status: 502, body: {} },
      { status: 502, body: {} },
      { status: 502, body: {} },
    ])
    await expect(client.getIntegration('intver_unit')).rejects.toThrow('failed: HTTP 502')
    expect(seen).toHaveLength(3)
    expect(waits).toHaveLength(2)
    expect(waits[0]).toBeGreaterThanOrEqual(500)
    expect(waits[0]).toBeLessThanOrEqual(1000)
    expect(waits[1]).toBeGreaterThanOrEqual(1000)
    expect(waits[1]).toBeLessThanOrEqual(2000)
  })

  it('does not retry a 4xx answer', async () => {
    const { client, waits, seen } = await clientFor([{ status: 400, body: { id: 'err_1', type: 'InvalidPayload', message: 'no' } }])
    await expect(client.getIntegration('intver_unit')).rejects.toThrow('HTTP 400 InvalidPayload')
    expect(seen).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('scrubs an answer before it is quoted and cut', async () => {
    const secret = 'sk_live_unit_secret_value'
    const { client } = await clientFor([{ status: 400, body: `${'x'.repeat(490)}${secret}` }], { scrub: (text) => text.split(secret).join('***') })
    const error = await client.getIntegration('intver_unit').catch((thrown: Error) => thrown)
    expect(String(error)).not.toContain(secret.slice(0, 6))
  })
})
