import type { RemoteIntegration, UpdateBody } from '../botpress/integration.js'
import { FILE_CONTENT_KEYS, IDENTIFIER_SCRIPT_KEYS, LINK_TEMPLATE_KEY, RECORD_SECTIONS } from '../botpress/definition-keys.js'
import type { Definition } from '../manifest/load.js'
import type { ReadFile } from '../manifest/files.js'
import { asRecord, sameAsRemote } from './compare.js'
import { planSecrets } from './secrets.js'
import type { LocalInput, Plan, SectionPlan, SettingChange } from './types.js'
import { schemaChanges } from './schema-diff.js'
import { breakingAllowed, breakingChanges } from './breaking.js'
import { hasOwn, setOwn } from '../base/own.js'
import { append } from '../base/arrays.js'

export type { BreakingChange, LocalInput, Plan, SchemaChange, SectionPlan, SecretsPlan, SettingChange } from './types.js'

export interface PlanInput extends LocalInput {
  remote: RemoteIntegration
  prune: boolean
}

// Sent every time, never compared: the server does not return them as sent
// (files come back as URLs, if at all; layers and extraOperations not at all).
const WRITE_ONLY_KEYS = new Set([...FILE_CONTENT_KEYS, 'layers', 'extraOperations', 'sdkVersion'])
const NESTED_KEYS = new Set<string>([...RECORD_SECTIONS, 'attributes', 'secrets'])

type Entries = Record<string, unknown>
const LINK_TEMPLATE = LINK_TEMPLATE_KEY[1]

/** The local record with `null` for each remote key it lacks (when pruning). */
function withDeletions(local: Entries | undefined, remote: unknown, prune: boolean): { merged: Entries | undefined; removed: string[] } {
  const removed = prune ? Object.keys(asRecord(remote)).filter((key) => !hasOwn(local, key)) : []
  if (!removed.length) return { merged: local, removed }
  return { merged: { ...local, ...Object.fromEntries(removed.map((key) => [key, null])) }, removed }
}

export function planSection(section: string, local: Entries | undefined, remote: unknown, prune: boolean) {
  const remoteEntries = asRecord(remote)
  const plan: SectionPlan = { section, added: [], changed: [], removed: [], unchanged: 0 }
  for (const [name, entry] of Object.entries(local ?? {})) {
    if (!hasOwn(remoteEntries, name)) plan.added.push(name)
    else if (sameAsRemote(entry, remoteEntries[name])) plan.unchanged++
    else plan.changed.push(name)
  }
  const { merged, removed } = withDeletions(local, remote, prune)
  append(plan.removed, removed)
  return { plan, merged }
}

/** Deletes what a channel no longer has: messages, message tags, conversation tags. */
function pruneChannel(name: string, local: Entries, remote: unknown, removed: string[]): Entries {
  const remoteChannel = asRecord(remote)
  const channel = { ...local }
  const messages = withDeletions(local.messages as Entries | undefined, remoteChannel.messages, true)
  if (messages.merged) channel.messages = messages.merged
  append(
    removed,
    messages.removed.map((key) => `${name}.messages.${key}`),
  )
  for (const part of ['message', 'conversation'] as const) {
    const localPart = local[part] as Entries | undefined
    const tags = withDeletions(localPart?.tags as Entries | undefined, asRecord(remoteChannel[part]).tags, true)
    if (tags.removed.length) channel[part] = { ...localPart, tags: tags.merged }
    append(
      removed,
      tags.removed.map((key) => `${name}.${part}.tags.${key}`),
    )
  }
  return channel
}

/** Deletes the attributes an action or event no longer has. */
function pruneAttributes(name: string, local: Entries, remote: unknown, removedNames: string[]): Entries {
  const { merged, removed } = withDeletions(local.attributes as Entries | undefined, asRecord(remote).attributes, true)
  append(
    removedNames,
    removed.map((key) => `${name}.attributes.${key}`),
  )
  return removed.length ? { ...local, attributes: merged } : local
}

