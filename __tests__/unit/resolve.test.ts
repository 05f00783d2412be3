import { describe, expect, it } from '@jest/globals'
import { integrationSecretScope, integrationSecretsEnv, maskableParts, nearMisses, resolveSecrets } from '../../src/secrets/resolve.js'

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
      { name: 'OPEN_WEATHER_API_KEY', key: 'OPENWEATHER_API_KEY', from: 'input' },
      { name: 'OPEN_WEATHER_API_KEY', key: 'OPEN_WEATHR_API_KEY', from: 'input' },
    ])
  })
  it('says nothing when the secret has its value', () => {
    const sources = { env: {}, provided: { OPEN_WEATHER_API_KEY: 'the-value', OPENWEATHER_API_KEY: 'other-value' }, prefix: '' }
    expect(nearMisses(weather, sources, resolveSecrets(weather, sources))).toEqual([])
  })
})

describe('resolveSecrets, value by value', () => {
  it('takes one value given under two keys that agree, and skips empty and null ones', () => {
    const provided = { API_KEY: 'same-value', apiKey: 'same-value', Api_Key: '', 'api-key': null, OAUTH2_TOKEN: undefined }
    expect(Object.fromEntries(resolveSecrets(declared, { env: {}, provided, prefix: '' }))).toEqual({ API_KEY: 'same-value' })
  })

  it('refuses a value of another type under any key of the secret, and names that key', () => {
    for (const value of [true, { nested: 'object-value' }, ['list-value']]) {
      expect(() => resolveSecrets(declared, { env: {}, provided: { API_KEY: 'the-api-key', apiKey: value }, prefix: '' })).toThrow(
        new Error('Input `secrets`: the value of `apiKey` (secret API_KEY) must be a string.'),
      )
    }
  })

  it('ignores a key that is only the prefix', () => {
    expect(resolveSecrets(declared, { env: {}, provided: { PROD_: 'just-the-prefix' }, prefix: 'PROD_' }).size).toBe(0)
  })

  it('says how to fix a value too short, and takes a value of exactly six characters', () => {
    expect(() => resolveSecrets(declared, { env: { SECRET_API_KEY: 'abcde' }, provided: {}, prefix: '' })).toThrow(
      new Error(
        'The value of secret API_KEY has fewer than 6 characters: too short to be kept out of summaries and comments safely ' +
          '(it would match ordinary words). Use a longer value, or do not declare it as a secret. Nothing was sent.',
      ),
    )
    expect(resolveSecrets(declared, { env: { SECRET_API_KEY: 'abcdef' }, provided: {}, prefix: '' }).get('API_KEY')).toBe('abcdef')
  })
})

describe('nearMisses, exactly', () => {
  it('compares only keys that name no declared secret, and only for secrets without a value', () => {
    const declarations = [
      { name: 'API_KEY', optional: false },
      { name: 'APIKEY', optional: true },
    ]
    const sources = { env: {}, provided: { API_KEY: 'the-api-key' }, prefix: '' }
    // API_KEY is declared itself: it is no near miss of APIKEY, whose squashed name it shares.
    expect(nearMisses(declarations, sources, resolveSecrets(declarations, sources))).toEqual([])
  })

  it('needs six letters for a distance of two, and no more than two', () => {
    const short = [{ name: 'TOKEN', optional: false }]
    const sources = (provided: Record<string, string>) => ({ env: {}, provided, prefix: '' })
    expect(nearMisses(short, sources({ TOKAN: 'value-one' }), new Map())).toEqual([])
    expect(nearMisses(short, sources({ TO_KEN: 'value-one' }), new Map())).toEqual([{ name: 'TOKEN', key: 'TO_KEN', from: 'input' }])
    const six = [{ name: 'REGION', optional: false }]
    expect(nearMisses(six, sources({ RAGIAN: 'value-one' }), new Map())).toEqual([{ name: 'REGION', key: 'RAGIAN', from: 'input' }])
    expect(nearMisses(six, sources({ RAGIAM: 'value-one' }), new Map())).toEqual([])
  })

  it('names the key as the workflow spelt it, with the prefix', () => {
    const sources = { env: {}, provided: { PROD_openWeatherKey: 'value-one' }, prefix: 'PROD_' }
    expect(nearMisses([{ name: 'OPEN_WEATHER_KEYS', optional: false }], sources, new Map())).toEqual([
      { name: 'OPEN_WEATHER_KEYS', key: 'PROD_openWeatherKey', from: 'input' },
    ])
  })
})

describe('integrationSecretsEnv', () => {
  it('lets SECRET_<INTEGRATION>_<NAME> stand for SECRET_<NAME>, for that integration only', () => {
    expect(integrationSecretScope('acme/gmail-sync')).toBe('GMAIL_SYNC')
    expect(integrationSecretScope('gmail')).toBe('GMAIL')
    const env = {
      SECRET_API_KEY: 'shared-value',
      SECRET_GMAIL_SYNC_API_KEY: 'gmail-sync-value',
      SECRET_GMAIL_SYNC_: 'nothing-named',
      SECRET_SLACK_API_KEY: 'slack-value',
      SECRET_GMAIL_SYNC_EMPTY: '',
    }
    const scoped = integrationSecretsEnv(env, 'acme/gmail-sync')
    expect(scoped.SECRET_API_KEY).toBe('gmail-sync-value')
    expect(scoped.SECRET_EMPTY).toBeUndefined()
    expect(Object.keys(scoped).filter((key) => !(key in env))).toEqual([])
    expect(integrationSecretsEnv(env, 'acme/other').SECRET_API_KEY).toBe('shared-value')
    expect(env.SECRET_API_KEY).toBe('shared-value')
  })
})

describe('nearMisses in the step env', () => {
  it('finds a SECRET_* variable close to a declared secret left without a value', () => {
    const declarations = [{ name: 'OPEN_WEATHER_KEY', optional: false }]
    const sources = { env: { SECRET_OPENWEATHER_KEY: 'rotated-value', SECRET_OTHER: 'x-value-1', SECRET_OPEN_WEATHR_KEY: '' }, provided: {}, prefix: '' }
    expect(nearMisses(declarations, sources, resolveSecrets(declarations, sources))).toEqual([
      { name: 'OPEN_WEATHER_KEY', key: 'SECRET_OPENWEATHER_KEY', from: 'env' },
    ])
  })
})
