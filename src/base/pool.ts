/**
 * Runs `work` on each item with at most `limit` in flight, and gives the
 * results in the items' order. `work` settles each item itself (it never
 * throws here); with `stopAfter`, no item starts once one result says so,
 * and the ones not started get `notStarted(item)`.
 */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: { stopAfter?: (result: R) => boolean; notStarted?: (item: T) => R } = {},
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let stopped = false
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index]!
      if (stopped && options.notStarted) {
        results[index] = options.notStarted(item)
        continue
      }
      const result = await work(item, index)
      results[index] = result
      if (options.stopAfter?.(result)) stopped = true
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
