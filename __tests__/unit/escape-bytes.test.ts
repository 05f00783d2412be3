import { describe, expect, it } from '@jest/globals'
import { escapedLatin1, escapedLength, wholeCharacters } from '../../src/api/escape-bytes.js'

/** What escaping must give: the JSON string of the decoded text, as UTF-8, without quotes. */
const expected = (bytes: Buffer) => Buffer.from(JSON.stringify(bytes.toString('utf8')).slice(1, -1))

describe('JSON escaping on UTF-8 bytes', () => {
  it('escapes every ASCII byte, next to multi-byte characters, as JSON.stringify escapes the text', () => {
    const every = Buffer.from(`${Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('')}ÿ€中\u2028🎉\uFEFF`)
    const escaped = Buffer.from(escapedLatin1(every), 'latin1')
    expect(escaped.subarray(1, -1)).toEqual(expected(every))
  })

  it('counts the escaped length exactly, whatever the alignment and wherever the special bytes fall in a word', () => {
    // Each special byte at each of the four places of a word, alone and in company, at every offset of the buffer.
    const specials = [0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, 0x22, 0x5c]
    const plain = [0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7e, 0x7f, 0xc3, 0xa9]
    const backing = Buffer.alloc(64)
    for (const special of specials) {
      for (const neighbour of plain) {
        for (let place = 0; place < 8; place++) {
          const bytes = Buffer.alloc(11, neighbour)
          bytes[place] = special
          for (let offset = 0; offset < 4; offset++) {
            const view = backing.subarray(offset, offset + bytes.length)
            bytes.copy(view)
            expect(escapedLength(view)).toBe(escapedLatin1(view).length - 2)
          }
        }
      }
    }
  })

  it('counts long and random texts as escaping them does', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const alphabet = ['a', '"', '\\', '\n', '\t', '\u0000', '\u001f', 'é', '中', '🎉', ' ', '{', '\u007f']
    for (let round = 0; round < 50; round++) {
      const text = Array.from({ length: Math.floor(next() * 3000) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
      const bytes = Buffer.from(text)
      expect(escapedLength(bytes)).toBe(expected(bytes).length)
    }
  })

  it('keeps back a character cut at the end of a chunk', () => {
    const bytes = Buffer.from('a🎉')
    expect(wholeCharacters(bytes)).toBe(5)
    for (let cut = 2; cut < 5; cut++) expect(wholeCharacters(bytes.subarray(0, cut))).toBe(1)
    expect(wholeCharacters(Buffer.from('aé'))).toBe(3)
    expect(wholeCharacters(Buffer.from([0x61, 0xc3]))).toBe(1)
  })
})
