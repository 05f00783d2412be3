import { scrubberFor } from '../secrets/redact.js'

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
  /** A value shown as inline code, scrubbed, then cut to `max` characters (cut after scrubbing, so no part of a secret shows). */
  excerpt(value: string, max: number): string
  /** A block shown as it is, in a fenced code block; its lines. */
  block(value: string): string[]
}

/** Text cut to `max` characters (code points: never half an emoji), the last one an ellipsis when cut. */
export function cutAt(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text
}

const oneLine = (value: string) => value.replace(/[\r\n\u2028\u2029]+/g, ' ')

function longestRun(value: string, char: string): number {
  let longest = 0
  for (const run of value.match(new RegExp(`${char}+`, 'g')) ?? []) longest = Math.max(longest, run.length)
  return longest
}

export function markdownFor(secretValues: readonly string[]): Markdown {
  const scrub = scrubberFor(secretValues)
  const code = (value: string) => {
    const text = oneLine(scrub(value)).replace(/\|/g, '\\|')
    const ticks = '`'.repeat(longestRun(text, '`') + 1)
    // A code span drops one space at each end when both have one: padded, a
    // backtick at either end stays inside, and so do spaces at both ends.
    const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim()) ? ' ' : ''
    return `${ticks}${pad}${text}${pad}${ticks}`
  }
  return {
    text: (value) =>
      oneLine(scrub(value))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]()!|~#]/g, '\\$&')
        // A zero-width space after @ keeps a name from becoming a mention or an
        // e-mail link; in `://` and `www.`, a URL from becoming a link (GFM's autolinks).
        .replace(/@/g, '@\u200b')
        .replace(/:\/\//g, ':\u200b//')
        .replace(/www\./gi, (www) => `${www.slice(0, 3)}\u200b.`),
    code,
    excerpt: (value, max) => code(cutAt(oneLine(scrub(value)), max)),
    block: (value) => {
      const text = scrub(value)
      const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
      return [fence, text, fence]
    },
  }
}

/**
 * Markdown cut to at most `limit` (counted by `size`) at a line boundary,
 * closing a code block left open, with a last line that says what was left
 * out and where the rest is. GitHub refuses a step summary over 1 MiB and a
 * comment over 65,536 characters.
 */
export function fitWithin(markdown: string, limit: number, size: (text: string) => number = (text) => text.length): string {
  if (size(markdown) <= limit) return markdown
  const note = (left: number) => `\n\n**… cut here: ${left} more characters did not fit. The workflow run's log has all of it.**\n`
  const room = limit - size(note(markdown.length)) - 16
  let kept = markdown.slice(0, room)
  while (size(kept) > room) kept = kept.slice(0, Math.floor(kept.length * 0.9))
  const lineEnd = kept.lastIndexOf('\n')
  if (lineEnd > kept.length / 2) kept = kept.slice(0, lineEnd)
  const fences = kept.match(/^`{3,}$/gm) ?? []
  const open = fences.length % 2 === 1 ? `\n${fences[fences.length - 1]}` : ''
  return `${kept}${open}${note(markdown.length - kept.length)}`
}
