import path from 'node:path'
import type { KeyPath } from './key-path.js'
import type { Finding } from './issues.js'
import { FILE_LIMITS, FileRefused, readInside, resolveInside } from './safe-read.js'
import { VRL_MAX_LENGTH } from './schema.js'
import { isSvgDocument } from './svg.js'
import { Utf8Error, decodeUtf8 } from './utf8.js'

/**
 * A file sent as a JSON string without ever being held in memory whole: the
 * integration's code bundle, which can be tens of megabytes. The API client
 * streams it from disk (see api/body.ts).
 */
export class FileText {
  constructor(
    /** Where it really is: inside the workspace, symbolic links resolved. */
    readonly path: string,
    readonly bytes: number,
    /** As people see it, for errors (it must be UTF-8, which is checked as it is streamed). */
    readonly shown: string,
  ) {}
}

/** How a manifest key that names a file is sent. */
export type FileKind = 'code' | 'svg' | 'markdown' | 'vrl'

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
  const refs: FileReference[] = []
  const add = (keyPath: KeyPath, kind: FileKind, value: unknown) => {
    if (typeof value === 'string') refs.push({ path: keyPath, kind, relative: value })
  }
  add(['code'], 'code', manifest.code)
  add(['icon'], 'svg', manifest.icon)
  add(['readme'], 'markdown', manifest.readme)
  const identifier = manifest.identifier as Record<string, unknown> | undefined
  add(['identifier', 'extractScript'], 'vrl', identifier?.extractScript)
  add(['identifier', 'fallbackHandlerScript'], 'vrl', identifier?.fallbackHandlerScript)
  const linkTemplate = (config: unknown) => (config as { identifier?: { linkTemplateScript?: unknown } })?.identifier?.linkTemplateScript
  add(['configuration', 'identifier', 'linkTemplateScript'], 'vrl', linkTemplate(manifest.configuration))
  for (const [name, config] of Object.entries((manifest.configurations ?? {}) as Record<string, unknown>)) {
    add(['configurations', name, 'identifier', 'linkTemplateScript'], 'vrl', linkTemplate(config))
  }
  return refs
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
