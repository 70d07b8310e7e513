// MiniSearch's term index (its SearchableMap: term → field → document → term frequency), read in place from packed
// arrays rather than made of a Map per term and field and an entry per posting. MiniSearch's own search, BM25 and
// live changes run on it unchanged: this class has the SearchableMap methods they call. A term is read through
// light views of its arrays; it becomes MiniSearch's own Maps only when something writes to it (a live add or
// discard, a search meeting a discarded document, a vacuum), and stays so. What `loadJS` made of every term at
// start-up (~70% of a load, most of the index's memory) is made of the few terms ever changed.

/** MiniSearch's postings of one term in one field: short document id → term frequency. */
export type DocumentTermFreqs = Map<number, number>
/** MiniSearch's postings of one term: field id → its postings. */
export type FieldTermData = Map<number, DocumentTermFreqs>

/**
 * The postings of every term of a vocabulary, packed: those of term t in field f are `docs`/`freqs` from
 * `start[t * fieldCount + f]` to `start[t * fieldCount + f + 1]`, short ids ascending (the order MiniSearch's
 * loadJS gave them). `sorted` lists the terms that have postings in the order of their strings (UTF-16 code units),
 * `bySuffix` in the order of their reversed strings: the fuzzy search's two ways in.
 */
export interface PackedTerms {
  fieldCount: number
  start: Uint32Array
  docs: Uint32Array
  freqs: Uint16Array | Uint32Array
  sorted: Int32Array
  bySuffix: Int32Array
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const reversed = (s: string): string => s.split('').reverse().join('')

/** The term ids of `terms` that `has` holds, in the order of their strings and of their reversed strings. */
export function termOrders(vocabulary: readonly string[], has: (t: number) => boolean): { sorted: Int32Array; bySuffix: Int32Array } {
  const ids: number[] = []
  for (let t = 0; t < vocabulary.length; t++) if (has(t)) ids.push(t)
  const sorted = Int32Array.from(ids.sort((a, b) => compare(vocabulary[a]!, vocabulary[b]!)))
  const back = vocabulary.map((term, t) => (has(t) ? reversed(term) : ''))
  const bySuffix = Int32Array.from(ids.sort((a, b) => compare(back[a]!, back[b]!)))
  return { sorted, bySuffix }
}

/** The first k in [lo, hi) with a[k] >= value (hi when none). */
function lowerBound(a: Uint32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Levenshtein distance over UTF-16 code units, as MiniSearch's fuzzy search counts it; max + 1 when above max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), prev[j]! + 1, row[j - 1]! + 1)
      row.push(d)
      if (d < best) best = d
    }
    if (best > max) return max + 1
    prev = row
  }
  return Math.min(prev[b.length]!, max + 1)
}

/** One term's postings in one field, read in place: the Map methods MiniSearch's search reads. Read-only. */
class Postings implements Iterable<[number, number]> {
  /** The last position handed out by `keys()`: MiniSearch asks for its frequency next. */
  private at: number
  constructor(
    private readonly terms: PackedTermIndex,
    readonly from: number,
    readonly to: number,
  ) {
    this.at = from
  }

  get size(): number {
    return this.to - this.from
  }

  private find(doc: number): number {
    const docs = this.terms.packed.docs
    if (this.at < this.to && docs[this.at] === doc) return this.at
    const k = lowerBound(docs, this.from, this.to, doc)
    return k < this.to && docs[k] === doc ? k : -1
  }

  get(doc: number): number | undefined {
    const k = this.find(doc)
    return k < 0 ? undefined : this.terms.packed.freqs[k]
  }

  has(doc: number): boolean {
    return this.find(doc) >= 0
  }

  /** The documents, ascending; during `PackedTermIndex.within`, only those of its list. */
  keys(): IterableIterator<number> {
    const { docs } = this.terms.packed
    const only = this.terms.only
    const end = this.to
    let k = this.from
    let r = 0
    const done = { value: undefined, done: true } as const
    const iterator: IterableIterator<number> = {
      next: (): IteratorResult<number> => {
        if (only === null) {
          if (k >= end) return done
          this.at = k
          return { value: docs[k++]!, done: false }
        }
        while (r < only.length && k < end) {
          const doc = only[r++]!
          k = lowerBound(docs, k, end, doc)
          if (k < end && docs[k] === doc) {
            this.at = k
            return { value: doc, done: false }
          }
        }
        return done
      },
      [Symbol.iterator]: () => iterator,
    }
    return iterator
  }

