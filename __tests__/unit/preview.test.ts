import { describe, expect, it } from '@jest/globals'
import type { RunContext } from '../../src/github/context.js'
import { chooseMode } from '../../src/preview/mode.js'
import { checkPreviewPattern, previewMatcher, previewNumber, previewVersion } from '../../src/preview/version.js'

const pr42 = { number: 42, sha: '9b1c7e2f4a6d8c0b1e3f5a7c9d0e2f4a6b8c0d1e' }

describe('previewVersion', () => {
  it.each([
    ['1.5.0', '1.5.0-pr.42'],
    ['2.0.0-beta.1', '2.0.0-beta.1.pr.42'],
    ['1.5.0+build.7', '1.5.0-pr.42+build.7'],
    ['2.0.0-rc.1+exp.sha', '2.0.0-rc.1.pr.42+exp.sha'],
  ])('gives %s a pre-release of pull request 42: %s', (version, expected) => {
    expect(previewVersion(version, '', pr42)).toBe(expected)
  })

  it('fills a pattern in', () => {
    expect(previewVersion('1.5.0', '{version}-preview.{number}.{sha}', pr42)).toBe('1.5.0-preview.42.9b1c7e2')
    expect(previewVersion('1.5.0', '0.0.{number}-pr', pr42)).toBe('0.0.42-pr')
  })

  it('refuses what is not a semantic version with a pre-release, before any request', () => {
    expect(() => previewVersion('1.5.0', '{version}.{number}', pr42)).toThrow(
      '`preview-version` "{version}.{number}" gives "1.5.0.42", which is not a semantic version with a pre-release of its own (such as 1.5.0-pr.42). Nothing was sent.',
    )
    expect(() => previewVersion('1.5.0', '{version}+pr.{number}', pr42)).toThrow('gives "1.5.0+pr.42"')
    // A numeric identifier with a leading zero is not semver: the sha may begin with one.
    expect(() => previewVersion('1.5.0', '{version}-{number}.{sha}', { number: 7, sha: '0123456789' })).toThrow('gives "1.5.0-7.0123456"')
  })
})

describe('checkPreviewPattern', () => {
  it('takes {version}, {number} and {sha}, and needs {number}', () => {
    expect(() => checkPreviewPattern('{version}-pr.{number}.{sha}')).not.toThrow()
    expect(() => checkPreviewPattern('{version}-pr.{pr}')).toThrow('Input `preview-version` has the placeholder {pr}; it takes {version}, {number} and {sha}.')
    expect(() => checkPreviewPattern('{version}-pr.{number')).toThrow('has a `{` or `}` that opens or closes no placeholder')
    expect(() => checkPreviewPattern('{version}-pr.{sha}')).toThrow('must hold {number}')
  })
})

describe('chooseMode', () => {
  const context = (pullRequest?: RunContext['pullRequest'], eventName = 'pull_request'): RunContext => ({
    eventName,
    repository: { owner: 'acme', repo: 'acme-crm' },
    sha: 'abc',
    pullRequest,
    runUrl: undefined,
    apiUrl: 'https://api.github.com',
  })
  const settings = { preview: true, previewVersion: '', dryRun: false }
  const pr = { number: 42, fromFork: false, headSha: pr42.sha, baseSha: '' }

  it('deploys as always without preview', () => {
    expect(chooseMode({ ...settings, preview: false }, context(undefined, 'push'))).toEqual({ kind: 'deploy' })
  })

  it('previews an open pull request, and ends the preview of a closed one', () => {
    expect(chooseMode(settings, context({ ...pr, action: 'synchronize' }))).toEqual({ kind: 'preview', of: { number: 42, sha: pr42.sha } })
    expect(chooseMode(settings, context({ ...pr, action: 'closed' }))).toEqual({ kind: 'preview-closed', of: { number: 42, sha: pr42.sha } })
  })

  it('refuses a preview without a pull request, with a dry run, with an id, or with a bad pattern', () => {
    expect(() => chooseMode(settings, context(undefined, 'push'))).toThrow('Input `preview` is true on a push event: previews are versions of a pull request')
    expect(() => chooseMode({ ...settings, dryRun: true }, context(pr))).toThrow('Inputs `preview` and `dry-run` are both true')
    expect(() => chooseMode({ ...settings, integrationId: 'intver_x' }, context(pr))).toThrow('leave `integration-id` empty for previews')
    expect(() => chooseMode({ ...settings, previewVersion: '{v}' }, context(pr))).toThrow('placeholder {v}')
  })
})

