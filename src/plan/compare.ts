import { hasOwn } from '../own.js'

type Json = unknown

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => hasOwn(b, key) && deepEqual(a[key], b[key]))
  }
  return false
}

/**
 * Whether the server already has what the manifest says. The server fills in
 * defaults (an empty description, `attributes: {}`), so only the keys the
 * manifest sets are compared, except inside JSON schemas, which must be equal.
 */
export function sameAsRemote(local: Json, remote: Json, key?: string): boolean {
  if (key === 'schema') return deepEqual(local, remote)
  if (isRecord(local)) {
    if (!isRecord(remote)) return false
    return Object.entries(local).every(([k, v]) => sameAsRemote(v, remote[k], k))
  }
  if (Array.isArray(local)) {
    return Array.isArray(remote) && local.length === remote.length && local.every((item, i) => sameAsRemote(item, remote[i]))
  }
  return deepEqual(local, remote)
}

export function asRecord(value: Json): Record<string, Json> {
  return isRecord(value) ? value : {}
}
