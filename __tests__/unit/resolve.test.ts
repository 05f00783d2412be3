import { describe, expect, it } from '@jest/globals'
import { maskableParts, nearMisses, resolveSecrets } from '../../src/secrets/resolve.js'

const declared = [
  { name: 'API_KEY', optional: false },
  { name: 'OAUTH2_TOKEN', optional: true },
]

describe('resolveSecrets', () => {
  it('prefers SECRET_<NAME> to the secrets input, and ignores empty values', () => {
    const values = resolveSecrets(declared, {
      env: { SECRET_API_KEY: 'from-env', SECRET_OAUTH2_TOKEN: '' },
      provided: { API_KEY: 'from-input', oauth2Token: 'token-from-input' },
      prefix: '',
    })
    expect(Object.fromEntries(values)).toEqual({ API_KEY: 'from-env', OAUTH2_TOKEN: 'token-from-input' })
  })

  it('matches keys after normalisation and with the prefix removed', () => {
    const values = resolveSecrets(declared, {
      env: {},
      provided: { PROD_API_KEY: 'prod-value', API_KEY: 'other-value', prod_oauth2_token: 'token-value' },
      prefix: 'PROD_',
    })
    expect(Object.fromEntries(values)).toEqual({ API_KEY: 'prod-value', OAUTH2_TOKEN: 'token-value' })
  })

  it('takes nothing from a key with another prefix of any length (another environment’s secret)', () => {
    for (const key of ['STAGE_API_KEY', 'DEV__API_KEY', 'PRODAPI_KEY', 'XPROD_API_KEY']) {
      const values = resolveSecrets(declared, { env: {}, provided: { [key]: 'other-environment' }, prefix: 'PROD_' })
      expect(Object.fromEntries(values)).toEqual({})
    }
  })

  it('ignores undeclared keys and leaves missing ones out', () => {
    const values = resolveSecrets(declared, { env: {}, provided: { GITHUB_TOKEN: 'g', OTHER: 'o' }, prefix: '' })
    expect(values.size).toBe(0)
  })

  it('refuses two keys with different values for one secret, naming keys only', () => {
    expect(() => resolveSecrets(declared, { env: {}, provided: { API_KEY: 'one-value', apiKey: 'another-value' }, prefix: '' })).toThrow(
      /several keys for secret API_KEY: `API_KEY` and `apiKey`/,
    )
  })

  it('ignores undeclared keys whatever they hold, even clashing ones', () => {
    const provided = { OTHER: { nested: true }, other: 'a-value', Other: 'b-value', LIST: [1], API_KEY: 'the-api-key' }
    expect(Object.fromEntries(resolveSecrets(declared, { env: {}, provided, prefix: '' }))).toEqual({ API_KEY: 'the-api-key' })
  })

  it('refuses a declared secret that is not a string, naming the key only', () => {
    expect(() => resolveSecrets(declared, { env: {}, provided: { API_KEY: 12345678 }, prefix: '' })).toThrow(
      'the value of `API_KEY` (secret API_KEY) must be a string',
    )
  })

  it('refuses a value too short to scrub safely, without showing it', () => {
    expect(() => resolveSecrets(declared, { env: { SECRET_API_KEY: 'abc' }, provided: {}, prefix: '' })).toThrow(/secret API_KEY has fewer than 6 characters/)
  })
})

describe('maskableParts', () => {
  it('masks each value and each line of it that is long enough to mask', () => {
    const parts = maskableParts(['line one\r\nline two\n}\n  ==  \n\n', 'value1'])
    expect(parts.sort()).toEqual(['line one', 'line one\r\nline two\n}\n  ==  \n\n', 'line two', 'value1'])
  })
})

describe('nearMisses', () => {
  const weather = [
    { name: 'OPEN_WEATHER_API_KEY', optional: false },
    { name: 'REGION', optional: true },
  ]
  it('finds a key of the input that is close to a secret left without a value', () => {
    const sources = { env: {}, provided: { OPENWEATHER_API_KEY: 'rotated-value', OPEN_WEATHR_API_KEY: 'typo-value', UNRELATED: 'x-value' }, prefix: '' }
    const values = resolveSecrets(weather, sources)
    expect(nearMisses(weather, sources, values)).toEqual([
      { name: 'OPEN_WEATHER_API_KEY', key: 'OPENWEATHER_API_KEY' },
      { name: 'OPEN_WEATHER_API_KEY', key: 'OPEN_WEATHR_API_KEY' },
    ])
  })
  it('says nothing when the secret has its value', () => {
    const sources = { env: {}, provided: { OPEN_WEATHER_API_KEY: 'the-value', OPENWEATHER_API_KEY: 'other-value' }, prefix: '' }
    expect(nearMisses(weather, sources, resolveSecrets(weather, sources))).toEqual([])
  })
})
