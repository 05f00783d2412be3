import { describe, expect, it } from '@jest/globals'
import { interpolate, interpolateData } from '../../src/manifest/interpolate.js'

const env = { TAG: 'v1.4.0', EMPTY: '', HOST: 'acme.example' }

describe('interpolate', () => {
  it.each([
    ['no references', 'no references'],
    ['Release ${TAG}', 'Release v1.4.0'],
    ['https://${HOST}/${TAG}', 'https://acme.example/v1.4.0'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-used when empty}', 'used when empty'],
    ['${MISSING:-}', ''],
    ['$${TAG} stays', '${TAG} stays'],
    // A lone `$`, then the escape `$${`.
    ['$$${TAG}', '$${TAG}'],
    ['a $ sign and {braces}', 'a $ sign and {braces}'],
    // `#prefix` removes a leading literal prefix, and only when it is there.
    ['${TAG#v}', '1.4.0'],
    ['${HOST#v}', 'acme.example'],
    ['${TAG#}', 'v1.4.0'],
  ])('%s', (text, expected) => {
    expect(interpolate(text, env)).toEqual({ value: expected })
  })

  it('names every variable that has no value', () => {
    expect(interpolate('${TAG} ${NOPE} ${ALSO_NOPE}', env)).toEqual({
      unusable: [
        { name: 'NOPE', why: 'missing' },
        { name: 'ALSO_NOPE', why: 'missing' },
      ],
    })
    expect(interpolate('${EMPTY}', env)).toEqual({ unusable: [{ name: 'EMPTY', why: 'missing' }] })
  })

  it.each([
    'SECRET_API_KEY',
    'INPUT_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'GITHUB_TOKEN',
    'github_token',
    'BOTPRESS_TOKEN',
    'NPM_TOKEN',
    'GH_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'DB_PASSWORD',
    'SMTP_PASSWD',
    'BASIC_AUTH',
    'API_KEY',
    'apiKey',
    'Stripe_Api_Key',
    'GOOGLE_CREDENTIALS',
    'SSH_PRIVATE_KEY',
  ])('refuses to put the credential %s into the definition', (name) => {
    expect(interpolate(`key: \${${name}}`, { [name]: 'x' })).toEqual({ unusable: [{ name, why: 'forbidden' }] })
    expect(interpolate(`key: \${${name}:-fallback}`, {})).toEqual({ unusable: [{ name, why: 'forbidden' }] })
  })

  it.each(['GITHUB_REF_NAME', 'DESC_SUFFIX', 'DOCS_PATH', 'RELEASE_NOTES_URL', 'GITHUB_REPOSITORY', 'KEYNOTE_URL', 'AUTHOR'])(
    'keeps the ordinary variable %s',
    (name) => {
      expect(interpolate(`\${${name}}`, { [name]: 'value' })).toEqual({ value: 'value' })
    },
  )

  it('refuses a variable whose value holds the token or a secret, whatever its name', () => {
    const secrets = ['bp_pat_0123456789', 'sk_live_abcdef']
    expect(interpolate('${DESC}', { DESC: 'see bp_pat_0123456789 here' }, secrets)).toEqual({ unusable: [{ name: 'DESC', why: 'holds-secret' }] })
    expect(interpolate('${DESC}', { DESC: 'harmless' }, secrets)).toEqual({ value: 'harmless' })
  })
})

describe('interpolateData', () => {
  it('fills in every string value at any depth, never a key, and keeps `__proto__` an own key', () => {
    const data = JSON.parse('{"title": "CRM ${TAG}", "${TAG}": "key", "list": ["${HOST}", 3, null], "__proto__": {"x": "${TAG#v}"}}')
    expect(interpolateData(data, env, [])).toBe(true)
    expect(JSON.stringify(data)).toBe('{"title":"CRM v1.4.0","${TAG}":"key","list":["acme.example",3,null],"__proto__":{"x":"1.4.0"}}')
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    const named = JSON.parse('{"__proto__": "${TAG}"}')
    expect(interpolateData(named, env, [])).toBe(true)
    expect(JSON.stringify(named)).toBe('{"__proto__":"v1.4.0"}')
    expect(Object.prototype).not.toHaveProperty('x')
  })

  it('is false when a reference cannot be used, so that the manifest is read again to place it', () => {
    expect(interpolateData({ a: { b: ['${MISSING}'] } }, env, [])).toBe(false)
    expect(interpolateData({ a: '${GH_TOKEN}' }, { GH_TOKEN: 'x' }, [])).toBe(false)
  })
})
