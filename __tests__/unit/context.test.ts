import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readRunContext } from '../../src/github/context.js'

async function contextFor(eventName: string, payload: unknown) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'event-')), 'event.json')
  await writeFile(file, JSON.stringify(payload))
  return readRunContext({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: 'acme/crm',
    GITHUB_SHA: 'merge-sha',
    GITHUB_RUN_ID: '77',
    GITHUB_SERVER_URL: 'https://ghes.acme.example',
    GITHUB_API_URL: 'https://ghes.acme.example/api/v3',
  })
}

const pr = (head: unknown) => ({
  pull_request: { number: 5, head: { sha: 'head-sha', repo: head }, base: { repo: { full_name: 'acme/crm' } } },
  repository: { full_name: 'acme/crm' },
})

describe('readRunContext', () => {
  it('reads a pull request from this repository', async () => {
    const context = await contextFor('pull_request', pr({ full_name: 'acme/crm', fork: false }))
    expect(context).toEqual({
      eventName: 'pull_request',
      repository: { owner: 'acme', repo: 'crm' },
      sha: 'merge-sha',
      pullRequest: { number: 5, fromFork: false, headSha: 'head-sha', baseSha: '' },
      runUrl: 'https://ghes.acme.example/acme/crm/actions/runs/77',
      apiUrl: 'https://ghes.acme.example/api/v3',
    })
  })

  it.each([
    ['marked as a fork', { full_name: 'someone/crm', fork: true }],
    ['from another repository', { full_name: 'someone/crm' }],
    ['whose fork was deleted', null],
  ])('tells a pull request %s', async (_, head) => {
    expect((await contextFor('pull_request_target', pr(head))).pullRequest?.fromFork).toBe(true)
  })

  it('knows no pull request on other events, or without a payload', async () => {
    expect((await contextFor('push', pr({ full_name: 'acme/crm' }))).pullRequest).toBeUndefined()
    expect(readRunContext({ GITHUB_EVENT_NAME: 'pull_request' }).pullRequest).toBeUndefined()
  })
})

describe('the base commit', () => {
  it('is read only in the shape GitHub gives it, since it becomes an argument of git', async () => {
    const payload = (sha: unknown) => ({ pull_request: { number: 5, head: { sha: 'h' }, base: { sha } } })
    const base = 'a'.repeat(40)
    expect((await contextFor('pull_request', payload(base))).pullRequest?.baseSha).toBe(base)
    for (const sha of ['--output=/tmp/x', 'A'.repeat(40), 'a'.repeat(39), 7, undefined]) {
      expect((await contextFor('pull_request', payload(sha))).pullRequest?.baseSha).toBe('')
    }
  })
})
