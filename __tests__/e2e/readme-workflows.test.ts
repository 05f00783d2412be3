import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { startBotpressApi } from '../support/botpress-api.mjs'
import { startGitHubApi } from '../support/github-api.mjs'
import { runAction } from '../support/runner.mjs'
import { exampleWorkspace } from '../support/workspace.js'

// README's three workflows, as the files in examples/workflows hold them, run
// in sequence on one manifest: push to main, a pull request (its preview, then
// its close), the merge, and the release tag. Their `with:` and `env:` are
// evaluated as the runner would, so a workflow that stops working together
// with the others fails here.

const SECRETS = {
  ACME_API_KEY: 'sk_main_api_key_0000000001',
  ACME_WEBHOOK_SECRET: 'whsec_main_0000000000001',
  ACME_STAGING_API_KEY: 'sk_staging_api_key_00001',
  PROD_ACME_API_KEY: 'sk_prod_api_key_000000001',
  PROD_ACME_WEBHOOK_SECRET: 'whsec_prod_000000000001',
}

type Context = Record<string, unknown>

/** `${{ a.b.c }}` from the context; anything else (a function, an operator) is refused, so that the test models every expression it meets. */
function evaluate(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    if (!/^[\w-]+(\.[\w-]+)*$/.test(expression)) throw new Error(`the test does not model the expression ${expression}`)
    let value: unknown = context
    for (const key of expression.split('.')) value = (value as Record<string, unknown> | undefined)?.[key]
    if (value === undefined) throw new Error(`${expression} is not in the test's context`)
    return String(value)
  })
}

/** The deploy step of a workflow file, its `with:` and `env:` evaluated in `context`. */
async function deployStep(file: string, context: Context): Promise<{ inputs: Record<string, string>; env: Record<string, string> }> {
  const workflow = parse(await readFile(new URL(`../../examples/workflows/${file}`, import.meta.url), 'utf8'))
  const steps = Object.values(workflow.jobs as Record<string, { steps: Array<Record<string, unknown>> }>).flatMap((job) => job.steps)
  const step = steps.find((candidate) => String(candidate.uses ?? '').startsWith('acme/deploy-botpress-integration@'))!
  const values = (map: unknown) =>
    Object.fromEntries(Object.entries((map ?? {}) as Record<string, unknown>).map(([key, value]) => [key, evaluate(String(value), context)]))
  return { inputs: values(step.with), env: values(step.env) }
}

let api: Awaited<ReturnType<typeof startBotpressApi>>
let github: Awaited<ReturnType<typeof startGitHubApi>>
let workspace: string
let manifestFile: string

beforeAll(async () => {
  api = await startBotpressApi()
  github = await startGitHubApi()
  const example = await exampleWorkspace()
  workspace = example.workspace
  manifestFile = path.join(workspace, example.manifest)
})
afterAll(async () => {
  expect(api.ownViolations).toEqual([])
  for (const request of api.requests) expect(request.violations).toEqual([])
  await Promise.all([api.close(), github.close()])
})

const pullRequestEvent = async (action: string) => {
  const payload = JSON.parse(await readFile(new URL('../fixtures/events/pull_request.json', import.meta.url), 'utf8'))
  return { name: 'pull_request', payload: { ...payload, action, pull_request: { ...payload.pull_request, state: action === 'closed' ? 'closed' : 'open' } } }
}

/** Runs a workflow's deploy step as the runner would for `event`, on ref `ref`. */
async function run(file: string, ref: { ref: string; name: string }, event?: { name: string; payload: Record<string, unknown> }) {
  const context = {
    secrets: { ...SECRETS, BOTPRESS_TOKEN: api.token },
    vars: { BOTPRESS_WORKSPACE_ID: api.workspaceId },
    github: { ref: ref.ref, ref_name: ref.name, repository: 'acme/acme-crm', event: event?.payload ?? {} },
  }
  const step = await deployStep(file, context)
  return runAction({
    workspace,
    // What a real runner gives by default, pointed at the local servers.
    inputs: { ...step.inputs, 'api-url': api.url, 'github-token': github.token },
    env: { ...step.env, GITHUB_API_URL: github.url, GITHUB_REF: ref.ref, GITHUB_REF_NAME: ref.name },
    ...(event && { event }),
  })
}

