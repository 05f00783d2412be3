import { hasOwn } from '../base/own.js'
import { isRecord } from '../base/record.js'

type Json = unknown

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
    // Own keys only: a key named `__proto__` that the server lacks is not Object.prototype.
    return Object.entries(local).every(([k, v]) => sameAsRemote(v, hasOwn(remote, k) ? remote[k] : undefined, k))
  }
  if (Array.isArray(local)) {
    return Array.isArray(remote) && local.length === remote.length && local.every((item, i) => sameAsRemote(item, remote[i]))
  }
  return deepEqual(local, remote)
}

export function asRecord(value: Json): Record<string, Json> {
  return isRecord(value) ? value : {}
}