  *entries(): IterableIterator<[number, number]> {
    const { docs, freqs } = this.terms.packed
    for (let k = this.from; k < this.to; k++) yield [docs[k]!, freqs[k]!]
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries()
  }

  *values(): IterableIterator<number> {
    for (const [, freq] of this.entries()) yield freq
  }

  forEach(fn: (freq: number, doc: number) => void): void {
    for (const [doc, freq] of this.entries()) fn(freq, doc)
  }

  set(): never {
    throw new Error('PackedTermIndex: postings read in place are not written to (fetch the term first)')
  }

  delete(): never {
    return this.set()
  }
}

/**
 * Where one field's postings of a term lie in `packed.docs` / `packed.freqs` (`[from, to)`), when they are read in
 * place from the arrays; null for MiniSearch's own Map (a term written to since the load).
 */
export function packedRange(postings: DocumentTermFreqs): { from: number; to: number } | null {
  return postings instanceof Postings ? postings : null
}

/**
 * MiniSearch's term index over packed postings (see the top of this file). Terms are looked up by the vocabulary's
 * ids (`ids`, shared with the SearchIndex that made it); terms added or written to since live in `written`, as
 * MiniSearch's own Maps.
 */
export class PackedTermIndex {
  private readonly written = new Map<string, FieldTermData>()
  /** Packed terms no longer read from the arrays: written (then in `written`) or deleted. */
  private readonly gone: Uint8Array
  private packedCount: number
  /** During `within`: the only documents a search reads of the packed postings (ascending short ids). */
  only: Uint32Array | null = null

  constructor(
    readonly packed: PackedTerms,
    private readonly vocabulary: readonly string[],
    private readonly ids: ReadonlyMap<string, number>,
    /** Whether a short id is a document still in the index (MiniSearch's `_documentIds.has`). */
    private readonly isLive: (doc: number) => boolean,
    /** Whether any document was discarded since the postings were packed (so they may hold dead ones). */
    private readonly anyDiscarded: () => boolean,
  ) {
    const termCount = (packed.start.length - 1) / packed.fieldCount
    this.gone = new Uint8Array(termCount)
    this.packedCount = packed.sorted.length
  }

  /** The packed id of a term with postings still read from the arrays, or -1. */
  private packedId(term: string): number {
    const t = this.ids.get(term)
    if (t === undefined || t >= this.gone.length || this.gone[t] || this.vocabulary[t] !== term) return -1
    const { start, fieldCount } = this.packed
    return start[t * fieldCount] === start[(t + 1) * fieldCount] ? -1 : t
  }

  /** A packed term as MiniSearch's map of fields, each field's postings a view of the arrays. */
  private view(t: number): FieldTermData {
    const { start, fieldCount } = this.packed
    const data = new Map<number, Postings>()
    for (let f = 0; f < fieldCount; f++) {
      const from = start[t * fieldCount + f]!
      const to = start[t * fieldCount + f + 1]!
      if (from < to) data.set(f, new Postings(this, from, to))
    }
    return data as unknown as FieldTermData
  }

  /** Turns a packed term into MiniSearch's own Maps, from now on the term's only copy. */
  private materialise(t: number, term: string): FieldTermData {
    const { start, fieldCount, docs, freqs } = this.packed
    const data: FieldTermData = new Map()
    for (let f = 0; f < fieldCount; f++) {
      const to = start[t * fieldCount + f + 1]!
      let k = start[t * fieldCount + f]!
      if (k === to) continue
      const postings: DocumentTermFreqs = new Map()
      for (; k < to; k++) postings.set(docs[k]!, freqs[k]!)
      data.set(f, postings)
    }
    this.gone[t] = 1
    this.packedCount--
    this.written.set(term, data)
    return data
  }

