/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes each
 * item as an argument: a hostile manifest or answer with a hundred thousand
 * problems or names would end the run with "Maximum call stack size exceeded".
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item)
  return target
}
