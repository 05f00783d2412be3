import type { UpdateBody } from '../botpress/integration.js'
import type { Definition } from '../manifest/load.js'
import type { ReadFile } from '../manifest/files.js'
import type { SecretDeclaration } from '../manifest/secrets.js'
import type { SecretValues } from '../secrets/resolve.js'
import type { SchemaChange } from './schema-diff.js'

export type { SchemaChange } from './schema-diff.js'

/** A change that can break the bots using a version, as Botpress's breaking-change check sees it. */
export interface BreakingChange {
  /** What it is about: `actions.deleteLead`, `actions.createLead.input`… */
  where: string
  /** The property, for a schema change. */
  property?: string
  what: string
}

/** What happens to each secret, by name only: values never enter a plan. */
export interface SecretsPlan {
  /** Sent with a value the server did not have. */
  added: string[]
  /** Sent with a value, replacing the server's. */
  updated: string[]
  /** Not sent: the server's value stays. */
  kept: string[]
  /** Declared optional and given no value. */
  skipped: string[]
  /** On the server, no longer declared: deleted. */
  removed: string[]
}

/** A top-level setting whose value differs: before (the server's, or the previous version's) and after, as they are. */
export interface SettingChange {
  key: string
  from: unknown
  to: unknown
}

/** What an update does to one section of the integration, by entry name. */
export interface SectionPlan {
  section: string
  added: string[]
  changed: string[]
  removed: string[]
  unchanged: number
}

export interface Plan {
  /** Creating a version that does not exist yet, or updating one that does. */
  operation: 'create' | 'update'
  /** The version's full name (with its workspace handle) and version. */
  name: string
  version: string
  /** On create: the version before it, which `removed` entries are compared with. */
  previousVersion?: string
  /** On create: keys only the update body has, applied by a PUT right after. */
  afterCreate?: UpdateBody
  body: UpdateBody
  /** Top-level settings (title, visibility, …) that differ from the server's (on create, from the previous version's). */
  settingsChanged: SettingChange[]
  sections: SectionPlan[]
  /** Property by property, what changes in the schemas both sides have. */
  schemaChanges: SchemaChange[]
  /** What may break the bots using the version (on create, the previous version's users). */
  breaking: BreakingChange[]
  /** Why Botpress lets the breaking changes through: a new major version, or `bypass-breaking-changes`. */
  breakingAllowed?: 'new-major' | 'bypass'
  secrets: SecretsPlan
  /** The files sent, every time (Botpress keeps only their URLs, so they are not compared); a Markdown file's lines, for the reviewer. */
  files: Array<{ key: string; path: string; bytes: number; lines?: number }>
}

/** What any plan is made from: the manifest's side. */
export interface LocalInput {
  definition: Definition
  files: readonly ReadFile[]
  declarations: readonly SecretDeclaration[]
  values: SecretValues
  /** How the workflow passes secrets, for the error that lists missing ones. */
  secretsPrefix: string
  /** `bypass-breaking-changes`: breaking changes are still shown, as allowed. */
  bypassBreakingChanges?: boolean
}
