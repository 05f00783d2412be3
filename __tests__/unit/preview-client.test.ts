import { afterEach, describe, expect, it } from '@jest/globals'
import { PreviewClient } from '../../src/api/preview-client.js'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'

// The calls previews make (versions listed and deleted, bots) against the
// Botpress-compatible API in this process, pages included.

type Api = Awaited<ReturnType<typeof startBotpressApi>>
let api: Api
afterEach(async () => {
  await api.close()
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
})

const clientFor = (server: Api) =>
  new PreviewClient({
    baseUrl: server.url,
    token: server.token,
    workspaceId: server.workspaceId,
    userAgent: 'test',
    timeoutMs: 5000,
    maxAttempts: 2,
    sleep: async () => undefined,
  })
const version = (n: number, name = 'acme/acme-crm') =>
  seedIntegration({ id: `intver_01PREVIEW${String(n).padStart(17, '0')}`, name, version: `1.4.${n}-pr.7` }) as RemoteIntegration
const urls = () => api.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`)

describe('listVersions', () => {
  it('reads every page, asking by name', async () => {
    api = await startBotpressApi({ pageSize: 2, integrations: [1, 2, 3, 4, 5].map((n) => version(n)).concat(version(6, 'acme/other')) })
    const listed = await clientFor(api).listVersions('acme/acme-crm')
    expect(listed.map((v) => v.version)).toEqual(['1.4.1-pr.7', '1.4.2-pr.7', '1.4.3-pr.7', '1.4.4-pr.7', '1.4.5-pr.7'])
    const name = encodeURIComponent('acme/acme-crm')
    expect(urls()).toEqual([
      `GET /v1/admin/integrations?name=${name}`,
      `GET /v1/admin/integrations?name=${name}&nextToken=2`,
      `GET /v1/admin/integrations?name=${name}&nextToken=4`,
    ])
  })

  it('keeps only the versions of the name asked for, whatever the server lists', async () => {
    api = await startBotpressApi()
    const listed = (v: ReturnType<typeof version>) => ({ ...v, secrets: undefined })
    api.fail({ status: 200, body: { integrations: [listed(version(1)), listed(version(2, 'acme/acme-crm-two'))], meta: {} } })
    expect((await clientFor(api).listVersions('acme/acme-crm')).map((v) => v.name)).toEqual(['acme/acme-crm'])
  })

  it('refuses a list whose next-page token repeats', async () => {
    api = await startBotpressApi()
    const page = { integrations: [], meta: { nextToken: 'again' } }
    api.fail({ status: 200, body: page }, { status: 200, body: page })
    await expect(clientFor(api).listVersions('acme/acme-crm')).rejects.toThrow(
      'Listing the versions of acme/acme-crm: the list did not end after 2 pages (its next page token repeats or never ends); nothing was deleted from it.',
    )
  })
})

describe('deleteVersion', () => {
  it('deletes by id, and says false when the version was already gone', async () => {
    const v = version(1)
    api = await startBotpressApi({ integrations: [v] })
    const client = clientFor(api)
    expect(await client.deleteVersion(v)).toBe(true)
    expect(await client.deleteVersion(v)).toBe(false)
    expect(urls()).toEqual([`DELETE /v1/admin/integrations/${v.id}`, `DELETE /v1/admin/integrations/${v.id}`])
    expect(api.all()).toEqual([])
  })

  it('names the version when Botpress refuses', async () => {
    const v = version(1)
    api = await startBotpressApi({ integrations: [v] })
    api.fail({ status: 409, body: { type: 'ReferenceConstraint', message: 'installed in a bot' } })
    await expect(clientFor(api).deleteVersion(v)).rejects.toThrow(
      new RegExp(`^Deleting acme/acme-crm@1\\.4\\.1-pr\\.7 \\(DELETE /v1/admin/integrations/${v.id}\\) failed: HTTP 409 ReferenceConstraint`),
    )
  })
})

describe('bots', () => {
  const tags = { 'deploy-botpress-integration': 'acme-crm', 'pull-request': '7' }

  it('creates a bot with its tags, installs one integration by alias, reads it and deletes it', async () => {
    api = await startBotpressApi({ integrations: [version(1)] })
    const client = clientFor(api)
    const bot = await client.createBot('acme-crm-pr-7', tags)
    expect(bot).toMatchObject({ name: 'acme-crm-pr-7', tags })
    const installed = await client.install(bot.id, { alias: 'acme-crm', integrationId: version(1).id, configuration: { region: 'eu' } })
    expect(installed.integrations['acme-crm']).toMatchObject({ id: version(1).id, enabled: true, configuration: { region: 'eu' } })
    expect((await client.getBot(bot.id)).id).toBe(bot.id)
    expect(await client.deleteBot(bot.id)).toBe(true)
    expect(await client.deleteBot(bot.id)).toBe(false)
    expect(api.requests.map((r) => [r.method, r.path, r.headers['x-multiple-integrations']])).toEqual([
      ['POST', '/v1/admin/bots', 'true'],
      ['PUT', `/v1/admin/bots/${bot.id}`, 'true'],
      ['GET', `/v1/admin/bots/${bot.id}`, 'true'],
      ['DELETE', `/v1/admin/bots/${bot.id}`, 'true'],
      ['DELETE', `/v1/admin/bots/${bot.id}`, 'true'],
    ])
    expect(api.requests[0]!.body).toEqual({ name: 'acme-crm-pr-7', tags })
    expect(api.requests[1]!.body).toEqual({ integrations: { 'acme-crm': { integrationId: version(1).id, enabled: true, configuration: { region: 'eu' } } } })
  })

  it('lists the bots with every tag, by the server’s filter and its own', async () => {
    api = await startBotpressApi({ pageSize: 1 })
    const mine = api.bots.seed('acme-crm-pr-7', tags)
    const otherPull = api.bots.seed('acme-crm-pr-8', { ...tags, 'pull-request': '8' })
    api.bots.add(mine)
    api.bots.add(otherPull)
    api.bots.add(api.bots.seed('mine-too', tags))
    const client = clientFor(api)
    expect((await client.listBots(tags)).map((b) => b.name)).toEqual(['acme-crm-pr-7', 'mine-too'])
    expect(urls()[0]).toBe(`GET /v1/admin/bots?${new URLSearchParams({ 'tags[deploy-botpress-integration]': 'acme-crm', 'tags[pull-request]': '7' })}`)

    // A server that ignores the filter: what does not carry every tag is still left alone.
    api.fail({ status: 200, body: { bots: [mine, otherPull], meta: {} } })
    expect((await client.listBots(tags)).map((b) => b.name)).toEqual(['acme-crm-pr-7'])
  })

  it('refuses an answer about another bot', async () => {
    api = await startBotpressApi()
    const client = clientFor(api)
    const bot = await client.createBot('acme-crm-pr-7', tags)
    const other = api.bots.seed('someone-else', {})
    api.fail({ status: 200, body: { bot: other } })
    await expect(client.getBot(bot.id)).rejects.toThrow(
      `Reading bot ${bot.id} (GET /v1/admin/bots/${bot.id}) answered with another bot (${other.id}); nothing was done with it. Check \`api-url\`.`,
    )
  })
})
