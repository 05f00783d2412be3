import { describe, expect, it } from '@jest/globals'
import { GITHUB_VARIABLES, interpolate, interpolateData, unusableMessage } from '../../src/manifest/interpolate.js'

const env = { GITHUB_REF_NAME: 'v1.4.0', MANIFEST_EMPTY: '', MANIFEST_HOST: 'acme.example', MANIFEST_V: '1.0.3' }
const none = () => false

describe('interpolate', () => {
  it.each([
    ['no references', 'no references'],
    ['Release ${GITHUB_REF_NAME}', 'Release v1.4.0'],
    ['https://${MANIFEST_HOST}/${GITHUB_REF_NAME}', 'https://acme.example/v1.4.0'],
    ['${MANIFEST_MISSING:-fallback}', 'fallback'],
    ['${MANIFEST_EMPTY:-used when empty}', 'used when empty'],
    ['${MANIFEST_MISSING:-}', ''],
    // A default applies only without a value: a set one wins, whole.
    ['${MANIFEST_V:-1.0}', '1.0.3'],
    ['${MANIFEST_HOST:-}', 'acme.example'],
    ['$${GITHUB_REF_NAME} stays', '${GITHUB_REF_NAME} stays'],
    // A lone `$`, then the escape `$${`.
    ['$$${GITHUB_REF_NAME}', '$${GITHUB_REF_NAME}'],
    ['$${ANYTHING_AT_ALL}', '${ANYTHING_AT_ALL}'],
    ['a $ sign and {braces}', 'a $ sign and {braces}'],
    // `#prefix` removes a leading literal prefix, and only when it is there.
    ['${GITHUB_REF_NAME#v}', '1.4.0'],
    ['${MANIFEST_HOST#v}', 'acme.example'],
    ['${GITHUB_REF_NAME#}', 'v1.4.0'],
  ])('%s', (text, expected) => {
    expect(interpolate(text, env)).toEqual({ value: expected })
  })

  it('names every variable that has no value', () => {
    expect(interpolate('${GITHUB_REF_NAME} ${MANIFEST_NOPE} ${GITHUB_HEAD_REF}', env)).toEqual({
      unusable: [
        { name: 'MANIFEST_NOPE', why: 'missing' },
        { name: 'GITHUB_HEAD_REF', why: 'missing' },
      ],
    })
    expect(interpolate('${MANIFEST_EMPTY}', env)).toEqual({ unusable: [{ name: 'MANIFEST_EMPTY', why: 'missing' }] })
  })

  it.each([
    'SECRET_API_KEY',
    'INPUT_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'GITHUB_TOKEN',
    'GITHUB_ENV',
    'RUNNER_TEMP',
    // Names that say nothing of the credential they hold: no name rule can tell.
    'DATABASE_URL',
    'SLACK_WEBHOOK_URL',
    'DB_CREDS',
    'API_PW',
    'JWT',
    'BEARER',
    'NPM_CONFIG_USERCONFIG',
    'GH_HELPER',
    'DESC_SUFFIX',
    'MANIFEST_',
    'manifest_lowercase',
  ])('refuses %s, which is neither a default variable of GitHub nor MANIFEST_*, set or not', (name) => {
    expect(interpolate(`key: \${${name}}`, { [name]: 'x' })).toEqual({ unusable: [{ name, why: 'not-allowed' }] })
    expect(interpolate(`key: \${${name}:-fallback}`, {})).toEqual({ unusable: [{ name, why: 'not-allowed' }] })
  })

  it('says how to hand the value over on purpose', () => {
    expect(unusableMessage({ name: 'DESC_SUFFIX', why: 'not-allowed' })).toBe(
      "`${DESC_SUFFIX}` is not a variable a manifest may read: it reads GitHub's default variables (GITHUB_REF_NAME, GITHUB_SHA, …) and MANIFEST_* only. " +
        'Hand the value over on purpose: `env: MANIFEST_DESC_SUFFIX: …` in the step, and `${MANIFEST_DESC_SUFFIX}` here (secrets go in `secrets`, never in other values)',
    )
  })

  it.each([...GITHUB_VARIABLES, 'MANIFEST_DESC_SUFFIX', 'MANIFEST_DOCS_PATH'])('reads %s', (name) => {
    expect(interpolate(`\${${name}}`, { [name]: 'value' })).toEqual({ value: 'value' })
  })

  it('lists no default variable that holds a credential or a file path', () => {
    const unreadable = ['GITHUB_TOKEN', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_EVENT_PATH']
    for (const name of [...unreadable, 'GITHUB_WORKSPACE', 'GITHUB_ACTION_PATH', 'RUNNER_TEMP', 'RUNNER_TOOL_CACHE', 'ACTIONS_RUNTIME_TOKEN']) {
      expect(GITHUB_VARIABLES.has(name)).toBe(false)
    }
  })

  it('refuses a readable variable whose value holds the token or a secret, as the caller finds it', () => {
    const holdsSecret = (value: string) => value.includes('bp_pat_0123456789')
    expect(interpolate('${MANIFEST_DESC}', { MANIFEST_DESC: 'see bp_pat_0123456789 here' }, holdsSecret)).toEqual({
      unusable: [{ name: 'MANIFEST_DESC', why: 'holds-secret' }],
    })
    expect(interpolate('${MANIFEST_DESC}', { MANIFEST_DESC: 'harmless' }, holdsSecret)).toEqual({ value: 'harmless' })
  })
})

describe('interpolateData', () => {
  it('fills in every string value at any depth, never a key, and keeps `__proto__` an own key', () => {
    const data = JSON.parse(
      '{"title": "CRM ${GITHUB_REF_NAME}", "${GITHUB_REF_NAME}": "key", "list": ["${MANIFEST_HOST}", 3, null], "__proto__": {"x": "${GITHUB_REF_NAME#v}"}}',
    )
    expect(interpolateData(data, env, none)).toBe(true)
    expect(JSON.stringify(data)).toBe('{"title":"CRM v1.4.0","${GITHUB_REF_NAME}":"key","list":["acme.example",3,null],"__proto__":{"x":"1.4.0"}}')
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    const named = JSON.parse('{"__proto__": "${GITHUB_REF_NAME}"}')
    expect(interpolateData(named, env, none)).toBe(true)
    expect(JSON.stringify(named)).toBe('{"__proto__":"v1.4.0"}')
    expect(Object.prototype).not.toHaveProperty('x')
  })

  it('is false when a reference cannot be used, so that the manifest is read again to place it', () => {
    expect(interpolateData({ a: { b: ['${MANIFEST_MISSING}'] } }, env, none)).toBe(false)
    expect(interpolateData({ a: '${GH_TOKEN}' }, { GH_TOKEN: 'x' }, none)).toBe(false)
  })
})
