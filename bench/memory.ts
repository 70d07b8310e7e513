// Memory measurement: heap and RSS after a full garbage collection, so deltas reflect what an index retains.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type Gc = () => void

/**
 * `global.gc` when node runs with --expose-gc; otherwise the flag is switched on at run time and a fresh
 * context's `gc` is used (works on Node 20). Null if neither works: deltas are then noisier.
 */
function findGc(): Gc | null {
  const existing = (globalThis as { gc?: unknown }).gc
  if (typeof existing === 'function') return existing as Gc
  try {
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as Gc) : null
  } catch {
    return null
  }
}

const gc = findGc()

export const gcAvailable = gc !== null

export interface MemorySnapshot {
  heapUsed: number
  rss: number
}

/** Collects garbage twice (weak references and finalisers free more on the second pass); a no-op without `gc`. */
export function collectGarbage(): void {
  if (gc) {
    gc()
    gc()
  }
}

/** Collects garbage, then samples. */
export function snapshot(): MemorySnapshot {
  collectGarbage()
  const usage = process.memoryUsage()
  return { heapUsed: usage.heapUsed, rss: usage.rss }
}

export function toMB(bytes: number): number {
  return bytes / (1024 * 1024)
}
