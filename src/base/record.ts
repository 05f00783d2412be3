/** A map of keys to values: an object that is neither null nor an array. The one guard for data read from files and answers. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
