import { describe, expect, it } from '@jest/globals'
import type { RemoteIntegration } from '../../src/botpress/integration.js'
import type { Definition } from '../../src/manifest/load.js'
import { planUpdate, type PlanInput } from '../../src/plan/plan.js'
import { sameAsRemote } from '../../src/plan/compare.js'
import { seedIntegration } from '../support/botpress-api.mjs'

const schema = { type: 'object', properties: { id: { type: 'string' } } }
const action = (title: string) => ({ title, input: { schema }, output: { schema } })
const remoteAction = (title: string, attributes: Record<string, string> = {}) => ({
  ...action(title),
  description: '',
  billable: false,
  cacheable: false,
  attributes,
})

function input(definition: Definition, remote: Partial<RemoteIntegration> = {}, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    definition,
    files: [],
    declarations: [],
    values: new Map(),
    remote: seedIntegration(remote) as RemoteIntegration,
    prune: true,
    secretsPrefix: '',
    ...extra,
  }
}

describe('planUpdate', () => {
  it('sorts entries into added, changed, unchanged and removed, ignoring server defaults', () => {
    const plan = planUpdate(
      input(
        { actions: { same: action('Same'), edited: action('New title'), fresh: action('Fresh') } },
        { actions: { same: remoteAction('Same'), edited: remoteAction('Old title'), gone: remoteAction('Gone') } },
      ),
    )
    expect(plan.sections.find((s) => s.section === 'actions')).toEqual({
      section: 'actions',
      added: ['fresh'],
      changed: ['edited'],
      removed: ['gone'],
      unchanged: 1,
    })
    expect((plan.body.actions as Record<string, unknown>).gone).toBeNull()
  })

  it('counts an entry changed when it gains a key named __proto__ that the server lacks', () => {
    const local = JSON.parse('{"chat": {"messages": {}, "conversation": {"tags": {"__proto__": {}}}}}')
    const plan = planUpdate(input({ channels: local }, { channels: { chat: { messages: {}, conversation: { tags: {} } } } }))
    expect(plan.sections.find((s) => s.section === 'channels')).toMatchObject({ changed: ['chat'], unchanged: 0 })
  })

  it('counts a schema that lost a property as changed', () => {
    const plan = planUpdate(
      input(
        { events: { won: { schema: { type: 'object' } } } },
        { events: { won: { title: '', description: '', schema: { type: 'object', properties: { x: {} } }, attributes: {} } } },
      ),
    )
    expect(plan.sections.find((s) => s.section === 'events')!.changed).toEqual(['won'])
  })

  it('prunes every section, with the whole section gone from the manifest', () => {
    const plan = planUpdate(
      input(
        {},
        {
          events: { e: { schema: {} } },
          states: { s: { type: 'user', schema: {} } },
          entities: { en: { schema: {} } },
          interfaces: { i: { id: 'x'.repeat(28) } },
          configurations: { c: { identifier: { required: false }, schema: {} } },
          channels: { ch: { messages: {}, conversation: { tags: {}, creation: { enabled: false, requiredTags: [] } }, message: { tags: {} } } },
          attributes: { category: 'CRM' },
        },
      ),
    )
    expect(plan.body).toEqual({
      events: { e: null },
      states: { s: null },
      entities: { en: null },
      interfaces: { i: null },
      configurations: { c: null },
      channels: { ch: null },
      attributes: { category: null },
    })
    expect(plan.body.actions).toBeUndefined()
  })

  it('prunes the attributes of events too', () => {
    const event = { schema, attributes: { keep: 'k' } }
    const plan = planUpdate(input({ events: { won: event } }, { events: { won: { title: '', description: '', schema, attributes: { keep: 'k', old: 'o' } } } }))
    expect(plan.body.events).toEqual({ won: { schema, attributes: { keep: 'k', old: null } } })
    expect(plan.sections.find((s) => s.section === 'events')!.removed).toEqual(['won.attributes.old'])
  })

  it('prunes inside what stays: channel messages and tags, user tags, action attributes, VRL scripts', () => {
    const channel = { messages: { text: { schema } }, conversation: { tags: { a: {} } }, message: { tags: {} } }
    const plan = planUpdate(
      input(
        {
          channels: { chat: channel },
          user: { tags: { keep: {} } },
          actions: { act: { ...action('A'), attributes: { keep: 'k' } } },
          configuration: { schema: {} },
          configurations: { alt: { schema: {} } },
        },
        {
          channels: {
            chat: {
              title: '',
              description: '',
              messages: { text: { schema }, image: { schema } },
              conversation: { creation: { enabled: false, requiredTags: [] }, tags: { a: {}, b: {} } },
              message: { tags: { m: {} } },
            },
          },
          user: { creation: { enabled: false, requiredTags: [] }, tags: { keep: {}, old: {} } },
          actions: { act: remoteAction('A', { keep: 'k', old: 'o' }) },
          identifier: { extractScript: '.id', fallbackHandlerScript: '.fb' },
          configuration: { identifier: { required: false, linkTemplateScript: '"x"' }, schema: {} },
          configurations: { alt: { identifier: { required: false, linkTemplateScript: '"y"' }, schema: {} } },
        },
      ),
    )
    expect(plan.body.channels).toEqual({
      chat: { ...channel, messages: { text: { schema }, image: null }, conversation: { tags: { a: {}, b: null } }, message: { tags: { m: null } } },
    })
    expect(plan.body.user).toEqual({ tags: { keep: {}, old: null } })
    expect(plan.body.actions).toEqual({ act: { ...action('A'), attributes: { keep: 'k', old: null } } })
    expect(plan.body.identifier).toEqual({ extractScript: null, fallbackHandlerScript: null })
    expect(plan.body.configuration).toEqual({ schema: {}, identifier: { linkTemplateScript: null, required: false } })
    expect(plan.body.configurations).toEqual({ alt: { schema: {}, identifier: { linkTemplateScript: null, required: false } } })
    expect(plan.sections.find((s) => s.section === 'channels')!.removed).toEqual(['chat.messages.image', 'chat.message.tags.m', 'chat.conversation.tags.b'])
    expect(plan.sections.find((s) => s.section === 'user.tags')!.removed).toEqual(['old'])
    expect(plan.sections.find((s) => s.section === 'actions')!.removed).toEqual(['act.attributes.old'])
    expect(plan.sections.find((s) => s.section === 'scripts')!.removed).toEqual([
      'identifier.extractScript',
      'identifier.fallbackHandlerScript',
      'configuration.identifier.linkTemplateScript',
      'configurations.alt.identifier.linkTemplateScript',
    ])
  })

  it('keeps, in a pruning update, every script the manifest still names, and sends the whole body exactly', () => {
    const identifier = { extractScript: '.id', fallbackHandlerScript: '.fb' }
    const configuration = { schema: {}, identifier: { required: true, linkTemplateScript: '"x"' } }
    const alt = { schema: {}, identifier: { required: true, linkTemplateScript: '"y"' } }
    const plan = planUpdate(
      input(
        { title: 'CRM', identifier, configuration, configurations: { alt } },
        {
          identifier: { extractScript: '.old', fallbackHandlerScript: '.old' },
          configuration: { identifier: { required: true, linkTemplateScript: '"old"' }, schema: {} },
          configurations: { alt: { identifier: { required: true, linkTemplateScript: '"old"' }, schema: {} } },
        },
      ),
    )
    expect(plan.body).toEqual({ title: 'CRM', identifier, configuration, configurations: { alt } })
    expect(plan.sections.find((s) => s.section === 'scripts')).toBeUndefined()
  })

  it('sends an existing channel whole, as the manifest has it, beside what it prunes', () => {
    const chat = {
      title: 'Chat',
      description: 'Messages in and out',
      messages: { text: { schema } },
      conversation: { tags: { id: { title: 'Conversation id' } } },
      message: { tags: { id: { title: 'Message id' } } },
    }
    const plan = planUpdate(
      input(
        { channels: { chat } },
        {
          channels: {
            chat: {
              title: 'Old',
              description: '',
              messages: { text: { schema }, gone: { schema } },
              conversation: { creation: { enabled: false, requiredTags: [] }, tags: { id: {} } },
              message: { tags: { id: {} } },
            },
          },
        },
      ),
    )
    expect(plan.body).toEqual({ channels: { chat: { ...chat, messages: { text: { schema }, gone: null } } } })
    expect(plan.sections.find((s) => s.section === 'channels')).toMatchObject({ changed: ['chat'], removed: ['chat.messages.gone'] })
  })

  it('deletes nothing without prune, and does not touch the definition it was given', () => {
    const definition: Definition = { actions: { a: action('A') }, channels: { c: { messages: {} } } }
    const before = JSON.stringify(definition)
    const plan = planUpdate(
      input(definition, { actions: { gone: remoteAction('G') }, identifier: { extractScript: '.x' }, secrets: ['OLD'] }, { prune: false }),
    )
    expect(plan.body).toEqual(definition)
    expect(plan.sections.find((s) => s.section === 'actions')!.removed).toEqual([])
    expect(JSON.stringify(definition)).toBe(before)
    const pruned = planUpdate(input(definition, { channels: { c: { messages: { m: { schema } }, conversation: { tags: {} }, message: { tags: {} } } } }))
    expect(JSON.stringify(definition)).toBe(before)
    expect(pruned.body.channels).toEqual({ c: { messages: { m: null } } })
  })

  it('sends secrets with values, keeps those the server has, deletes undeclared ones', () => {
    const plan = planUpdate(
      input(
        {},
        { secrets: ['API_KEY', 'KEPT', 'OLD'] },
        {
          declarations: [
            { name: 'API_KEY', optional: false },
            { name: 'NEW', optional: false },
            { name: 'KEPT', optional: false },
            { name: 'MAYBE', optional: true },
          ],
          values: new Map([
            ['API_KEY', 'v1'],
            ['NEW', 'v2'],
          ]),
        },
      ),
    )
    expect(plan.body.secrets).toEqual({ API_KEY: 'v1', NEW: 'v2', OLD: null })
    expect(plan.secrets).toEqual({ added: ['NEW'], updated: ['API_KEY'], kept: ['KEPT'], skipped: ['MAYBE'], removed: ['OLD'] })
    expect(JSON.stringify(plan.secrets)).not.toContain('v1')
  })

  it('refuses to go on with required secrets missing, listing all of them and both ways', () => {
    const run = () =>
      planUpdate(
        input(
          {},
          {},
          {
            declarations: [
              { name: 'API_KEY', optional: false },
              { name: 'TOKEN', optional: false },
            ],
            secretsPrefix: 'PROD_',
          },
        ),
      )
    expect(run).toThrow('No value for secrets API_KEY, TOKEN')
    expect(run).toThrow('SECRET_API_KEY: ${{ secrets.PROD_API_KEY }}')
    expect(run).toThrow('`secrets-prefix: PROD_`')
  })

  it('lists changed settings, and the files sent', () => {
    const plan = planUpdate(
      input(
        { title: 'CRM', description: 'same', visibility: 'unlisted', code: 'x', layers: ['a'], extraOperations: { op: { enabled: true } } },
        { title: 'Old', description: 'same', visibility: 'private' },
        { files: [{ path: ['code'], kind: 'code', relative: 'dist/index.js', absolute: '/x', bytes: 1, content: 'x' }] },
      ),
    )
    expect(plan.settingsChanged).toEqual([
      { key: 'title', from: 'Old', to: 'CRM' },
      { key: 'visibility', from: 'private', to: 'unlisted' },
    ])
    expect(plan.files).toEqual([{ key: 'code', path: 'dist/index.js', bytes: 1 }])
  })
})

