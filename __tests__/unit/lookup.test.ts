import { describe, expect, it } from '@jest/globals'
import { chooseLookup, qualifyName, sameName } from '../../src/lifecycle/lookup.js'
import type { Manifest } from '../../src/manifest/load.js'

const manifest = (fields: Partial<Manifest>): Manifest => ({
  displayPath: 'integration.yml',
  definition: {},
  secrets: [],
  files: [],
  interfaceLookups: [],
  ...fields,
})

describe('chooseLookup', () => {
  it('prefers the input id, then the manifest id, then name and version', () => {
    expect(chooseLookup(manifest({ id: 'intver_m', name: 'a/b', version: '1.0.0' }), { integrationId: 'intver_i' })).toEqual({ by: 'id', id: 'intver_i' })
    expect(chooseLookup(manifest({ id: 'intver_m', name: 'a/b', version: '1.0.0' }), {})).toEqual({ by: 'id', id: 'intver_m' })
    expect(chooseLookup(manifest({ name: 'a/b', version: '1.0.0' }), {})).toEqual({ by: 'name', name: 'a/b', version: '1.0.0' })
  })
  it('refuses what cannot name a version', () => {
    expect(() => chooseLookup(manifest({ name: 'a/b' }), {})).toThrow('set `name` and `version`')
    expect(() => chooseLookup(manifest({ name: 'a/b', version: 'main' }), {})).toThrow('not a semantic version')
    expect(() => chooseLookup(manifest({}), { integrationId: '..' })).toThrow('is not an id')
  })
  it('compares expected-version with the manifest when looking up by name', () => {
    expect(() => chooseLookup(manifest({ name: 'a/b', version: '1.4.0' }), { expectedVersion: '1.5.0' })).toThrow(
      '`expected-version` is 1.5.0 but integration.yml says version 1.4.0',
    )
    expect(chooseLookup(manifest({ name: 'a/b', version: '1.5.0-rc.1' }), { expectedVersion: '1.5.0-rc.1' })).toMatchObject({ by: 'name' })
  })
})

describe('names and handles', () => {
  it('gives a bare name the workspace handle and keeps a matching one', () => {
    expect(qualifyName('crm', 'acme', 'i.yml')).toBe('acme/crm')
    expect(qualifyName('acme/crm', 'acme', 'i.yml')).toBe('acme/crm')
    expect(qualifyName('crm', undefined, 'i.yml')).toBe('crm')
    expect(() => qualifyName('globex/crm', 'acme', 'i.yml')).toThrow('with handle "globex", but this workspace\'s handle is "acme"')
  })
  it('matches a bare manifest name against a remote name with a handle, and not the reverse', () => {
    expect(sameName('crm', 'acme/crm')).toBe(true)
    expect(sameName('crm', 'crm')).toBe(true)
    expect(sameName('acme/crm', 'crm')).toBe(false)
    expect(sameName('acme/crm', 'globex/crm')).toBe(false)
    expect(sameName('crm', 'acme/other')).toBe(false)
  })
})
