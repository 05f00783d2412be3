import { redact } from '../secrets/redact.js'

/**
 * Untrusted text (from the manifest, file names, the server, the environment)
 * made safe where it enters Markdown: scrubbed of secret values, and unable to
 * close a code block or `<details>`, add headings, HTML, images, links or
 * @mentions. Our own words never go through it, so masking cannot change them.
 */
export interface Markdown {
  /** Plain text inside a heading, a paragraph or a table cell. */
  text(value: string): string
  /** A name or value shown as inline code, safe inside a table cell. */
  code(value: string): string
  /** A block shown as it is, in a fenced code block; its lines. */
  block(value: string): string[]
}

const oneLine = (value: string) => value.replace(/[\r\n\u2028\u2029]+/g, ' ')

function longestRun(value: string, char: string): number {
  let longest = 0
  for (const run of value.match(new RegExp(`${char}+`, 'g')) ?? []) longest = Math.max(longest, run.length)
  return longest
}

export function markdownFor(secretValues: readonly string[]): Markdown {
  const scrub = (value: string) => redact(value, secretValues)
  return {
    text: (value) =>
      oneLine(scrub(value))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]()!|~#]/g, '\\$&')
        // A zero-width space after @ keeps a name from becoming a mention.
        .replace(/@/g, '@\u200b'),
    code: (value) => {
      const text = oneLine(scrub(value)).replace(/\|/g, '\\|')
      const ticks = '`'.repeat(longestRun(text, '`') + 1)
      const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
      return `${ticks}${pad}${text}${pad}${ticks}`
    },
    block: (value) => {
      const text = scrub(value)
      const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
      return [fence, text, fence]
    },
  }
}
