/** A map of keys to values: an object that is neither null nor an array. The one guard for data read from files and answers. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every string anywhere in a JSON value, at any depth. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(stringLeaves)
}
