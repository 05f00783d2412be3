import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { runAction, visibleLog } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// Inputs and environment that try to publish a credential, or to break a request.

const API_KEY = 'sk_live_hostile_inputs_0001'
let api: Awaited<ReturnType<typeof startBotpressApi>>
beforeEach(async () => {
  api = await startBotpressApi({ integrations: [seedIntegration({ id: EXAMPLE_ID })] })
})
afterEach(async () => {
  await api.close()
})

async function deploy(edit: (manifest: string) => string, env: Record<string, string>, extra: Record<string, string> = {}) {
  const { workspace, manifest } = await exampleWorkspace(edit)
  return runAction({ workspace, inputs: exampleInputs(api, { API_KEY, NPM_TOKEN: 'npm_0123456789abcdef' }, { manifest, ...extra }), env })
}

const describeWith = (reference: string) => (text: string) => text.replace(/^description: .*$/m, `description: "Acme CRM ${reference}"`)

describe('interpolation', () => {
  it.each(['BOTPRESS_TOKEN', 'GH_TOKEN', 'DATABASE_URL', 'SLACK_WEBHOOK_URL', 'DB_CREDS', 'GH_HELPER', 'DESC_SUFFIX'])(
    'reads only GitHub defaults and MANIFEST_*: ${%s} is refused at its line, with how to hand it over, and nothing is sent',
    async (name) => {
      const run = await deploy(describeWith(`\${${name}}`), { [name]: 'postgres://admin:credential-value-0001@db' })
      expect(run.code).toBe(1)
      expect(api.requests).toEqual([])
      expect(run.stdout).toMatch(new RegExp(`line=9,col=14::description: \`\\$\\{${name}\\}\` is not a variable a manifest may read`))
      expect(run.stdout).toContain(`\`env: MANIFEST_${name}: …\` in the step, and \`\${MANIFEST_${name}}\` here`)
      expect(visibleLog(run.stdout) + run.summary + JSON.stringify(run.outputs)).not.toContain('credential-value-0001')
    },
  )

  it('refuses a MANIFEST_ variable that holds the token, a secret or the github-token, in any shape the scrubber knows', async () => {
    const githubToken = 'ghs_github_token_for_comments_0001'
    const shapes = [api.token, API_KEY, Buffer.from(`user:${API_KEY}`).toString('base64'), encodeURIComponent(`k=${api.token}`), githubToken]
    for (const value of shapes) {
      const run = await deploy(describeWith('${MANIFEST_DESC_SUFFIX}'), { MANIFEST_DESC_SUFFIX: `v2 ${value}` }, { 'github-token': githubToken })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("`${MANIFEST_DESC_SUFFIX}` holds the token or a secret's value")
    }
    expect(api.requests).toEqual([])
  })

  it('reads GitHub default variables and MANIFEST_* with no other configuration', async () => {
    const run = await deploy(describeWith('${MANIFEST_DESC_SUFFIX} (${GITHUB_REF_NAME}, docs at ${MANIFEST_DOCS_PATH:-docs})'), {
      MANIFEST_DESC_SUFFIX: 'for sales teams',
    })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.body.description).toBe('Acme CRM for sales teams (main, docs at docs)')
  })
})

describe('the secrets input and header inputs', () => {
  it('ignores undeclared keys that clash or are not strings', async () => {
    const { workspace, manifest } = await exampleWorkspace()
    const secrets = JSON.stringify({ API_KEY, OTHER_THING: { nested: 1 }, other_thing: 'a-value', OtherThing: 'b-value', LIST: [1, 2] })
    const run = await runAction({ workspace, inputs: { ...exampleInputs(api, {}, { manifest }), secrets } })
    expect(run.code).toBe(0)
    expect(api.requests[1]!.body.secrets).toEqual({ API_KEY })
  })

  it('refuses a workspace id with a line break before any request, instead of retrying it', async () => {
    const { workspace, manifest } = await exampleWorkspace()
    const run = await runAction({ workspace, inputs: exampleInputs({ ...api, workspaceId: `${api.workspaceId}\nx-evil: 1` }, { API_KEY }, { manifest }) })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('Input `workspace-id` holds a line break or another control character')
  })

  it('refuses an api-url with a query, and hides the password of one it cannot parse', async () => {
    const withQuery = await deploy((text) => text, {}, { 'api-url': `${api.url}/?redirect=https://evil.example` })
    expect(withQuery.stdout).toContain('must be a base URL without a query or fragment')
    const unparsable = await deploy((text) => text, {}, { 'api-url': 'https://admin:hunter2-password@[::bad' })
    expect(unparsable.stdout).toContain('is not a URL: "https://***@[::bad"')
    expect(unparsable.stdout).not.toContain('hunter2-password')
    expect(api.requests).toEqual([])
  })

  it.each(['http://[::1]:8080', 'https://[2001:db8::1]/'])('refuses an api-url of an IPv6 address (%s) before any attempt, saying what to use', async (url) => {
    const run = await deploy((text) => text, {}, { 'api-url': url })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('names its host by an IPv6 address')
    expect(run.stdout).toContain('use a host name that resolves to it (localhost for ::1), or an IPv4 address')
    expect(run.stdout).not.toContain('ENOTFOUND')
  })

  it('refuses an integration-id of .. instead of reading the parent path', async () => {
    const run = await deploy((text) => text, {}, { 'integration-id': '..' })
    expect(run.code).toBe(1)
    expect(api.requests).toEqual([])
    expect(run.stdout).toContain('The `integration-id` input is "..", which is not an id: give the version\'s id (intver_…)')
  })
})
