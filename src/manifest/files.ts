import path from 'node:path'
import type { KeyPath } from '../base/key-path.js'
import { fileKeysIn, type FileKind } from '../botpress/definition-keys.js'
import type { Finding } from './issues.js'
import { FILE_LIMITS, FileRefused, readInside, resolveInside } from '../files/safe-read.js'
import { VRL_MAX_LENGTH } from './schema.js'
import { isSvgDocument } from '../files/svg.js'
import { Utf8Error, decodeUtf8 } from '../files/utf8.js'
import { FileText } from '../files/file-text.js'

export interface FileReference {
  path: KeyPath
  kind: FileKind
  /** As written in the manifest, relative to the manifest's folder. */
  relative: string
}

export interface ReadFile extends FileReference {
  absolute: string
  bytes: number
  /**
   * What the body carries: text for code (streamed from disk when sent) and
   * VRL, base64 for SVG and Markdown.
   */
  content: string | FileText
}

const extensions: Partial<Record<FileKind, string>> = { svg: '.svg', markdown: '.md', vrl: '.vrl' }

/** Every key of a checked manifest that names a file, with what it must be. */
export function fileReferences(manifest: Record<string, unknown>): FileReference[] {
  return fileKeysIn(manifest).flatMap(({ path, kind, value }) => (typeof value === 'string' ? [{ path, kind, relative: value }] : []))
}

/**
 * Reads one referenced file, or says why it cannot be used. Paths in messages
 * start from `displayDir`, the manifest's folder as people see it. Only
 * regular files inside `workspace` are read, each within its size limit.
 */
export async function readReference(ref: FileReference, manifestDir: string, displayDir: string, workspace: string): Promise<ReadFile | Finding> {
  const absolute = path.resolve(manifestDir, ref.relative)
  const shown = path.posix.join(displayDir, ref.relative.split(path.sep).join('/'))
  const finding = (message: string): Finding => ({ path: ref.path, at: 'value', message })
  const extension = extensions[ref.kind]
  if (extension && path.extname(absolute).toLowerCase() !== extension) {
    return finding(`must name a ${extension} file, not ${ref.relative}`)
  }
  const limit = FILE_LIMITS[ref.kind]
  let data: Buffer
  try {
    if (ref.kind === 'code') {
      // Checked now, streamed when sent: a bundle can be tens of megabytes.
      const real = await resolveInside(absolute, workspace, limit)
      return { ...ref, absolute: real.path, bytes: real.size, content: new FileText(real.path, real.size, shown) }
    }
    data = await readInside(absolute, workspace, limit)
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error
    const hint =
      ref.kind === 'code'
        ? '; build the integration before this step (`bp build` for a definition), or fix the path'
        : '; fix the path (it is relative to the manifest)'
    return finding(`cannot read ${shown} (${error.message})${hint}`)
  }
  const read = { ...ref, absolute, bytes: data.length }
  switch (ref.kind) {
    case 'svg':
      if (!isSvgDocument(data.subarray(0, 256 * 1024).toString('utf8'))) {
        return finding(`${ref.relative} is not an SVG image (its root element must be <svg, after an optional XML declaration, comments and DOCTYPE)`)
      }
      return { ...read, content: data.toString('base64') }
    case 'markdown':
      return { ...read, content: data.toString('base64') }
    case 'vrl': {
      let text: string
      try {
        text = decodeUtf8(data, shown)
      } catch (error) {
        if (error instanceof Utf8Error) return finding(error.message)
        throw error
      }
      if (text.length > VRL_MAX_LENGTH) {
        return finding(`${ref.relative} has ${text.length} characters; Botpress takes VRL scripts of at most ${VRL_MAX_LENGTH}`)
      }
      return { ...read, content: text }
    }
  }
}
