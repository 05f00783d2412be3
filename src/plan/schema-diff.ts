import { hasOwn } from '../base/own.js'
import { isRecord } from '../base/record.js'
import { RECORD_SECTIONS } from '../botpress/definition-keys.js'

/** What happened to one property of a JSON schema. */
export type PropertyChangeKind = 'added' | 'removed' | 'type' | 'required' | 'optional' | 'enum'

export interface SchemaChange {
  /** Whose schema: `actions.createLead.input`, `events.leadCreated`, `channels.chat.messages.text`, `configuration`… */
  where: string
  /** The property, dotted for nested objects (`address.city`), `[]` for array items. */
  property: string
  change: PropertyChangeKind
  /** `added`: whether it is required. */
  required?: boolean
  /** `type`: the types before and after. */
  from?: string
  to?: string
  /** `enum`: the values added and removed, as JSON. */
  enumAdded?: string[]
  enumRemoved?: string[]
}

type Schema = Record<string, unknown>

const asSchema = (value: unknown): Schema => (isRecord(value) ? value : {})
const requiredOf = (schema: Schema) => new Set(Array.isArray(schema.required) ? schema.required.filter((v): v is string => typeof v === 'string') : [])

/** A schema's type as people read it: `string`, `string | null`, `object`; from `anyOf`/`oneOf` too. */
export function typeOf(schema: Schema): string {
  if (typeof schema.type === 'string') return schema.type
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' | ')
  const union = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined
  if (union) return union.map((member) => typeOf(asSchema(member))).join(' | ')
  if (hasOwn(schema, 'const')) return `const ${JSON.stringify(schema.const)}`
  if (Array.isArray(schema.enum)) return 'enum'
  return 'any'
}

function enumValues(schema: Schema): string[] | undefined {
  return Array.isArray(schema.enum) ? schema.enum.map((value) => JSON.stringify(value)) : undefined
}

/**
 * Property by property, what differs between two JSON schemas of objects:
 * added, removed, type changed, made required or optional, enum values added
 * or removed; nested objects and array items are followed.
 */
export function diffSchema(where: string, before: unknown, after: unknown, prefix = '', depth = 0): SchemaChange[] {
  const [old, next] = [asSchema(before), asSchema(after)]
  const changes: SchemaChange[] = []
  // A hostile or cyclic schema must not recurse without end.
  if (depth > 16) return changes
  const [oldProps, nextProps] = [asSchema(old.properties), asSchema(next.properties)]
  const [oldRequired, nextRequired] = [requiredOf(old), requiredOf(next)]
  for (const name of Object.keys(oldProps)) {
    if (!hasOwn(nextProps, name)) changes.push({ where, property: `${prefix}${name}`, change: 'removed' })
  }
  for (const [name, value] of Object.entries(nextProps)) {
    const property = `${prefix}${name}`
    if (!hasOwn(oldProps, name)) {
      changes.push({ where, property, change: 'added', required: nextRequired.has(name) })
      continue
    }
    if (!oldRequired.has(name) && nextRequired.has(name)) changes.push({ where, property, change: 'required' })
    if (oldRequired.has(name) && !nextRequired.has(name)) changes.push({ where, property, change: 'optional' })
    changes.push(...diffProperty(where, property, asSchema(oldProps[name]), asSchema(value), depth))
  }
  return changes
}

/** The changes of one property present on both sides: its type, its enum, and what it holds. */
function diffProperty(where: string, property: string, old: Schema, next: Schema, depth: number): SchemaChange[] {
  const changes: SchemaChange[] = []
  const [from, to] = [typeOf(old), typeOf(next)]
  if (from !== to) changes.push({ where, property, change: 'type', from, to })
  const [oldEnum, nextEnum] = [enumValues(old), enumValues(next)]
  if (oldEnum && nextEnum) {
    const enumAdded = nextEnum.filter((value) => !oldEnum.includes(value))
    const enumRemoved = oldEnum.filter((value) => !nextEnum.includes(value))
    if (enumAdded.length || enumRemoved.length) changes.push({ where, property, change: 'enum', enumAdded, enumRemoved })
  }
  if (from !== to) return changes
  if (isRecord(old.properties) || isRecord(next.properties)) changes.push(...diffSchema(where, old, next, `${property}.`, depth + 1))
  if (isRecord(old.items) && isRecord(next.items)) changes.push(...diffProperty(where, `${property}[]`, old.items, next.items, depth + 1))
  return changes
}

type Entries = Record<string, unknown>
const entries = (value: unknown): Entries => (isRecord(value) ? value : {})

/** Each schema of a definition, by where it is: the places Botpress checks for breaking changes and more. */
export function schemasOf(definition: Entries): Map<string, unknown> {
  const schemas = new Map<string, unknown>()
  const add = (where: string, holder: unknown) => {
    if (isRecord(holder) && hasOwn(holder, 'schema')) schemas.set(where, holder.schema)
  }
  add('configuration', definition.configuration)
  for (const section of RECORD_SECTIONS) {
    for (const [name, entry] of Object.entries(entries(definition[section]))) {
      if (section === 'actions') {
        add(`actions.${name}.input`, entries(entry).input)
        add(`actions.${name}.output`, entries(entry).output)
      } else if (section === 'channels') {
        for (const [message, value] of Object.entries(entries(entries(entry).messages))) add(`channels.${name}.messages.${message}`, value)
      } else if (section !== 'interfaces') {
        add(`${section}.${name}`, entry)
      }
    }
  }
  return schemas
}

/** The per-property changes of every schema both definitions have (what is added or removed whole is a section change). */
export function schemaChanges(before: Entries, after: Entries): SchemaChange[] {
  const old = schemasOf(before)
  const changes: SchemaChange[] = []
  for (const [where, schema] of schemasOf(after)) {
    if (old.has(where)) changes.push(...diffSchema(where, old.get(where), schema))
  }
  return changes
}
