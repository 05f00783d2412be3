import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startProxy } from '../support/proxy.mjs'
import { runAction } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs } from '../support/workspace.js'

// Self-hosted runners often reach the internet only through a proxy. Loopback
// addresses always bypass proxies, so the API is served over https under a
// name only the proxy knows, with a certificate made for the test.
const HOST = 'api.botpress.test'

let api: Awaited<ReturnType<typeof startBotpressApi>>
let proxy: Awaited<ReturnType<typeof startProxy>>
let certFile: string

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tls-'))
  certFile = path.join(dir, 'cert.pem')
  const keyFile = path.join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=DNS:${HOST}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  )
  api = await startBotpressApi({
    integrations: [seedIntegration({ id: EXAMPLE_ID })],
    tls: { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') },
  })
  proxy = await startProxy({ [HOST]: '127.0.0.1' })
})
afterAll(async () => {
  await Promise.all([api.close(), proxy.close()])
})

function run(env: Record<string, string>, extra: Record<string, string> = {}) {
  const viaName = { ...api, url: `https://${HOST}:${api.port}` }
  return runAction({ inputs: exampleInputs(viaName, { API_KEY: 'proxy-api-key' }, extra), env: { NODE_EXTRA_CA_CERTS: certFile, ...env } })
}

describe('behind a proxy', () => {
  it('sends every request through HTTPS_PROXY', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url })
    expect(result.stdout).not.toContain('::error')
    expect(result.code).toBe(0)
    expect(proxy.tunnels).toEqual([`${HOST}:${api.port}`, `${HOST}:${api.port}`])
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT'])
  })

  it('goes direct for hosts in NO_PROXY', async () => {
    proxy.tunnels.length = 0
    const result = await run({ HTTPS_PROXY: proxy.url, NO_PROXY: `localhost,.botpress.test` }, { 'max-attempts': '1' })
    expect(result.code).toBe(1)
    expect(proxy.tunnels).toEqual([])
    // The name resolves nowhere but through the proxy.
    expect(result.stdout).toMatch(/failed after 1 attempt: getaddrinfo (ENOTFOUND|EAI_AGAIN) api\.botpress\.test/)
  })
})
