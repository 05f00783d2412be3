// Starts the Botpress-compatible API on 127.0.0.1 holding the example
// integration, and keeps it running: for trying the action by hand and for
// the CI job that runs the action itself with `uses: ./`.
// Usage: node scripts/serve-api.mjs [--port 3799]
// Prints the URL, token and workspace id to use; with GITHUB_ENV set it also
// exports them as BOTPRESS_API_URL, BOTPRESS_TOKEN and BOTPRESS_WORKSPACE_ID.
import { appendFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../__tests__/support/botpress-api.mjs'

const portArg = process.argv.indexOf('--port')
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0
const api = await startBotpressApi({
  port,
  integrations: [seedIntegration({ id: 'intver_01JDEMOACMECRM0000000000', name: 'acme/acme-crm', version: '1.4.0' })],
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
})
const settings = { BOTPRESS_API_URL: api.url, BOTPRESS_TOKEN: api.token, BOTPRESS_WORKSPACE_ID: api.workspaceId }
// GITHUB_ENV first: a step that waits for the printed lines then has them too.
if (process.env.GITHUB_ENV) {
  await appendFile(
    process.env.GITHUB_ENV,
    Object.entries(settings)
      .map(([n, v]) => `${n}=${v}\n`)
      .join(''),
  )
}
for (const [name, value] of Object.entries(settings)) console.log(`${name}=${value}`)
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)))
process.on('SIGINT', () => void api.close().then(() => process.exit(0)))
