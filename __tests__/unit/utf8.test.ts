import { describe, expect, it } from '@jest/globals'
import { decodeUtf8, invalidUtf8Offset } from '../../src/files/utf8.js'

describe('invalidUtf8Offset', () => {
  it.each([
    ['plain ascii', Buffer.from('abc'), -1],
    ['every length of character', Buffer.from('aé中🎉'), -1],
    ['a stray continuation byte', Buffer.from([0x61, 0x80]), 1],
    ['an overlong form', Buffer.from([0x61, 0xc0, 0xaf]), 1],
    ['a surrogate', Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]), 2],
    ['a code point past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['a character cut at the end', Buffer.from([0x61, 0xf0, 0x9f, 0x8e]), 1],
    ['latin-1 text', Buffer.from('café', 'latin1'), 3],
  ])('%s', (_name, bytes, offset) => {
    expect(invalidUtf8Offset(bytes)).toBe(offset)
    // It agrees with the platform's own strict decoder.
    const strict = (() => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes)
        return true
      } catch {
        return false
      }
    })()
    expect(strict).toBe(offset === -1)
  })
  it('names the file and the byte in its error', () => {
    expect(() => decodeUtf8(Buffer.from('café', 'latin1'), 'vrl/x.vrl')).toThrow('vrl/x.vrl is not valid UTF-8 at byte 3')
  })
})
