import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/base/errors.js'
import { checkApiUrl, missingTokenError, parseSecretsInput, readManifestLines, readSettings } from '../../src/settings/settings.js'

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
const base = { token: 't', 'workspace-id': 'w' }

describe('readSettings', () => {
  it('applies the defaults of action.yml', () => {
    const settings = readSettings(reader(base), { GITHUB_WORKSPACE: '/ws' })
    expect(settings).toEqual({
      token: 't',
      workspaceId: 'w',
      workspace: '/ws',
      workingDirectory: '/ws',
      manifestFile: '/ws/integration.yml',
      manifestLines: ['integration.yml'],
      maxParallel: 4,
      failFast: false,
      skipPublished: false,
      mode: 'deploy',
      notices: [],
      checkVersionBump: false,
      manifestDisplayPath: 'integration.yml',
      secrets: {},
      secretsPrefix: '',
      apiUrl: 'https://api.botpress.cloud',
      dryRun: false,
      prune: true,
      timeoutMs: 120_000,
      maxAttempts: 4,
      requestVerification: false,
      ifMissing: 'create',
      bypassBreakingChanges: false,
      commentOnPr: false,
      githubToken: '',
      commentAuthor: '',
      preview: false,
      previewSweep: false,
      previewMaxAgeDays: 14,
      previewVersion: '',
      previewBot: false,
      previewConfiguration: {},
      previewTimeoutMs: 120_000,
      environment: '',
      dashboardUrl: 'https://app.botpress.cloud',
    })
  })

  it('resolves the manifest under working-directory under the workspace', () => {
    const settings = readSettings(reader({ ...base, 'working-directory': 'integrations/crm', manifest: 'bp.yml' }), { GITHUB_WORKSPACE: '/ws' })
    expect(settings.manifestFile).toBe('/ws/integrations/crm/bp.yml')
    expect(settings.manifestDisplayPath).toBe('integrations/crm/bp.yml')
  })

  it('names the input that is wrong', () => {
    expect(() => readSettings(reader({ ...base, 'dry-run': 'yes' }), {})).toThrow('Input `dry-run` must be true or false, not "yes".')
    expect(() => readSettings(reader({ ...base, timeout: '0' }), {})).toThrow('Input `timeout` must be a whole number from 1 to 3600')
    expect(() => readSettings(reader({ ...base, 'max-attempts': '2.5' }), {})).toThrow('Input `max-attempts`')
    expect(() => readSettings(reader({ token: 't' }), {})).toThrow('Input `workspace-id` is empty')
  })

  it('leaves an empty token for main to judge: a fork pull request is skipped, anything else fails', () => {
    expect(readSettings(reader({ 'workspace-id': 'w' }), {}).token).toBe('')
    expect(missingTokenError().message).toMatch(/Input `token` is empty.*secrets\.BOTPRESS_TOKEN/)
  })

  it('reads expected-version without a leading v', () => {
    expect(readSettings(reader({ ...base, 'expected-version': 'v1.4.0' }), {}).expectedVersion).toBe('1.4.0')
    expect(readSettings(reader({ ...base, 'expected-version': '2.0.0-rc.1' }), {}).expectedVersion).toBe('2.0.0-rc.1')
    expect(readSettings(reader(base), {})).not.toHaveProperty('expectedVersion')
  })
})

describe('checkApiUrl', () => {
  it.each(['http://localhost:3000', 'http://127.0.0.1:8080/', 'http://127.8.9.10', 'https://api.example.com/'])('accepts %s', (url) => {
    expect(checkApiUrl(url)).toBe(url.replace(/\/$/, ''))
  })
  it.each([
    'http://api.botpress.cloud',
    'http://10.0.0.1',
    'http://localhost.evil.com',
    'ftp://x',
    'not a url',
    'https://api.example.com/?x=1',
    'https://api.example.com/#f',
    'https://u:p@api.example.com',
  ])('refuses %s', (url) => {
    expect(() => checkApiUrl(url)).toThrow(InputError)
  })
  it('never shows the user information of a URL it cannot parse', () => {
    expect(() => checkApiUrl('https://admin:hunter22@[bad')).toThrow('"https://***@[bad"')
  })
})

