import { describe, expect, it } from '@jest/globals'
import { breakingChanges, breakingLine, majorOf } from '../../src/plan/breaking.js'
import { diffSchema, schemaChanges, schemasOf, typeOf } from '../../src/plan/schema-diff.js'

// plan/schema-diff.ts and plan/breaking.ts: what changes property by property, and what of it breaks the bots using a version.

const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, ...(required.length && { required }) })

describe('diffSchema', () => {
  it('finds added, removed, retyped, required, optional and enum changes', () => {
    const before = object(
      { id: { type: 'string' }, phone: { type: 'string' }, age: { type: 'string' }, email: { type: 'string' }, tier: { enum: ['bronze', 'silver'] } },
      ['id'],
    )
    const after = object(
      { id: { type: 'string' }, age: { type: 'number' }, email: { type: 'string' }, tier: { enum: ['silver', 'gold'] }, note: { type: 'string' } },
      ['email'],
    )
    expect(diffSchema('actions.create.input', before, after)).toEqual([
      { where: 'actions.create.input', property: 'phone', change: 'removed' },
      { where: 'actions.create.input', property: 'id', change: 'optional' },
      { where: 'actions.create.input', property: 'age', change: 'type', from: 'string', to: 'number' },
      { where: 'actions.create.input', property: 'email', change: 'required' },
      { where: 'actions.create.input', property: 'tier', change: 'enum', enumAdded: ['"gold"'], enumRemoved: ['"bronze"'] },
      { where: 'actions.create.input', property: 'note', change: 'added', required: false },
    ])
  })

  it('follows nested objects and array items, and says nothing of equal schemas', () => {
    const before = object({ address: object({ city: { type: 'string' } }), tags: { type: 'array', items: object({ name: { type: 'string' } }) } })
    const after = object({ address: object({ zip: { type: 'string' } }, ['zip']), tags: { type: 'array', items: object({ name: { type: 'integer' } }) } })
    expect(diffSchema('w', before, after)).toEqual([
      { where: 'w', property: 'address.city', change: 'removed' },
      { where: 'w', property: 'address.zip', change: 'added', required: true },
      { where: 'w', property: 'tags[].name', change: 'type', from: 'string', to: 'integer' },
    ])
    expect(diffSchema('w', before, structuredClone(before))).toEqual([])
  })

  it('names union, nullable and const types, and stops on a schema nested without end', () => {
    expect(typeOf({ type: ['string', 'null'] })).toBe('string | null')
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number')
    expect(typeOf({ oneOf: [{ const: 'a' }] })).toBe('const "a"')
    expect(typeOf({})).toBe('any')
    const deep: Record<string, unknown> = object({})
    let node = deep
    for (let i = 0; i < 100; i++) {
      const child = object({})
      ;(node.properties as Record<string, unknown>).x = child
      node = child
    }
    expect(() => diffSchema('w', deep, object({}))).not.toThrow()
    expect(diffSchema('w', deep, deep).length).toBe(0)
  })

  it('compares enums only when both sides have one, follows nothing past a type change, and reads required lists defensively', () => {
    expect(diffSchema('w', object({ s: { type: 'string' } }), object({ s: { type: 'string', enum: ['a'] } }))).toEqual([])
    expect(diffSchema('w', object({ s: { enum: ['a', 'b'] } }), object({ s: { enum: ['b', 'a'] } }))).toEqual([])
    expect(diffSchema('w', object({ o: object({ a: {} }) }), object({ o: { type: 'string' } }))).toEqual([
      { where: 'w', property: 'o', change: 'type', from: 'object', to: 'string' },
    ])
    expect(diffSchema('w', object({ o: { type: 'object' } }), object({ o: object({ a: {} }) }))).toEqual([
      { where: 'w', property: 'o.a', change: 'added', required: false },
    ])
    expect(diffSchema('w', object({ l: { type: 'array' } }), object({ l: { type: 'array', items: object({ a: {} }) } }))).toEqual([])
    expect(diffSchema('w', { ...object({ a: {} }), required: 'a' }, object({ a: {} }, ['a']))).toEqual([{ where: 'w', property: 'a', change: 'required' }])
    expect(diffSchema('w', { ...object({ a: {} }), required: [1, 'b'] }, object({ a: {} }, ['a']))).toEqual([{ where: 'w', property: 'a', change: 'required' }])
  })

  it('follows nesting 16 levels deep, and no further', () => {
    const chain = (levels: number, leaf: Record<string, unknown>): Record<string, unknown> => (levels === 0 ? leaf : object({ n: chain(levels - 1, leaf) }))
    const path = (levels: number) => `${'n.'.repeat(levels)}x`
    expect(diffSchema('w', chain(16, object({})), chain(16, object({ x: {} })))).toEqual([{ where: 'w', property: path(16), change: 'added', required: false }])
    expect(diffSchema('w', chain(17, object({})), chain(17, object({ x: {} })))).toEqual([])
  })

  it('reads a property named __proto__ as any other', () => {
    const before = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}')
    expect(diffSchema('w', before, object({}))).toEqual([{ where: 'w', property: '__proto__', change: 'removed' }])
  })
})