  get size(): number {
    return this.packedCount + this.written.size
  }

  get(term: string): FieldTermData | undefined {
    const data = this.written.get(term)
    if (data !== undefined) return data
    const t = this.packedId(term)
    return t < 0 ? undefined : this.view(t)
  }

  has(term: string): boolean {
    return this.written.has(term) || this.packedId(term) >= 0
  }

  /** The term's data to write to (MiniSearch's addTerm and removeTerm): its own Maps, made now if need be. */
  fetch(term: string, initial: () => FieldTermData): FieldTermData {
    let data = this.written.get(term)
    if (data !== undefined) return data
    const t = this.packedId(term)
    if (t >= 0) return this.materialise(t, term)
    this.written.set(term, (data = initial()))
    return data
  }

  set(term: string, data: FieldTermData): this {
    const t = this.packedId(term)
    if (t >= 0) {
      this.gone[t] = 1
      this.packedCount--
    }
    this.written.set(term, data)
    return this
  }

  delete(term: string): void {
    this.written.delete(term)
    const t = this.packedId(term)
    if (t >= 0) {
      this.gone[t] = 1
      this.packedCount--
    }
  }

  /**
   * Every term with its data. A packed term holding a discarded document comes as its own Maps (MiniSearch's
   * vacuum deletes from what it is given); the others as views.
   */
  *entries(): IterableIterator<[string, FieldTermData]> {
    const before = [...this.written.keys()]
    const { start, fieldCount, docs } = this.packed
    for (let t = 0; t < this.gone.length; t++) {
      if (this.gone[t] || start[t * fieldCount] === start[(t + 1) * fieldCount]) continue
      const term = this.vocabulary[t]!
      let dead = false
      if (this.anyDiscarded()) {
        for (let k = start[t * fieldCount]!; k < start[(t + 1) * fieldCount]! && !dead; k++) dead = !this.isLive(docs[k]!)
      }
      yield [term, dead ? this.materialise(t, term) : this.view(t)]
    }
    for (const term of before) {
      const data = this.written.get(term)
      if (data !== undefined) yield [term, data]
    }
  }

  [Symbol.iterator](): IterableIterator<[string, FieldTermData]> {
    return this.entries()
  }

  *keys(): IterableIterator<string> {
    for (const [term] of this.entries()) yield term
  }

  *values(): IterableIterator<FieldTermData> {
    for (const [, data] of this.entries()) yield data
  }

  forEach(fn: (term: string, data: FieldTermData, map: PackedTermIndex) => void): void {
    for (const [term, data] of this.entries()) fn(term, data, this)
  }

