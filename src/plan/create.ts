import type { CreateBody, RemoteIntegration, UpdateBody } from '../botpress/integration.js'
import { asRecord } from './compare.js'
import { filesSent, planSection, settingChanges, type LocalInput, type Plan, type SectionPlan } from './plan.js'
import { schemaChanges } from './schema-diff.js'
import { breakingAllowed, breakingChanges, majorOf } from './breaking.js'
import { RECORD_SECTIONS } from '../botpress/definition-keys.js'
import { planSecrets } from './secrets.js'
import { append } from '../base/arrays.js'

export interface CreatePlanInput extends LocalInput {
  name: string
  version: string
  /** The highest version below this one, if any: its secrets are kept, and what it had is compared. */
  previous: RemoteIntegration | undefined
}

// Keys of the update body that the create body does not have: a PUT right after the create applies them.
const UPDATE_ONLY_KEYS = ['maxExecutionTime'] as const

/**
 * Everything a create sends: `name`, `version` and the definition, with no
 * `null`s (there is nothing to delete). What it adds, changes and drops is
 * relative to the previous version, when there is one; else everything is added.
 */
export function planCreate(input: CreatePlanInput): Plan {
  const { definition, previous } = input
  const body: CreateBody = { name: input.name, version: input.version }
  const afterCreate: UpdateBody = {}
  for (const [key, value] of Object.entries(definition)) {
    if ((UPDATE_ONLY_KEYS as readonly string[]).includes(key)) afterCreate[key] = value
    else body[key] = value
  }

  const sections: SectionPlan[] = [...RECORD_SECTIONS, 'attributes'].map((section) => {
    const local = asRecord(definition[section as keyof typeof definition])
    if (previous) return planSection(section, local, previous[section], true).plan
    return { section, added: Object.keys(local), changed: [], removed: [], unchanged: 0 }
  })
  const schemas = previous ? schemaChanges(previous, definition) : []
  const breaking = breakingChanges(sections, schemas)
  const newMajor = previous !== undefined && (majorOf(input.version) ?? 0) > (majorOf(previous.version) ?? 0)

  const { secrets, body: secretsBody } = planSecrets(input, previous?.secrets ?? [], false)
  if (Object.keys(secretsBody).length) body.secrets = secretsBody
  if (previous) {
    const declared = new Set(input.declarations.map((d) => d.name))
    append(
      secrets.removed,
      previous.secrets.filter((name) => !declared.has(name)),
    )
  }

  return {
    operation: 'create',
    name: input.name,
    version: input.version,
    ...(previous && { previousVersion: previous.version }),
    ...(Object.keys(afterCreate).length && { afterCreate }),
    body,
    settingsChanged: previous ? settingChanges(definition, previous) : [],
    sections,
    schemaChanges: schemas,
    breaking,
    ...breakingAllowed(breaking, { newMajor, bypass: input.bypassBreakingChanges === true }),
    secrets,
    files: filesSent(input.files),
  }
}
