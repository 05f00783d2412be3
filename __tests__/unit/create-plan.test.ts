import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import { InputError } from '../../src/base/errors.js'
import type { ReadFile } from '../../src/manifest/files.js'
import { planCreate, type CreatePlanInput } from '../../src/plan/create.js'
import { seedIntegration } from '../support/botpress-api.mjs'

// plan/create.ts: the body of a create and what its plan says, against the version below it.

const schema = { type: 'object', properties: { id: { type: 'string' } } }
const action = { title: 'Find', input: { schema }, output: { schema } }

function input(fields: Partial<CreatePlanInput> = {}): CreatePlanInput {
  return {
    name: 'acme/acme-crm',
    version: '1.5.0',
    previous: undefined,
    definition: {},
    files: [],
    declarations: [],
    values: new Map(),
    secretsPrefix: '',
    ...fields,
  }
}

const emptySections = ['actions', 'events', 'states', 'entities', 'interfaces', 'configurations', 'channels', 'attributes'].map((section) => ({
  section,
  added: [],
  changed: [],
  removed: [],
  unchanged: 0,
}))

describe('planCreate', () => {
  it('sends the name, the version and the definition as it is, and adds every entry', () => {
    const definition = { title: 'Acme CRM', actions: { find: action }, attributes: { category: 'crm' } }
    const plan = planCreate(input({ definition }))
    expect(plan).toEqual({
      operation: 'create',
      name: 'acme/acme-crm',
      version: '1.5.0',
      body: { name: 'acme/acme-crm', version: '1.5.0', title: 'Acme CRM', actions: { find: action }, attributes: { category: 'crm' } },
      settingsChanged: [],
      sections: emptySections.map((section) =>
        section.section === 'actions' ? { ...section, added: ['find'] } : section.section === 'attributes' ? { ...section, added: ['category'] } : section,
      ),
      schemaChanges: [],
      breaking: [],
      secrets: { added: [], updated: [], kept: [], skipped: [], removed: [] },
      files: [],
    })
    expect('previousVersion' in plan).toBe(false)
    expect('afterCreate' in plan).toBe(false)
    expect('secrets' in plan.body).toBe(false)
  })

  it('keeps maxExecutionTime out of the create body, for the PUT that follows it', () => {
    const plan = planCreate(input({ definition: { title: 'T', maxExecutionTime: 120 } }))
    expect(plan.body).toEqual({ name: 'acme/acme-crm', version: '1.5.0', title: 'T' })
    expect(plan.afterCreate).toEqual({ maxExecutionTime: 120 })
  })

  it('compares with the previous version: what it adds, changes and drops, by section and secret, and sends no null', () => {
    const previous = seedIntegration({
      version: '1.4.0',
      actions: { find: action, gone: action },
      events: { old: { schema } },
      attributes: { tier: 'gold' },
      secrets: ['API_KEY', 'OLD_TOKEN'],
    }) as RemoteIntegration
    const plan = planCreate(
      input({
        previous,
        definition: { title: 'Acme CRM 2', actions: { find: action, fresh: action, gone: { ...action, title: 'Gone?' } } },
        declarations: [{ name: 'API_KEY', optional: false }],
      }),
    )
    expect(plan.previousVersion).toBe('1.4.0')
    expect(plan.sections.find((s) => s.section === 'actions')).toEqual({
      section: 'actions',
      added: ['fresh'],
      changed: ['gone'],
      removed: [],
      unchanged: 1,
    })
    expect(plan.settingsChanged).toEqual([{ key: 'title', from: previous.title, to: 'Acme CRM 2' }])
    expect(plan.sections.find((s) => s.section === 'events')).toEqual({ section: 'events', added: [], changed: [], removed: ['old'], unchanged: 0 })
    expect(plan.sections.find((s) => s.section === 'attributes')).toEqual({ section: 'attributes', added: [], changed: [], removed: ['tier'], unchanged: 0 })
    // API_KEY's value carries over from 1.4.0 (Botpress keeps it); OLD_TOKEN is not carried.
    expect(plan.secrets).toEqual({ added: [], updated: [], kept: ['API_KEY'], skipped: [], removed: ['OLD_TOKEN'] })
    expect(JSON.stringify(plan.body)).not.toContain('null')
    expect('secrets' in plan.body).toBe(false)
  })

  it('flags what breaks the bots of the previous version: a removed action, event or input property', () => {
    const withEmail = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' } }, required: ['email'] }
    const previous = seedIntegration({ version: '1.4.0', actions: { find: action, gone: action }, events: { old: { schema } } }) as RemoteIntegration
    const definition = { actions: { find: { ...action, input: { schema: withEmail } } } }
    const plan = planCreate(input({ previous, definition }))
    expect(plan.schemaChanges).toEqual([{ where: 'actions.find.input', property: 'email', change: 'added', required: true }])
    expect(plan.breaking).toEqual([
      { where: 'actions.gone', what: 'action removed' },
      { where: 'events.old', what: 'event removed' },
      { where: 'actions.find.input', property: 'email', what: 'required input property added' },
    ])
    expect(plan.breakingAllowed).toBeUndefined()
    expect(planCreate(input({ previous, definition, bypassBreakingChanges: true })).breakingAllowed).toBe('bypass')
    // A new major version is where breaking changes belong.
    expect(planCreate(input({ previous, definition, version: '2.0.0' })).breakingAllowed).toBe('new-major')
    expect(planCreate(input({ previous, definition, version: '1.5.0-beta.1' })).breakingAllowed).toBeUndefined()
    // Nothing to flag: nothing allowed either.
    expect(planCreate(input({ previous: undefined, definition, version: '2.0.0' })).breakingAllowed).toBeUndefined()
  })

  it('sends the values it has, and refuses a required secret neither given nor carried over', () => {
    const declarations = [
      { name: 'API_KEY', optional: false },
      { name: 'WEBHOOK_SECRET', optional: true },
    ]
    const plan = planCreate(input({ declarations, values: new Map([['API_KEY', 'value-of-the-key']]) }))
    expect(plan.body.secrets).toEqual({ API_KEY: 'value-of-the-key' })
    expect(plan.secrets).toEqual({ added: ['API_KEY'], updated: [], kept: [], skipped: ['WEBHOOK_SECRET'], removed: [] })

    expect(() => planCreate(input({ declarations }))).toThrow(InputError)
    expect(() => planCreate(input({ declarations }))).toThrow(/No value for secret API_KEY/)
  })

  it('replaces a secret the previous version had when a value is given', () => {
    const previous = seedIntegration({ version: '1.4.0', secrets: ['API_KEY'] }) as RemoteIntegration
    const plan = planCreate(input({ previous, declarations: [{ name: 'API_KEY', optional: false }], values: new Map([['API_KEY', 'rotated-value']]) }))
    expect(plan.secrets).toEqual({ added: [], updated: ['API_KEY'], kept: [], skipped: [], removed: [] })
    expect(plan.body.secrets).toEqual({ API_KEY: 'rotated-value' })
  })

  it('lists the files it sends by key path', () => {
    const file = {
      path: ['identifier', 'extractScript'],
      relative: 'scripts/extract.vrl',
      absolute: '/w/scripts/extract.vrl',
      bytes: 12,
      content: 'x',
    } as unknown as ReadFile
    expect(planCreate(input({ files: [file] })).files).toEqual([{ key: 'identifier.extractScript', path: 'scripts/extract.vrl', bytes: 12 }])
  })
})
