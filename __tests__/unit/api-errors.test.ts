import { describe, expect, it } from '@jest/globals'
import { z } from 'zod'
import { checked, parseResponse } from '../../src/api/answer.js'
import { ApiError, apiErrorFromResponse, withAdvice } from '../../src/api/errors.js'
import type { RemoteIntegration } from '../../src/botpress/integration.js'

const op = 'Updating integration intver_1 (PUT /v1/admin/integrations/intver_1)'

describe('apiErrorFromResponse', () => {
  it('says the status, type, message and id of a Botpress error', () => {
    const error = apiErrorFromResponse(op, 400, JSON.stringify({ id: 'err_123', code: 400, type: 'InvalidPayload', message: 'title is too long' }))
    expect(error.message).toBe(`${op} failed: HTTP 400 InvalidPayload\nBotpress says: title is too long\nError id: err_123 (quote it to Botpress support)`)
    expect(error).toMatchObject({ status: 400, type: 'InvalidPayload', errorId: 'err_123' })
  })

  it.each([
    [401, 'Unauthorized', /valid Botpress personal access token/],
    [403, 'Forbidden', /member of workspace/],
    [404, 'ResourceNotFound', /check `integration-id`/],
    [400, 'BreakingChanges', /Publish them as a new version.*bypass-breaking-changes: true/s],
  ])('gives a hint for %i %s', (status, type, hint) => {
    expect(apiErrorFromResponse(op, status, JSON.stringify({ type, message: 'm' })).message).toMatch(hint)
  })

  it('shows a body that is not JSON, cut to 500 characters', () => {
    const error = apiErrorFromResponse(op, 502, `<html>${'x'.repeat(1000)}</html>`)
    const shown = error.message.split('\n')[1]!
    expect(shown).toBe(`Response: <html>${'x'.repeat(494)}… (1013 characters in all)`)
  })

  it('copes with an empty body', () => {
    expect(apiErrorFromResponse(op, 500, '').message).toBe(`${op} failed: HTTP 500`)
  })
})

describe('what the error carries', () => {
  it('keeps the status, type and id, and leaves out what Botpress did not say', () => {
    const error = apiErrorFromResponse(op, 400, JSON.stringify({ message: 'bad' }))
    expect(error.message).toBe(`${op} failed: HTTP 400\nBotpress says: bad`)
    expect(error.status).toBe(400)
    expect(error.type).toBeUndefined()
    expect(error.errorId).toBeUndefined()
    expect(error.name).toBe('ApiError')
  })

  it('shows JSON that is not a Botpress error as text', () => {
    expect(apiErrorFromResponse(op, 502, '[1,2]').message).toBe(`${op} failed: HTTP 502\nResponse: [1,2]`)
    expect(apiErrorFromResponse(op, 502, '{"error":"x"}').message).toBe(`${op} failed: HTTP 502\nResponse: {"error":"x"}`)
    expect(apiErrorFromResponse(op, 502, 'null').message).toBe(`${op} failed: HTTP 502\nResponse: null`)
    expect(apiErrorFromResponse(op, 502, '  \n ').message).toBe(`${op} failed: HTTP 502`)
  })

  it('shows a body of exactly 500 characters whole', () => {
    expect(apiErrorFromResponse(op, 502, 'y'.repeat(500)).message).toBe(`${op} failed: HTTP 502\nResponse: ${'y'.repeat(500)}`)
  })

  it('gives no hint for other statuses, and the breaking-change hint whatever the status', () => {
    expect(apiErrorFromResponse(op, 409, JSON.stringify({ type: 'AlreadyExists', message: 'm' })).message).toBe(
      `${op} failed: HTTP 409 AlreadyExists\nBotpress says: m`,
    )
    expect(apiErrorFromResponse(op, 403, JSON.stringify({ type: 'BreakingChanges', message: 'm' })).message).not.toMatch(/member of workspace/)
  })
})

describe('withAdvice', () => {
  it('adds a line to an API error and keeps what it carries', () => {
    const error = withAdvice(
      apiErrorFromResponse(op, 404, JSON.stringify({ id: 'err_9', type: 'ResourceNotFound', message: 'gone' })),
      'Try again.',
    ) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message.split('\n').at(-1)).toBe('Try again.')
    expect(error).toMatchObject({ status: 404, type: 'ResourceNotFound', errorId: 'err_9' })
    const bare = withAdvice(new ApiError('no status'), 'More.') as ApiError
    expect(bare.message).toBe('no status\nMore.')
    expect([bare.status, bare.type, bare.errorId]).toEqual([undefined, undefined, undefined])
  })

  it('leaves anything else as it is', () => {
    const other = new Error('x')
    expect(withAdvice(other, 'advice')).toBe(other)
  })
})

describe('parseResponse and checked', () => {
  const schema = z.object({ integration: z.object({ id: z.string() }) })
  const scrub = (text: string) => text.replaceAll('sekrit', '***')

  it('reads a body that fits the schema', () => {
    expect(parseResponse('Reading', '{"integration":{"id":"intver_1"}}', schema, scrub)).toEqual({ integration: { id: 'intver_1' } })
  })

  it('quotes a body that is not JSON scrubbed and cut to 200 characters', () => {
    expect(() => parseResponse('Reading', `<html>sekrit${'z'.repeat(300)}`, schema, scrub)).toThrow(
      new ApiError(`Reading answered with something that is not JSON: <html>***${'z'.repeat(191)}`),
    )
  })

  it('names every key of the body that does not fit, and the root', () => {
    expect(() => parseResponse('Reading', '{"integration":{"id":3}}', schema, scrub)).toThrow(
      /^Reading answered with an unexpected body; nothing was written as outputs\.\n {2}integration\.id: .+$/,
    )
    expect(() => parseResponse('Reading', '[]', schema, scrub)).toThrow(/\n {2}\(root\): /)
  })

  it('refuses an integration that is not the one asked for, by any of the keys asked', () => {
    const integration = { id: 'intver_1', name: 'acme/a', version: '1.0.0' } as RemoteIntegration
    expect(checked('Reading', integration, { id: 'intver_1', name: 'acme/a' })).toBe(integration)
    expect(checked('Reading', integration, {})).toBe(integration)
    expect(() => checked('Reading', integration, { version: '1.0.1' })).toThrow(
      new ApiError('Reading answered with another integration (acme/a@1.0.0, intver_1); nothing was written from it. Check `api-url`.'),
    )
  })
})
