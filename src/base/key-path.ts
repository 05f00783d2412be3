/** Where a value stands in a manifest: its keys and sequence indices from the top. */
export type KeyPath = readonly PropertyKey[]

/** `actions.create.input.schema`, `tags[0]`: a key path as the messages show it. */
export function formatKeyPath(path: KeyPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`)).join('')
}
