// MiniSearch's per-document maps (short id → document id, document id → short id, short id → field lengths) over
// typed arrays: the Map methods MiniSearch calls, for the small non-negative integers the paragraph index uses as
// both ids. Loaded as three Maps of 100,000 entries and 100,000 arrays, they took ~0.4 s of a 100k start-up and
// made most of its garbage collection. Keys, or values, that are not such integers go to an ordinary Map beside.

const ABSENT = -1
const isSmall = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 2 ** 31 - 1

/** A Map from non-negative integers to non-negative integers, ascending keys first, others after. */
export class IntMap implements Iterable<[unknown, unknown]> {
  private values_: Int32Array
  private count = 0
  private readonly other = new Map<unknown, unknown>()

  /** `values[k]` is key k's value (-1: no entry). Taken, not copied. */
  constructor(values: Int32Array = new Int32Array(0)) {
    this.values_ = values
    for (let k = 0; k < values.length; k++) if (values[k] !== ABSENT) this.count++
  }

  get size(): number {
    return this.count + this.other.size
  }

  get(key: unknown): unknown {
    if (isSmall(key) && key < this.values_.length && this.values_[key] !== ABSENT) return this.values_[key]
    return this.other.get(key)
  }

  has(key: unknown): boolean {
    return (isSmall(key) && key < this.values_.length && this.values_[key] !== ABSENT) || this.other.has(key)
  }

  set(key: unknown, value: unknown): this {
    if (isSmall(key) && isSmall(value) && !this.other.has(key)) {
      if (key >= this.values_.length) {
        const grown = new Int32Array(Math.max(key + 1, 2 * this.values_.length)).fill(ABSENT)
        grown.set(this.values_)
        this.values_ = grown
      }
      if (this.values_[key] === ABSENT) this.count++
      this.values_[key] = value
    } else {
      this.delete(key)
      this.other.set(key, value)
    }
    return this
  }

  delete(key: unknown): boolean {
    if (isSmall(key) && key < this.values_.length && this.values_[key] !== ABSENT) {
      this.values_[key] = ABSENT
      this.count--
      return true
    }
    return this.other.delete(key)
  }

  clear(): void {
    this.values_ = new Int32Array(0)
    this.count = 0
    this.other.clear()
  }

  *entries(): IterableIterator<[unknown, unknown]> {
    const values = this.values_
    for (let k = 0; k < values.length; k++) if (values[k] !== ABSENT) yield [k, values[k]]
    yield* this.other
  }

  [Symbol.iterator](): IterableIterator<[unknown, unknown]> {
    return this.entries()
  }

  *keys(): IterableIterator<unknown> {
    for (const [k] of this.entries()) yield k
  }

  *values(): IterableIterator<unknown> {
    for (const [, v] of this.entries()) yield v
  }

  forEach(fn: (value: unknown, key: unknown, map: this) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this)
  }
}

/**
 * MiniSearch's field lengths by short id: `fieldCount` numbers per document of `lengths` for the documents loaded
 * (`present`), arrays of its own for those added since. `get` hands out a view, which MiniSearch may write to.
 */
export class FieldLengths implements Iterable<[number, ArrayLike<number>]> {
  private readonly own = new Map<number, number[]>()
  private readonly views: (Uint32Array | undefined)[] = []
  private count = 0

  constructor(
    private readonly lengths: Uint32Array,
    private readonly fieldCount: number,
    /** 1 for each short id whose lengths `lengths` holds. */
    private readonly present: Uint8Array,
  ) {
    for (const p of present) this.count += p
  }

  get size(): number {
    return this.count + this.own.size
  }

  private loaded(id: number): boolean {
    return isSmall(id) && id < this.present.length && this.present[id] === 1
  }

  get(id: number): number[] | undefined {
    const own = this.own.get(id)
    if (own !== undefined || !this.loaded(id)) return own
    // A typed view stands in for MiniSearch's array: it reads it by index, and discard walks it with forEach.
    return (this.views[id] ??= this.lengths.subarray(id * this.fieldCount, (id + 1) * this.fieldCount)) as unknown as number[]
  }

  has(id: number): boolean {
    return this.own.has(id) || this.loaded(id)
  }

  /** `get(id)?.[field]`, without making a view: for scoring, which reads one number of thousands of documents. */
  lengthOf(id: number, field: number): number | undefined {
    return this.loaded(id) ? this.lengths[id * this.fieldCount + field] : this.own.get(id)?.[field]
  }

  set(id: number, lengths: number[]): this {
    if (this.loaded(id)) this.drop(id)
    this.own.set(id, lengths)
    return this
  }

  private drop(id: number): void {
    this.present[id] = 0
    this.views[id] = undefined
    this.count--
  }

  delete(id: number): boolean {
    if (this.loaded(id)) {
      this.drop(id)
      return true
    }
    return this.own.delete(id)
  }

  /** Every document's lengths, as arrays (toJSON writes them). */
  *entries(): IterableIterator<[number, ArrayLike<number>]> {
    for (let id = 0; id < this.present.length; id++) if (this.present[id] === 1) yield [id, Array.from(this.get(id)!)]
    yield* this.own
  }

  [Symbol.iterator](): IterableIterator<[number, ArrayLike<number>]> {
    return this.entries()
  }

  *keys(): IterableIterator<number> {
    for (const [id] of this.entries()) yield id
  }

  forEach(fn: (lengths: ArrayLike<number>, id: number, map: this) => void): void {
    for (const [id, lengths] of this.entries()) fn(lengths, id, this)
  }
}
