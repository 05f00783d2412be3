import { describe, expect, it } from '@jest/globals'
import { logLine } from '../../src/base/log.js'
import { fitWithin, markdownFor } from '../../src/report/markdown.js'
import { redact, secretShapes } from '../../src/secrets/redact.js'
import { renderGfm } from '../support/gfm.mjs'

const SECRET = 'sk_live_51HxT9cKq-secret+api/key é'

describe('redact', () => {
  it('removes a secret as it is, JSON-escaped, URL-encoded and base64-encoded at any alignment', () => {
    const quoted = 'with "quotes" and \\ backslash'
    const texts = [
      `plain ${SECRET} text`,
      JSON.stringify({ echoed: quoted }),
      `https://x.example/?k=${encodeURIComponent(SECRET)}`,
      ...['', 'a', 'ab'].map((before) => Buffer.from(`${before}${SECRET}tail`).toString('base64')),
      Buffer.from(`ab${SECRET}`).toString('base64url'),
    ]
    for (const text of texts) {
      const scrubbed = redact(text, [SECRET, quoted])
      expect(scrubbed).toContain('***')
      for (const shape of [...secretShapes(SECRET), ...secretShapes(quoted)]) expect(scrubbed).not.toContain(shape)
    }
  })
  const RESERVED = 'pa(ss)!wo*rd\'x/y"z<&>'
  const wrap = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n')
  it.each([
    ['percent-encoded in lower-case hex', (v: string) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    [
      "percent-encoded with RFC 3986's !'()*",
      (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ],
    ['percent-encoded byte by byte', (v: string) => [...Buffer.from(v)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')],
    ['percent-encoded twice', (v: string) => encodeURIComponent(encodeURIComponent(v))],
    [
      'JSON with \\uXXXX and \\/ escapes',
      (v: string) =>
        JSON.stringify(v)
          .slice(1, -1)
          .replace(/\//g, '\\/')
          .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ],
    ['hex', (v: string) => Buffer.from(v).toString('hex')],
    ['HEX', (v: string) => Buffer.from(v).toString('hex').toUpperCase()],
    ['HTML entities', (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')],
    ['decimal character references', (v: string) => [...v].map((c) => `&#${c.codePointAt(0)};`).join('')],
    ['hex character references', (v: string) => [...v].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('')],
    ['NFD', (v: string) => v.normalize('NFD')],
    ['split across two lines', (v: string) => `${v.slice(0, 9)}\n${v.slice(9)}`],
    ['split across lines with CRLF', (v: string) => wrap(v, 5).replace(/\n/g, '\r\n')],
  ])('removes a secret %s', (_shape, encode) => {
    for (const secret of [SECRET, RESERVED]) {
      expect(redact(`before ${encode(secret)} after`, [secret])).toBe('before *** after')
    }
  })

  it.each([20, 64, 76])('removes a secret from base64 wrapped at %i columns', (width) => {
    const encoded = wrap(Buffer.from(`some text before ${SECRET} and after`).toString('base64'), width)
    const scrubbed = redact(encoded, [SECRET])
    expect(scrubbed).toContain('***')
    const left = Buffer.from(scrubbed.replace(/\*\*\*|\s/g, ''), 'base64').toString('latin1')
    expect(left).not.toContain(SECRET.slice(0, 6))
  })

  it('leaves values too short to mean anything', () => {
    expect(redact('a b', ['a'])).toBe('a b')
  })
})

describe('logLine', () => {
  it.each([
    ['::add-mask::x', ':\u200b:add-mask::x'],
    ['  ::error::pwned', '  :\u200b:error::pwned'],
    ['name\n::stop-commands::abc\nnext', 'name\n:\u200b:stop-commands::abc\nnext'],
    ['a\r::set-output name=x::y', 'a\n:\u200b:set-output name=x::y'],
    ['##[error]old syntax', '#\u200b#[error]old syntax'],
    ['actions: + createLead  ~ a::b', 'actions: + createLead  ~ a::b'],
    ['x ##[error]anywhere ##[set-output name=a;]b', 'x #\u200b#[error]anywhere #\u200b#[set-output name=a;]b'],
    ['###[error]', '##\u200b#[error]'],
    ['\u0085\u00a0\u3000::error::after .NET white space', '\u0085\u00a0\u3000:\u200b:error::after .NET white space'],
    ['\u2028::warning::x', '\u2028:\u200b:warning::x'],
  ])('neutralises %j', (text, expected) => {
    expect(logLine(text)).toBe(expected)
  })
})

describe('markdownFor', () => {
  const md = markdownFor(['botpress-secret'])
  it('makes text unable to add markup, mentions or images', () => {
    expect(md.text('x\n## Heading <img src=x onerror=alert(1)> @octocat ![i](http://e/x.png) | cell')).toBe(
      'x \\#\\# Heading &lt;img src=x onerror=alert\\(1\\)&gt; @\u200boctocat \\!\\[i\\]\\(http:\u200b//e/x.png\\) \\| cell',
    )
  })
  it('shows code that cannot close its span or its table cell', () => {
    expect(md.code('createLead')).toBe('`createLead`')
    expect(md.code('a`b|c')).toBe('``a`b\\|c``')
    expect(md.code('`x`')).toBe('`` `x` ``')
  })
  it('keeps a name that begins or ends with a backtick or a space whole inside its code span, in a table cell too', () => {
    const decode = (html: string) =>
      html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    for (const name of ['`lead', 'lead`', '`', '``a', 'a``b', '`x`', ' padded ', ' lead', 'a|b`']) {
      const cell = renderGfm(`| name |\n|---|\n| ${md.code(name)} |\n`)
      expect(decode(/<td><code>(.*?)<\/code><\/td>/s.exec(cell)?.[1] ?? '(no code span)')).toBe(name)
      const paragraph = renderGfm(`Deployed ${md.code(name)} now`)
      expect(decode(/<code>(.*?)<\/code>/s.exec(paragraph)?.[1] ?? '(no code span)')).toBe(name.replace(/\|/g, '\\|'))
    }
  })

  it('fences a block with more backticks than it holds', () => {
    expect(md.block('before\n```\n</details>\n# not a heading')).toEqual(['````', 'before\n```\n</details>\n# not a heading', '````'])
  })
  it('scrubs secret values from what it is given, and only from that', () => {
    expect(md.text('key botpress-secret')).toBe('key \\*\\*\\*')
    expect(md.code('botpress-secret')).toBe('`***`')
  })
})

describe('fitWithin', () => {
  it('leaves what fits as it is', () => {
    expect(fitWithin('short\n', 100)).toBe('short\n')
  })
  it('cuts at a line, closes an open code block, and says what was left out', () => {
    const text = `head\n\`\`\`\`\n${'line of the failure\n'.repeat(1000)}\`\`\`\`\ntail\n`
    const fitted = fitWithin(text, 2000)
    expect(fitted.length).toBeLessThanOrEqual(2000)
    expect(fitted.startsWith('head\n````\nline of the failure\n')).toBe(true)
    expect(fitted).toMatch(/line of the failure\n````\n\n\*\*… cut here: \d+ more characters did not fit\. The workflow run's log has all of it\.\*\*\n$/)
  })
  it('counts in bytes where told to', () => {
    const fitted = fitWithin('é'.repeat(5000), 3000, Buffer.byteLength)
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(3000)
  })
})

describe('redact, each shape', () => {
  it.each([
    [
      'JSON with upper-case \\uXXXX',
      (v: string) =>
        JSON.stringify(v)
          .slice(1, -1)
          .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
    ],
    ['form-encoded, a space as +', (v: string) => encodeURIComponent(v).replace(/%20/g, '+')],
    ['HTML with &apos;', (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')],
    ['upper-case hex character references', (v: string) => [...v].map((c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`).join('')],
    ['base64url at every alignment', (v: string) => ['', 'a', 'ab'].map((before) => Buffer.from(`${before}${v}`).toString('base64url')).join(' ')],
  ])('removes a secret %s', (_shape, encode) => {
    const secret = 'pass word é/?>>>~~~'
    const scrubbed = redact(`before ${encode(secret)} after`, [secret])
    expect(scrubbed.startsWith('before ')).toBe(true)
    for (const shape of secretShapes(secret)) expect(scrubbed).not.toContain(shape)
    expect(scrubbed).not.toContain(encode(secret))
  })

  it('removes the base64 of a secret of six characters, the shortest it keeps', () => {
    expect(redact(`x ${Buffer.from('abcdef').toString('base64')} y`, ['abcdef'])).toBe('x *** y')
  })

  it('removes every secret cut by a line, whichever comes first', () => {
    const long = 'first-long-secret-value'
    const short = 'short-one'
    const text = `a ${short.slice(0, 4)}\n${short.slice(4)} b ${long.slice(0, 6)}\n${long.slice(6)} c`
    expect(redact(text, [long, short])).toBe('a *** b *** c')
  })

  it('leaves text with line breaks and no secret as it is', () => {
    expect(redact('one\r\ntwo\n', ['a-secret-value'])).toBe('one\r\ntwo\n')
  })
})

describe('markdownFor, exactly', () => {
  const md = markdownFor([])
  it('joins lines with one space, escapes &, and breaks www. links in either case', () => {
    expect(md.text('a\r\n\n\u2028b')).toBe('a b')
    expect(md.text('R&D <x>')).toBe('R&amp;D &lt;x&gt;')
    expect(md.text('see www.example.com or WWW.EXAMPLE.COM')).toBe('see www\u200b.example.com or WWW\u200b.EXAMPLE.COM')
  })
  it('pads a code span only where GitHub would drop a character', () => {
    expect(md.code(' lead')).toBe('` lead`')
    expect(md.code('lead ')).toBe('`lead `')
    expect(md.code(' both ')).toBe('`  both  `')
    expect(md.code('  ')).toBe('`  `')
    expect(md.code('`tick')).toBe('`` `tick ``')
    expect(md.code('tick`')).toBe('`` tick` ``')
    expect(md.code('a\n\nb')).toBe('`a b`')
  })
  it('fences with as many backticks as the longest run needs, and at least three', () => {
    expect(md.block('plain')).toEqual(['```', 'plain', '```'])
    expect(md.block('a ````` b')).toEqual(['``````', 'a ````` b', '``````'])
  })
})

describe('fitWithin, exactly', () => {
  const note = (left: number) => `\n\n**… cut here: ${left} more characters did not fit. The workflow run's log has all of it.**\n`
  it('keeps text of exactly the limit', () => {
    const text = 'x'.repeat(500)
    expect(fitWithin(text, 500)).toBe(text)
  })
  it('says exactly how much it left out, cut at the last line end in the second half', () => {
    const text = `${'a'.repeat(300)}\n${'b'.repeat(300)}\n${'c'.repeat(600)}`
    const fitted = fitWithin(text, 800)
    expect(fitted).toBe(`${'a'.repeat(300)}\n${'b'.repeat(300)}${note(text.length - 601)}`)
  })
  it('cuts inside a line when the last line end is in the first half', () => {
    const text = `${'a'.repeat(10)}\n${'b'.repeat(2000)}`
    const fitted = fitWithin(text, 800)
    const kept = fitted.slice(0, fitted.indexOf('\n\n**…'))
    expect(kept.startsWith(`${'a'.repeat(10)}\n${'b'.repeat(100)}`)).toBe(true)
    expect(fitted).toBe(`${kept}${note(text.length - kept.length)}`)
  })
  it('counts only fences on lines of their own', () => {
    const text = `intro \`\`\`not a fence\n${'line\n'.repeat(400)}`
    expect(fitWithin(text, 800)).not.toMatch(/\n```\n\n\*\*…/)
    const fenced = `\`\`\`\n${'line\n'.repeat(400)}`
    expect(fitWithin(fenced, 800)).toMatch(/line\n```\n\n\*\*… cut here/)
  })
})
