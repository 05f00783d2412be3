import type { KeyPath } from '../base/key-path.js'
import { isRecord } from '../base/record.js'

/** The sections of a definition that are maps of named entries, as Botpress's body orders them. */
export const RECORD_SECTIONS = ['actions', 'events', 'states', 'entities', 'interfaces', 'configurations', 'channels'] as const
export type RecordSection = (typeof RECORD_SECTIONS)[number]

/** What a key that names a file must name, and so how it is sent: code and VRL as text, SVG and Markdown as base64. */
export type FileKind = 'code' | 'svg' | 'markdown' | 'vrl'

/** The key of each entry of `configurations` (and of `configuration`) that names a VRL script. */
export const LINK_TEMPLATE_KEY = ['identifier', 'linkTemplateScript'] as const

/** Every key of a definition that names a file, from its top, but those inside `configurations` entries. */
export const FILE_KEYS: ReadonlyArray<{ path: readonly string[]; kind: FileKind }> = [
  { path: ['code'], kind: 'code' },
  { path: ['icon'], kind: 'svg' },
  { path: ['readme'], kind: 'markdown' },
  { path: ['identifier', 'extractScript'], kind: 'vrl' },
  { path: ['identifier', 'fallbackHandlerScript'], kind: 'vrl' },
  { path: ['configuration', ...LINK_TEMPLATE_KEY], kind: 'vrl' },
]

/** The scripts of the integration's `identifier` (extractScript, fallbackHandlerScript). */
export const IDENTIFIER_SCRIPT_KEYS = FILE_KEYS.filter(({ path }) => path.length === 2 && path[0] === 'identifier').map(({ path }) => path[1]!)

/** The top-level keys whose value is a file's content (code, icon, readme). */
export const FILE_CONTENT_KEYS = FILE_KEYS.filter(({ path }) => path.length === 1).map(({ path }) => path[0]!)

/** The value at `path`, or undefined where the path does not reach. */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data
  for (const key of path) value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined
  return value
}

/** Each key of `data` that names a file and is set, with its path from the top and its value. */
export function fileKeysIn(data: Record<string, unknown>): Array<{ path: KeyPath; kind: FileKind; value: unknown }> {
  const found: Array<{ path: KeyPath; kind: FileKind; value: unknown }> = []
  const add = (path: readonly string[], kind: FileKind, value: unknown) => {
    if (value !== undefined) found.push({ path, kind, value })
  }
  for (const { path, kind } of FILE_KEYS) add(path, kind, valueAt(data, path))
  const configurations = data.configurations
  if (isRecord(configurations)) {
    for (const name of Object.keys(configurations)) {
      const path = ['configurations', name, ...LINK_TEMPLATE_KEY]
      add(path, 'vrl', valueAt(data, path))
    }
  }
  return found
}