describe('header inputs', () => {
  it.each(['token', 'workspace-id'])('refuses a control character in %s, without showing the value', (name) => {
    const read = () => readSettings(reader({ ...base, [name]: 'value-with\nline-break' }), {})
    expect(read).toThrow(`Input \`${name}\` holds a line break or another control character`)
    expect(read).not.toThrow('line-break')
  })
})

describe('parseSecretsInput', () => {
  it('reads a JSON object of strings', () => {
    expect(parseSecretsInput('{"API_KEY":"v","github_token":"g"}')).toEqual({ API_KEY: 'v', github_token: 'g' })
    expect(parseSecretsInput('')).toEqual({})
  })
  it('never quotes the text back, which holds secret values', () => {
    for (const raw of ['{"API_KEY": s3cr3t-value}', '["s3cr3t-value"]']) {
      let message = ''
      try {
        parseSecretsInput(raw)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/Input `secrets`/)
      expect(message).not.toContain('s3cr3t')
    }
  })
})

describe('the manifest input', () => {
  it('keeps the lines that mean something, and integration.yml when none does', () => {
    expect(readManifestLines('')).toEqual(['integration.yml'])
    expect(readManifestLines('\n  # only a comment\n')).toEqual(['integration.yml'])
    expect(readManifestLines(' integrations/*/integration.definition.ts \r\n\n# legacy ones\n!integrations/old/*\nlegacy/crm.yml')).toEqual([
      'integrations/*/integration.definition.ts',
      '!integrations/old/*',
      'legacy/crm.yml',
    ])
  })
})

describe('ids and tokens in the wrong place', () => {
  const read = (inputs: Record<string, string>) => readSettings(reader({ ...base, ...inputs }), { GITHUB_WORKSPACE: '/ws' })

  it('refuses a token with its Bearer prefix, and tokens and workspace ids swapped, without quoting the token', () => {
    expect(() => read({ token: 'Bearer bp_pat_abcdef0123456789' })).toThrow('Input `token` begins with "Bearer "')
    expect(() => read({ token: 'bearer  bp_pat_abcdef0123456789' })).toThrow('begins with "Bearer "')
    expect(() => read({ token: 'wkspace_01ABC' })).toThrow('are `token` and `workspace-id` swapped?')
    const error = (() => {
      try {
        read({ 'workspace-id': 'bp_pat_abcdef0123456789' })
      } catch (thrown) {
        return thrown as Error
      }
    })()
    expect(error?.message).toMatch(/holds a personal access token \(bp_pat_…\), not a workspace id: are `token` and `workspace-id` swapped\?/)
    expect(error?.message).not.toContain('abcdef0123456789')
  })

  it('takes the id out of a dashboard URL pasted whole, and says so', () => {
    const settings = read({
      'workspace-id': 'https://app.botpress.cloud/workspaces/wkspace_01JABC/integrations',
      'integration-id': 'https://app.botpress.cloud/workspaces/wkspace_01JABC/integrations/intver_01JXYZ?tab=config',
    })
    expect(settings.workspaceId).toBe('wkspace_01JABC')
    expect(settings.integrationId).toBe('intver_01JXYZ')
    expect(settings.notices).toEqual([
      'Input `workspace-id` is a dashboard URL: the wkspace_… id in it, wkspace_01JABC, is used. Pass the id itself to silence this.',
      'Input `integration-id` is a dashboard URL: the intver_… id in it, intver_01JXYZ, is used. Pass the id itself to silence this.',
    ])
    expect(() => read({ 'workspace-id': 'https://app.botpress.cloud/home' })).toThrow('Input `workspace-id` is a URL, not an id (wkspace_…)')
  })
})