describe('previewMatcher', () => {
  it('finds pull request 42’s default previews of any version, and no other pull request’s', () => {
    const is42 = previewMatcher('', 42)
    for (const version of ['1.5.0-pr.42', '0.1.0-pr.42', '2.0.0-beta.1.pr.42', '1.5.0-pr.42+build.7', '1.5.0-rc.1-x.pr.42'])
      expect([version, is42(version)]).toEqual([version, true])
    for (const version of [
      '1.5.0',
      '1.5.0-pr.41',
      '1.5.0-pr.420',
      '1.5.0-pr.4',
      '1.5.0-pr.42.pr.7',
      '1.5.0-xpr.42',
      'x1.5.0-pr.42',
      '1.5.0-pr.42-x',
      '1.5.0-pr-42',
    ]) {
      expect([version, is42(version)]).toEqual([version, false])
    }
  })

  it('follows a pattern: {version} any version, {sha} any commit, {number} this pull request only', () => {
    const is42 = previewMatcher('{version}-preview.{number}.{sha}', 42)
    expect(is42('1.5.0-preview.42.9b1c7e2')).toBe(true)
    expect(is42('2.0.0-beta.1-preview.42.0123abc')).toBe(true)
    expect(is42('1.5.0-preview.41.9b1c7e2')).toBe(false)
    expect(is42('1.5.0-preview.42.9b1c7e')).toBe(false)
    expect(is42('1.5.0-pr.42')).toBe(false)
    // The pattern's dots are dots, not any character.
    expect(previewMatcher('0.0.{number}-pr', 42)('0x0y42-pr')).toBe(false)
    expect(previewMatcher('0.0.{number}-pr', 42)('0.0.42-pr')).toBe(true)
  })
})

describe('previewNumber', () => {
  it('names the pull request a preview belongs to, by the pattern, and none for a release', () => {
    expect(previewNumber('', '1.5.0-pr.42')).toBe(42)
    expect(previewNumber('', '2.0.0-beta.1.pr.7+build')).toBe(7)
    expect(previewNumber('', '1.5.0')).toBeUndefined()
    expect(previewNumber('', '1.5.0-pr.042')).toBeUndefined()
    expect(previewNumber('{version}-preview.{number}.{sha}', '1.5.0-preview.42.9b1c7e2')).toBe(42)
    expect(previewNumber('{version}-preview.{number}.{sha}', '1.5.0-pr.42')).toBeUndefined()
  })
})

describe('dashboardLinks', () => {
  it('keeps every part one path segment, also inside a Markdown link', async () => {
    const { dashboardLinks } = await import('../../src/botpress/dashboard.js')
    const links = dashboardLinks('https://app.botpress.cloud', 'wkspace_1)](https://evil.test')
    expect(links.bot('bot_01')).toBe('https://app.botpress.cloud/workspaces/wkspace_1%29%5D%28https%3A%2F%2Fevil.test/bots/bot_01')
    expect(links.version({ id: 'intver_01', visibility: 'public' })).toBe('https://app.botpress.cloud/hub/integrations/intver_01')
    expect(links.version({ id: 'intver_01', visibility: 'unlisted' })).toBe(
      'https://app.botpress.cloud/workspaces/wkspace_1%29%5D%28https%3A%2F%2Fevil.test/integrations/intver_01',
    )
  })
})
