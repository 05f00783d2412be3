/**
 * Whether text opens as an SVG document: after an optional byte-order mark,
 * XML declaration, comments, processing instructions and a DOCTYPE (with an
 * internal subset, as Adobe Illustrator writes one), the root element is
 * `<svg`. Anything else (HTML, a PNG, text) is not.
 */
export function isSvgDocument(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }
  const skipPast = (end: string) => {
    const at = text.indexOf(end, i)
    if (at < 0) return false
    i = at + end.length
    return true
  }
  for (;;) {
    skipSpace()
    if (text.startsWith('<?', i)) {
      if (!skipPast('?>')) return false
    } else if (text.startsWith('<!--', i)) {
      if (!skipPast('-->')) return false
    } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      if (!skipDoctype()) return false
    } else {
      return /^<svg[\s>/]/i.test(text.slice(i, i + 5))
    }
  }

  // Quoted strings and the internal subset (with its own comments and declarations) may hold `>`.
  function skipDoctype(): boolean {
    i += 9
    let depth = 0
    while (i < text.length) {
      const char = text[i]!
      if (char === '"' || char === "'") {
        const close = text.indexOf(char, i + 1)
        if (close < 0) return false
        i = close + 1
      } else if (text.startsWith('<!--', i)) {
        if (!skipPast('-->')) return false
      } else if (char === '[') {
        depth++
        i++
      } else if (char === ']') {
        depth--
        i++
      } else if (char === '>' && depth <= 0) {
        i++
        return true
      } else {
        i++
      }
    }
    return false
  }
}
