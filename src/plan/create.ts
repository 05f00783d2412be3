import type { CreateBody, RemoteIntegration, UpdateBody } from '../botpress/integration.js'
import { asRecord } from './compare.js'
import { filesSent, type LocalInput, type Plan, type SectionPlan } from './plan.js'
import { RECORD_SECTIONS } from '../botpress/definition-keys.js'
import { planSecrets } from './secrets.js'
import { hasOwn } from '../base/own.js'
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
 * `null`s (there is nothing to delete). Every entry is added; `removed` lists
 * what the previous version had that this one drops, by name.
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
    const before = previous ? Object.keys(asRecord(previous[section])) : []
    return { section, added: Object.keys(local), changed: [], removed: before.filter((name) => !hasOwn(local, name)), unchanged: 0 }
  })

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
    settingsChanged: [],
    sections,
    secrets,
    files: filesSent(input.files),
  }
}