/** Everything the update sends, and what it changes, from the manifest and the server's state. */
export function planUpdate(input: PlanInput): Plan {
  const { definition, remote, prune } = input
  const body: UpdateBody = { ...definition }
  const settingsChanged = settingChanges(definition, remote)

  const sections: SectionPlan[] = []
  for (const section of RECORD_SECTIONS) {
    const { plan, merged: planned } = planSection(section, definition[section] as Entries | undefined, remote[section], prune)
    const merged = planned && { ...planned }
    if (prune && merged) {
      const remoteEntries = asRecord(remote[section])
      for (const [name, entry] of Object.entries(merged)) {
        if (entry === null || !hasOwn(remoteEntries, name)) continue
        if (section === 'channels') setOwn(merged, name, pruneChannel(name, entry as Entries, remoteEntries[name], plan.removed))
        if (section === 'actions' || section === 'events') setOwn(merged, name, pruneAttributes(name, entry as Entries, remoteEntries[name], plan.removed))
      }
    }
    if (merged) body[section] = merged
    sections.push(plan)
  }

  const attributes = planSection('attributes', definition.attributes, remote.attributes, prune)
  if (attributes.merged) body.attributes = attributes.merged
  sections.push(attributes.plan)

  if (prune) {
    const removedScripts = pruneScripts(definition, remote, body)
    if (removedScripts.length) sections.push({ section: 'scripts', added: [], changed: [], removed: removedScripts, unchanged: 0 })
    pruneUserTags(definition, remote, body, sections)
  }

  const { secrets, body: secretsBody } = planSecrets(input, remote.secrets, prune)
  if (Object.keys(secretsBody).length) body.secrets = secretsBody

  const schemas = schemaChanges(remote, definition)
  const breaking = breakingChanges(sections, schemas)
  return {
    operation: 'update',
    name: remote.name,
    version: remote.version,
    body,
    settingsChanged,
    sections,
    schemaChanges: schemas,
    breaking,
    ...breakingAllowed(breaking, { newMajor: false, bypass: input.bypassBreakingChanges === true }),
    secrets,
    files: filesSent(input.files),
  }
}

/** The top-level settings whose value differs from `before`'s (files are sent every time, never compared: the server keeps only their URLs). */
export function settingChanges(definition: Definition, before: Record<string, unknown>): SettingChange[] {
  return Object.entries(definition)
    .filter(([key, value]) => !NESTED_KEYS.has(key) && !WRITE_ONLY_KEYS.has(key) && !sameAsRemote(value, before[key], key))
    .map(([key, value]) => ({ key, from: before[key], to: value }))
}

export function filesSent(files: readonly ReadFile[]): Plan['files'] {
  return files.map((file) => ({
    key: file.path.join('.'),
    path: file.relative,
    bytes: file.bytes,
    // Markdown is carried as base64.
    ...(file.kind === 'markdown' && typeof file.content === 'string' && { lines: Buffer.from(file.content, 'base64').toString('utf8').split('\n').length }),
  }))
}

/** Deletes the VRL scripts the manifest no longer names; returns their key paths. */
function pruneScripts(definition: Definition, remote: RemoteIntegration, body: UpdateBody): string[] {
  const removed: string[] = []
  const remoteIdentifier = asRecord(remote.identifier)
  const identifier = { ...definition.identifier } as Entries
  for (const key of IDENTIFIER_SCRIPT_KEYS) {
    if (remoteIdentifier[key] && identifier[key] === undefined) {
      identifier[key] = null
      removed.push(`identifier.${key}`)
    }
  }
  if (removed.length) body.identifier = identifier

  const withoutLinkTemplate = (local: Entries | undefined, remoteConfig: unknown): Entries | undefined => {
    if (!asRecord(asRecord(remoteConfig).identifier)[LINK_TEMPLATE]) return undefined
    const localIdentifier = asRecord(local?.identifier)
    if (localIdentifier[LINK_TEMPLATE] !== undefined) return undefined
    // As Botpress's CLI does: without a link template, the identifier cannot be required.
    return { ...local, identifier: { ...localIdentifier, [LINK_TEMPLATE]: null, required: false } }
  }
  const configuration = withoutLinkTemplate(definition.configuration, remote.configuration)
  if (configuration) {
    body.configuration = configuration
    removed.push(`configuration.identifier.${LINK_TEMPLATE}`)
  }
  const configurations = body.configurations as Entries | undefined
  for (const [name, local] of Object.entries(configurations ?? {})) {
    if (local === null) continue
    const pruned = withoutLinkTemplate(local as Entries, asRecord(remote.configurations)[name])
    if (pruned) {
      setOwn(configurations!, name, pruned)
      removed.push(`configurations.${name}.identifier.${LINK_TEMPLATE}`)
    }
  }
  return removed
}

function pruneUserTags(definition: Definition, remote: RemoteIntegration, body: UpdateBody, sections: SectionPlan[]): void {
  const localUser = definition.user as Entries | undefined
  const tags = withDeletions(localUser?.tags as Entries | undefined, asRecord(remote.user).tags, true)
  if (!tags.removed.length) return
  body.user = { ...localUser, tags: tags.merged }
  sections.push({ section: 'user.tags', added: [], changed: [], removed: tags.removed, unchanged: 0 })
}
