// Record names come from the manifest and the server: `__proto__`, `constructor`
// or `toString` are ordinary names there. These read and write own properties
// only, never what an object inherits, and never its prototype.

export function hasOwn(record: object | undefined, key: PropertyKey): boolean {
  return record !== undefined && Object.hasOwn(record, key)
}

/** `record[key] = value`, as an own property even when `key` is `__proto__`. */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}