describe('sameAsRemote', () => {
  it('compares JSON schemas whole, and everything else by the keys the manifest sets', () => {
    const schema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }
    expect(sameAsRemote({ schema }, { schema: { ...schema }, extra: 1 })).toBe(true)
    expect(sameAsRemote({ schema }, { schema: { ...schema, additionalProperties: false } })).toBe(false)
    expect(sameAsRemote({ schema }, { schema: { ...schema, required: [] } })).toBe(false)
    expect(sameAsRemote({ schema }, { schema: { ...schema, required: ['id', 'name'] } })).toBe(false)
    expect(sameAsRemote({ schema }, { schema: { ...schema, required: ['name'] } })).toBe(false)
    expect(sameAsRemote({ schema: { a: 1 } }, { schema: { b: 1 } })).toBe(false)
    expect(sameAsRemote({ schema: { a: [1] } }, { schema: { a: { 0: 1 } } })).toBe(false)
    expect(sameAsRemote({ schema: { a: { 0: 1 } } }, { schema: { a: [1] } })).toBe(false)
    expect(sameAsRemote({ schema: null }, { schema: {} })).toBe(false)
  })

  it('compares lists item by item, and a list only with a list', () => {
    expect(sameAsRemote({ tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toBe(true)
    expect(sameAsRemote({ tags: ['a', 'b'] }, { tags: ['a'] })).toBe(false)
    expect(sameAsRemote({ tags: ['a'] }, { tags: ['a', 'b'] })).toBe(false)
    expect(sameAsRemote({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toBe(false)
    expect(sameAsRemote({ tags: ['a'] }, { tags: 'a' })).toBe(false)
    expect(sameAsRemote({ tags: [{ x: 1 }] }, { tags: [{ x: 1, default: true }] })).toBe(true)
  })

  it('takes a record only for a record, and a missing key as a difference', () => {
    expect(sameAsRemote({ a: { b: 1 } }, { a: 'x' })).toBe(false)
    expect(sameAsRemote({ a: 1 }, {})).toBe(false)
    expect(sameAsRemote({ __proto__x: 1 }, {})).toBe(false)
  })
})