describe('schemasOf and schemaChanges', () => {
  const definition = {
    configuration: { schema: object({ key: { type: 'string' } }) },
    actions: { send: { input: { schema: object({ to: { type: 'string' } }) }, output: { schema: object({ id: { type: 'string' } }) } } },
    events: { sent: { schema: object({ id: { type: 'string' } }) } },
    states: { cursor: { type: 'integration', schema: object({}) } },
    entities: { lead: { schema: object({}) } },
    configurations: { oauth: { schema: object({}) } },
    channels: { chat: { messages: { text: { schema: object({ text: { type: 'string' } }) } } } },
    interfaces: { typing: { id: 'intf_1' } },
  }

  it('finds every schema by where it is', () => {
    expect([...schemasOf(definition).keys()]).toEqual([
      'configuration',
      'actions.send.input',
      'actions.send.output',
      'events.sent',
      'states.cursor',
      'entities.lead',
      'configurations.oauth',
      'channels.chat.messages.text',
    ])
  })

  it('leaves out interfaces and entries without a schema', () => {
    expect([...schemasOf({ interfaces: { x: { schema: object({}) } }, actions: { a: { input: {}, output: { schema: object({}) } } } }).keys()]).toEqual([
      'actions.a.output',
    ])
  })

  it('compares only the schemas both sides have', () => {
    const after = structuredClone(definition)
    after.channels.chat.messages.text.schema = object({})
    after.actions.send.output.schema = object({ id: { type: 'number' } })
    const added = { ...after, events: { ...after.events, other: { schema: object({ a: {} }) } } }
    expect(schemaChanges(definition, added)).toEqual([
      { where: 'actions.send.output', property: 'id', change: 'type', from: 'string', to: 'number' },
      { where: 'channels.chat.messages.text', property: 'text', change: 'removed' },
    ])
  })
})

describe('breakingChanges', () => {
  const section = (name: string, removed: string[]) => ({ section: name, added: [], changed: [], removed, unchanged: 0 })

  it('flags removed actions, events and channels, not their parts nor other sections', () => {
    const sections = [
      section('actions', ['gone', 'kept.attributes.x']),
      section('events', ['old']),
      section('channels', ['sms', 'chat.messages.image']),
      section('states', ['cursor']),
    ]
    expect(breakingChanges(sections, []).map(breakingLine)).toEqual([
      'actions.gone: action removed',
      'events.old: event removed',
      'channels.sms: channel removed',
    ])
  })

  it('flags input properties removed, made required, added required, retyped or narrowed; output and payload properties removed or retyped', () => {
    const at = (where: string, change: object) => ({ where, property: 'p', ...change }) as Parameters<typeof breakingChanges>[1][number]
    const changes = [
      at('actions.a.input', { change: 'removed' }),
      at('actions.a.input', { change: 'required' }),
      at('actions.a.input', { change: 'added', required: true }),
      at('actions.a.input', { change: 'added', required: false }),
      at('actions.a.input', { change: 'optional' }),
      at('actions.a.input', { change: 'type', from: 'string', to: 'number' }),
      at('actions.a.input', { change: 'enum', enumAdded: ['"x"'], enumRemoved: [] }),
      at('actions.a.input', { change: 'enum', enumAdded: [], enumRemoved: ['"y"'] }),
      at('actions.a.output', { change: 'removed' }),
      at('actions.a.output', { change: 'added', required: true }),
      at('actions.a.output', { change: 'type', from: 'string', to: 'number' }),
      at('events.e', { change: 'removed' }),
      at('events.e', { change: 'type', from: 'string', to: 'boolean' }),
      at('events.e', { change: 'required' }),
      at('states.s', { change: 'removed' }),
      at('channels.c.messages.text', { change: 'removed' }),
    ]
    expect(breakingChanges([], changes).map(breakingLine)).toEqual([
      'actions.a.input p: input property removed',
      'actions.a.input p: input property made required',
      'actions.a.input p: required input property added',
      'actions.a.input p: input property type changed (string → number)',
      'actions.a.input p: input property no longer accepts "y"',
      'actions.a.output p: output property removed',
      'actions.a.output p: output property type changed (string → number)',
      'events.e p: payload property removed',
      'events.e p: payload property type changed (string → boolean)',
    ])
  })

  it('reads the major of a version', () => {
    expect(majorOf('2.0.0')).toBe(2)
    expect(majorOf('v10.1.0')).toBe(10)
    expect(majorOf('main')).toBeUndefined()
  })
})
