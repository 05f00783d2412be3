import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { seedIntegration, startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { allCommands, injectedCommands } from '../support/runner-commands.mjs'
import { runAction } from '../support/runner.mjs'
import { EXAMPLE_ID, exampleInputs, exampleWorkspace } from '../support/workspace.js'

// Text from the manifest, Botpress and GitHub, at any place in a line, never
// becomes a workflow command. Every run of every end-to-end test is checked
// with the runner's own parsing (support/runner-commands.mjs); these runs put
// commands in every place a name or an answer reaches the log.

const servers: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

// The runner trims .NET's white space (NEL, no-break, ideographic space…) before it looks for `::`,
// and finds `##[command]` anywhere in a line.
const PAYLOADS = ['x ##[error]PWNED-1', '\u0085::error::PWNED-2', '\u3000\u2028::add-mask::PWNED-3', 'y ##[set-output name=version-id;]PWNED-4']

describe('commands hidden in names and answers', () => {
  it('from action names, a pruned remote action, the title and GitHub’s comment URL, stay text', async () => {
    const remote = seedIntegration({
      id: EXAMPLE_ID,
      actions: { [`old ##[error]PWNED-5`]: { input: { schema: {} }, output: { schema: {} } } },
    })
    const api = await startBotpressApi({ integrations: [remote] })
    const github = await startGitHubApi({ htmlUrl: 'https://github.com/acme/acme-crm/pull/42 ##[error]PWNED-6' })
    servers.push(api, github)
    const { workspace, manifest } = await exampleWorkspace((text) =>
      text
        .replace('title: Acme CRM\n', `title: ${JSON.stringify(`CRM ${PAYLOADS[0]}`)}\n`)
        .replace('  createLead:\n', `  ${JSON.stringify(PAYLOADS[1])}:\n`)
        .replace('  getLead:\n', `  ${JSON.stringify(PAYLOADS[2])}:\n`)
        .replace('description: ', `description: ${JSON.stringify(PAYLOADS[3])} #`),
    )
    const run = await runAction({
      workspace,
      inputs: exampleInputs(api, { API_KEY: 'sk_test_commands_0001' }, { manifest, 'comment-on-pr': 'true', 'github-token': github.token }),
      env: { GITHUB_API_URL: github.url },
      event: { name: 'pull_request', payload: JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8')) },
    })
    expect(run.code).toBe(0)
    // Each payload reached the log, as text.
    for (const n of [2, 3, 5, 6]) expect(run.stdout).toContain(`PWNED-${n}`)
    expect(run.stdout).toContain('#\u200b#[error]PWNED-5')
    expect(run.stdout).toContain(`Pull-request comment created: https://github.com/acme/acme-crm/pull/42 #\u200b#[error]PWNED-6`)
    expect(run.outputs['version-id']).toBe(EXAMPLE_ID)
    // No command of any kind whose data a payload wrote, even one that looks like the action's own.
    expect(allCommands(run.stdout).filter((command) => /^PWNED/.test(command.data))).toEqual([])
  })
})

describe('the runner parsing the tests apply', () => {
  it('finds what the runner finds, and passes what @actions/core writes', () => {
    expect(
      injectedCommands(
        [
          '::debug::a ##[error]b',
          '::warning title=x::y',
          'plain ##[error]found',
          '\u0085\u00a0::error::found',
          '##[ERROR]case does not matter',
          '::stop-commands::token',
          'text ##[unknown]x ##[error]only the first ##[ counts',
          'a\rb::error::c',
          'x\r::error::found after a lone CR',
        ].join('\n'),
      ),
    ).toEqual([
      'plain ##[error]found',
      '\u0085\u00a0::error::found',
      '##[ERROR]case does not matter',
      '::stop-commands::token',
      '::error::found after a lone CR',
    ])
  })
})
