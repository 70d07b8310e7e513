// Picking the best few of many scored items without sorting them all: a bounded min-heap.

/** The `k` items of `items[0..count)` with the largest key, best first (ties: smaller item first). */
export function topK(items: Int32Array, count: number, k: number, key: (item: number) => number): number[] {
  const better = (a: number, b: number) => {
    const ka = key(a)
    const kb = key(b)
    return ka > kb || (ka === kb && a < b)
  }
  // A min-heap (by `better`) of the best k so far: its root is the weakest kept.
  const heap: number[] = []
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && better(heap[m]!, heap[l]!)) m = l
      if (r < heap.length && better(heap[m]!, heap[r]!)) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (let n = 0; n < count; n++) {
    const item = items[n]!
    if (heap.length < k) {
      heap.push(item)
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1
        if (!better(heap[p]!, heap[i]!)) break
        ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
        i = p
      }
    } else if (better(item, heap[0]!)) {
      heap[0] = item
      down(0)
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1))
}