  /** The packed terms (by id) within `sorted` or `bySuffix` whose key starts with `key`. */
  private range(order: Int32Array, key: string, keyOf: (t: number) => string): Int32Array {
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (keyOf(order[mid]!) < key) lo = mid + 1
      else hi = mid
    }
    let end = lo
    while (end < order.length && keyOf(order[end]!).startsWith(key)) end++
    return order.subarray(lo, end)
  }

  /** Terms within `maxDistance` edits of `query`, each with its data and distance (SearchableMap's fuzzyGet). */
  fuzzyGet(query: string, maxDistance: number): Map<string, [FieldTermData, number]> {
    const found = new Map<string, [FieldTermData, number]>()
    const { sorted, bySuffix } = this.packed
    // One edit leaves either the first half of the query or the second half as it was: the terms that start with
    // the one or end with the other. Further edits: every term.
    const half = query.length >> 1
    const candidates =
      maxDistance === 1
        ? [this.range(sorted, query.slice(0, half), (t) => this.vocabulary[t]!), this.range(bySuffix, reversed(query.slice(half)), (t) => reversed(this.vocabulary[t]!))]
        : [sorted]
    const matches: [string, number][] = []
    for (const list of candidates) {
      for (const t of list) {
        const term = this.vocabulary[t]!
        if (this.gone[t] || found.has(term)) continue
        const d = editDistance(query, term, maxDistance)
        if (d <= maxDistance) {
          found.set(term, [this.view(t), d])
          matches.push([term, d])
        }
      }
    }
    for (const [term, data] of this.written) {
      const d = editDistance(query, term, maxDistance)
      if (d <= maxDistance) {
        found.set(term, [data, d])
        matches.push([term, d])
      }
    }
    // In the order of the terms, whichever way in found them.
    matches.sort((a, b) => compare(a[0], b[0]))
    return new Map(matches.map(([term]) => [term, found.get(term)!]))
  }

  /** Terms starting with `prefix`, with their data (SearchableMap's atPrefix, as MiniSearch's search iterates it). */
  atPrefix(prefix: string): Map<string, FieldTermData> {
    const out = new Map<string, FieldTermData>()
    for (const t of this.range(this.packed.sorted, prefix, (t) => this.vocabulary[t]!)) if (!this.gone[t]) out.set(this.vocabulary[t]!, this.view(t))
    for (const [term, data] of this.written) if (term.startsWith(prefix)) out.set(term, data)
    return new Map([...out].sort((a, b) => compare(a[0], b[0])))
  }

  /** Runs `search` reading of the packed postings only the documents `docs` (ascending short ids). */
  within<T>(docs: Uint32Array, search: () => T): T {
    this.only = docs
    try {
      return search()
    } finally {
      this.only = null
    }
  }

  /**
   * The postings as they are now (packed and written), packed again over `vocabulary` (this index's vocabulary or
   * one that extends it). Throws when a term is not in it.
   */
  pack(vocabulary: readonly string[], ids: ReadonlyMap<string, number>): PackedTerms {
    const { fieldCount: F, start, docs, freqs } = this.packed
    for (let t = 0; t < this.gone.length; t++) {
      if (vocabulary[t] !== this.vocabulary[t]) throw new Error('PackedTermIndex.pack: the vocabulary does not extend this index\'s')
    }
    // Nothing written since the arrays were made (a fresh build's first save, an index saved as loaded): they are it.
    if (this.written.size === 0 && this.packedCount === this.packed.sorted.length && vocabulary.length === this.gone.length) return this.packed
    const written: (FieldTermData | undefined)[] = new Array(vocabulary.length)
    for (const [term, data] of this.written) {
      const t = ids.get(term)
      if (t === undefined) throw new Error(`PackedTermIndex.pack: term "${term}" is not in the vocabulary`)
      written[t] = data
    }
    const out = new Uint32Array(vocabulary.length * F + 1)
    const packedRun = (t: number, f: number): [number, number] | null =>
      t < this.gone.length && !this.gone[t] ? [start[t * F + f]!, start[t * F + f + 1]!] : null
    for (let t = 0; t < vocabulary.length; t++) {
      for (let f = 0; f < F; f++) {
        const run = packedRun(t, f)
        out[t * F + f + 1] = out[t * F + f]! + (run ? run[1] - run[0] : (written[t]?.get(f)?.size ?? 0))
      }
    }
    const total = out[vocabulary.length * F]!
    let maxFreq = 0
    for (const data of written) for (const postings of data?.values() ?? []) for (const freq of postings.values()) if (freq > maxFreq) maxFreq = freq
    for (let k = 0; k < freqs.length; k++) if (freqs[k]! > maxFreq) maxFreq = freqs[k]!
    const newDocs = new Uint32Array(total)
    const newFreqs = maxFreq > 0xffff ? new Uint32Array(total) : new Uint16Array(total)
    for (let t = 0; t < vocabulary.length; t++) {
      for (let f = 0; f < F; f++) {
        const at = out[t * F + f]!
        const run = packedRun(t, f)
        if (run) {
          newDocs.set(docs.subarray(run[0], run[1]), at)
          newFreqs.set(freqs.subarray(run[0], run[1]), at)
          continue
        }
        const postings = [...(written[t]?.get(f) ?? [])].sort((a, b) => a[0] - b[0])
        postings.forEach(([doc, freq], i) => {
          newDocs[at + i] = doc
          newFreqs[at + i] = freq
        })
      }
    }
    const has = (t: number) => out[t * F] !== out[(t + 1) * F]
    return { fieldCount: F, start: out, docs: newDocs, freqs: newFreqs, ...termOrders(vocabulary, has) }
  }
}
