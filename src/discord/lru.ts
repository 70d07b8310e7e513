/**
 * A size-capped map whose entries also expire: the least recently used entry goes first when full. Keeps the bot's
 * in-memory state (follow-up context, result pages, cooldowns) bounded however many users come by.
 */
export class ExpiringLru<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>()

  /**
   * @param capacity most entries kept
   * @param ttlMs how long an entry lives after it was last set
   * @param now clock, for tests
   */
  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.expires <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    // Re-insert: Map iteration order is insertion order, so the front is always the least recently used.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: K, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, { value, expires: this.now() + this.ttlMs })
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as K
      this.entries.delete(oldest)
    }
  }

  delete(key: K): void {
    this.entries.delete(key)
  }

  get size(): number {
    return this.entries.size
  }
}
