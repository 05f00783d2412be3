import { describe, expect, it } from '@jest/globals'
import { isSvgDocument } from '../../src/files/svg.js'

// What Adobe Illustrator writes, entities and all.
const ILLUSTRATOR = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
\t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
\t<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
\t<!-- a comment with > inside -->
\t<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64"/></svg>`

describe('isSvgDocument', () => {
  it.each([
    ['a bare svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a self-closing root', '<svg/>'],
    ['a byte-order mark and a declaration', '\uFEFF<?xml version="1.0"?>\n<svg>'],
    ['comments and a simple doctype', '<!-- c --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg>'],
    ['an Illustrator export with an internal subset', ILLUSTRATOR],
  ])('accepts %s', (_name, text) => {
    expect(isSvgDocument(text)).toBe(true)
  })
  it.each([
    ['HTML', '<!DOCTYPE html><html><svg></svg></html>'],
    ['a PNG', '\x89PNG\r\n\x1a\n'],
    ['text', 'svg'],
    ['an element that starts like svg', '<svgx>'],
    ['an unclosed doctype', '<!DOCTYPE svg [ <!ENTITY a "b">'],
    ['an unclosed comment', '<!-- <svg>'],
  ])('refuses %s', (_name, text) => {
    expect(isSvgDocument(text)).toBe(false)
  })
})
