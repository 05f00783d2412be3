import { describe, expect, it } from '@jest/globals'
import { backoffDelay, retryDelay, serverDelay, BACKOFF_CAP_MS, SERVER_DELAY_CAP_MS } from '../../src/api/retry.js'

describe('backoffDelay', () => {
  it('doubles from one second, drawn from the upper half', () => {
    expect(backoffDelay(1, () => 0)).toBe(500)
    expect(backoffDelay(1, () => 1)).toBe(1000)
    expect(backoffDelay(2, () => 0)).toBe(1000)
    expect(backoffDelay(3, () => 1)).toBe(4000)
  })
  it('is capped', () => {
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_CAP_MS)
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_CAP_MS / 2)
  })
})

describe('serverDelay', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(serverDelay({ 'retry-after': '7' }, now)).toBe(7000)
    expect(serverDelay({ 'retry-after': '0' }, now)).toBe(0)
    expect(serverDelay({ 'retry-after': 'Wed, 25 Nov 2026 12:00:30 GMT' }, now)).toBe(30_000)
    expect(serverDelay({ 'retry-after': 'Wed, 25 Nov 2026 11:00:00 GMT' }, now)).toBe(0)
  })
  it('reads RateLimit-Reset as seconds, or as a Unix time when that large', () => {
    expect(serverDelay({ 'ratelimit-reset': '12' }, now)).toBe(12_000)
    expect(serverDelay({ 'ratelimit-reset': String(now / 1000 + 5) }, now)).toBe(5000)
  })
  it('prefers Retry-After, caps what it waits, and ignores nonsense', () => {
    expect(serverDelay({ 'retry-after': '3', 'ratelimit-reset': '9' }, now)).toBe(3000)
    expect(serverDelay({ 'retry-after': '86400' }, now)).toBe(SERVER_DELAY_CAP_MS)
    expect(serverDelay({ 'retry-after': 'soon' }, now)).toBeUndefined()
    expect(serverDelay({}, now)).toBeUndefined()
  })
  it('falls back to backoff', () => {
    expect(retryDelay(2, {}, now, () => 1)).toBe(2000)
    expect(retryDelay(2, { 'retry-after': '1' }, now, () => 1)).toBe(1000)
  })
})

describe('serverDelay, exactly', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it('takes seconds with a fraction and spaces around them, and the first of repeated headers', () => {
    expect(serverDelay({ 'retry-after': ' 1.5 ' }, now)).toBe(1500)
    expect(serverDelay({ 'retry-after': ['2', '9'] }, now)).toBe(2000)
    expect(serverDelay({ 'ratelimit-reset': ' 4 ' }, now)).toBe(4000)
  })
  it('reads a date, not the number at either end of it', () => {
    // Neither "1.5s" nor "x 3" is a number of seconds: they are read as dates, which they are not either.
    expect(serverDelay({ 'retry-after': '1.5s' }, now)).toBeUndefined()
    expect(serverDelay({ 'retry-after': 'Wed, 25 Nov 2026 12:00:10 GMT' }, now)).toBe(10_000)
  })
  it('takes RateLimit-Reset only as whole seconds', () => {
    expect(serverDelay({ 'ratelimit-reset': '3s' }, now)).toBeUndefined()
    expect(serverDelay({ 'ratelimit-reset': 'in 3' }, now)).toBeUndefined()
    expect(serverDelay({ 'ratelimit-reset': '' }, now)).toBeUndefined()
    expect(serverDelay({ 'retry-after': '', 'ratelimit-reset': '2' }, now)).toBe(2000)
  })
  it('reads 1,000,000,000 seconds as a wait (capped), and anything larger as a Unix time', () => {
    expect(serverDelay({ 'ratelimit-reset': '1000000000' }, now)).toBe(SERVER_DELAY_CAP_MS)
    expect(serverDelay({ 'ratelimit-reset': '1000000001' }, 1_000_000_000_000)).toBe(1000)
  })
})