const MAIN = { ref: 'refs/heads/main', name: 'main' }
const bumpTo = async (version: string) => writeFile(manifestFile, (await readFile(manifestFile, 'utf8')).replace(/^version: .*$/m, `version: ${version}`))
const versions = () => api.all().map((integration) => String(integration.version))

describe("README's workflows on one manifest", () => {
  it('push to main creates 1.4.0 with the main secrets', async () => {
    const push = await run('deploy-main.yml', MAIN)
    expect(push.stderr).toBe('')
    expect(push.outputs).toMatchObject({ operation: 'created', name: 'acme/acme-crm', version: '1.4.0' })
    const [created] = api.all()
    expect(api.secretValues(created!.id)).toEqual({ API_KEY: SECRETS.ACME_API_KEY, WEBHOOK_SECRET: SECRETS.ACME_WEBHOOK_SECRET })
  })

  it('the pull request that bumps to 1.5.0 gets its preview and one comment, then removes it on close', async () => {
    await bumpTo('1.5.0')
    const preview = await run('pr-preview.yml', { ref: 'refs/pull/42/merge', name: '42/merge' }, await pullRequestEvent('synchronize'))
    expect(preview.code).toBe(0)
    expect(preview.outputs).toMatchObject({ operation: 'created', version: '1.5.0-pr.42', 'preview-version': '1.5.0-pr.42' })
    const [comment] = github.comments(42)
    expect(comment!.body).toContain('`acme/acme-crm@1.5.0-pr.42`')
    expect(versions().sort()).toEqual(['1.4.0', '1.5.0-pr.42'])

    const closed = await run('pr-preview.yml', { ref: 'refs/pull/42/merge', name: '42/merge' }, await pullRequestEvent('closed'))
    expect(closed.code).toBe(0)
    expect(closed.outputs.operation).toBe('deleted')
    expect(versions()).toEqual(['1.4.0'])
    expect(github.comments(42)).toHaveLength(1)
  })

  it('the merge creates 1.5.0 beside 1.4.0', async () => {
    const merged = await run('deploy-main.yml', MAIN)
    expect(merged.code).toBe(0)
    expect(merged.outputs).toMatchObject({ operation: 'created', version: '1.5.0' })
    expect(merged.stdout).toContain('::group::Plan: create acme/acme-crm@1.5.0 (previous version 1.4.0)')
  })

  it('tag v1.5.0 updates 1.5.0 with the production secrets; a tag that is not the manifest’s version fails before any request', async () => {
    const tag = { ref: 'refs/tags/v1.5.0', name: 'v1.5.0' }
    const released = await run('release.yml', tag, { name: 'push', payload: { ref: tag.ref } })
    expect(released.code).toBe(0)
    expect(released.outputs).toMatchObject({ operation: 'updated', version: '1.5.0' })
    const release = api.all().find((integration) => integration.version === '1.5.0')!
    expect(api.secretValues(release.id)).toEqual({ API_KEY: SECRETS.PROD_ACME_API_KEY, WEBHOOK_SECRET: SECRETS.PROD_ACME_WEBHOOK_SECRET })

    const before = api.requests.length
    const wrong = await run('release.yml', { ref: 'refs/tags/v1.6.0', name: 'v1.6.0' }, { name: 'push', payload: { ref: 'refs/tags/v1.6.0' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toMatch(/expected-version/)
    expect(api.requests.length).toBe(before)
  })
})

describe('the workflow files', () => {
  it('pass no secret as toJSON(secrets): README warns about it in "Passing secrets" only', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const { readdir } = await import('node:fs/promises')
    for (const name of await readdir(new URL('../../examples/workflows/', import.meta.url))) {
      expect(`${name}: ${await readFile(new URL(`../../examples/workflows/${name}`, import.meta.url), 'utf8')}`).not.toMatch(/toJSON\(\s*secrets\s*\)/)
    }
    // Every YAML block of README that is a workflow is one of those files (docs.test checks that they appear verbatim; actionlint lints them).
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^jobs:/m.test(block))
    expect(workflows.length).toBeGreaterThanOrEqual(3)
    for (const block of workflows) expect(block).not.toMatch(/toJSON\(\s*secrets\s*\)/)
    const sections = readme.split(/^## /m).filter((section) => section.includes('toJSON(secrets)'))
    expect(sections.map((section) => section.split('\n')[0])).toEqual(expect.arrayContaining(['Passing secrets']))
  })
})
