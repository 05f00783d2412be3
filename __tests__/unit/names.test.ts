import { describe, expect, it } from '@jest/globals'
import { isValidSecretName, secretEnvName, toScreamingSnake } from '../../src/botpress/secret-names.js'

describe('toScreamingSnake', () => {
  it.each([
    ['apiKey', 'API_KEY'],
    ['api-key', 'API_KEY'],
    ['api key', 'API_KEY'],
    ['api_key', 'API_KEY'],
    ['API_KEY', 'API_KEY'],
    ['APIKey', 'API_KEY'],
    ['oauth2Token', 'OAUTH2_TOKEN'],
    ['OAUTH2_TOKEN', 'OAUTH2_TOKEN'],
    ['clientID', 'CLIENT_ID'],
    ['  webhook--secret ', 'WEBHOOK_SECRET'],
    ['v2ApiURL', 'V2_API_URL'],
    ['a', 'A'],
  ])('%s → %s', (name, expected) => {
    expect(toScreamingSnake(name)).toBe(expected)
    expect(isValidSecretName(toScreamingSnake(name))).toBe(true)
  })

  it('leaves nothing usable from punctuation alone', () => {
    expect(toScreamingSnake('--')).toBe('')
    expect(isValidSecretName('')).toBe(false)
  })

  it('checks names as Botpress does', () => {
    expect(isValidSecretName('API_KEY')).toBe(true)
    expect(isValidSecretName('API__KEY')).toBe(false)
    expect(isValidSecretName('_API')).toBe(false)
    expect(isValidSecretName('api_key')).toBe(false)
    expect(secretEnvName('API_KEY')).toBe('SECRET_API_KEY')
  })
})
