import type { SourceLocation } from '../base/errors.js'
import type { KeyPath } from '../base/key-path.js'
import type { FileText } from '../files/file-text.js'
import type { ReadFile } from './files.js'
import type { ManifestData } from './schema.js'
import type { SecretDeclaration } from './secrets.js'

/** The integration's definition as the update body carries it, without secrets. */
export type Definition = Omit<ManifestData, 'id' | 'name' | 'version' | 'secrets' | 'code'> & { code?: string | FileText | undefined }

/** An `interfaces` entry given by name and version: its id is looked up before sending. */
export interface InterfaceLookup {
  /** The entry's key in `interfaces`. */
  key: string
  name: string
  version: string
  /** Where the entry stands, when the manifest is a file with lines (a YAML manifest); asked only to report a problem. */
  locate(): Promise<SourceLocation | undefined>
}

/** A checked manifest, its files read, ready for planning. */
export interface Manifest {
  /** The path shown to people: relative to the workspace. */
  displayPath: string
  id?: string
  name?: string
  version?: string
  definition: Definition
  secrets: SecretDeclaration[]
  files: ReadFile[]
  interfaceLookups: InterfaceLookup[]
}

/** A parsed manifest, before any check: the data, and where each key stands. */
export interface ParsedManifest {
  displayPath: string
  data: unknown
  /** Where a key path stands in the file; undefined where the manifest has no lines (a TypeScript definition). */
  locate(path: KeyPath, at: 'key' | 'value'): Promise<SourceLocation | undefined>
}
