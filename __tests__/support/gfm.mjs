// @ts-check
// Markdown rendered as GitHub renders a job summary or a comment (GFM: tables,
// autolinks of URLs, www. names and e-mail addresses), to check what a reader sees.
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** @param {string} markdown */
export const renderGfm = (markdown) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] })

/**
 * The targets of the links and images in `markdown` as GitHub would render it.
 * @param {string} markdown
 */
export const linkTargets = (markdown) => [...renderGfm(markdown).matchAll(/<(?:a|img)\b[^>]*?(?:href|src)="([^"]*)"/g)].map((match) => match[1])
