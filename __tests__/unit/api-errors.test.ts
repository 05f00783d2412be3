import { describe, expect, it } from '@jest/globals'
import { apiErrorFromResponse } from '../../src/api/errors.js'

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
