// A compact inverted index of one field (term id → documents and term frequencies) with BM25+ scoring.
// Typed arrays and integer term ids: scoring a question is a few tight loops, with no objects per document.

/** BM25+ parameters: `k` saturates term frequency, `b` normalises by length, `d` is the floor per matched term. */
export interface Bm25Params {
  k: number
  b: number
  d: number
}

/** BM25's inverse document frequency (never negative, as in MiniSearch and Lucene). */
export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5))
}

/** One field's postings in compressed-row form: the documents of term `t` are `docs[offsets[t]..offsets[t+1])`. */
export class Postings {
  readonly docCount: number
  private readonly offsets: Uint32Array
  private readonly docs: Int32Array
  private readonly freqs: Uint16Array
  private readonly lengths: Uint32Array
  private readonly avgLength: number

  private constructor(docCount: number, offsets: Uint32Array, docs: Int32Array, freqs: Uint16Array, lengths: Uint32Array) {
    this.docCount = docCount
    this.offsets = offsets
    this.docs = docs
    this.freqs = freqs
    this.lengths = lengths
    let total = 0
    for (const l of lengths) total += l
    this.avgLength = total / Math.max(1, docCount) || 1
  }

  /** Indexes documents given as term-id sequences (document `i` is `docTerms[i]`, ids below `vocabSize`). */
  static build(docTerms: readonly ArrayLike<number>[], vocabSize: number): Postings {
    const n = docTerms.length
    const lengths = new Uint32Array(n)
    const offsets = new Uint32Array(vocabSize + 1)
    const seen = new Int32Array(vocabSize).fill(-1)
    for (let d = 0; d < n; d++) {
      const ts = docTerms[d]!
      lengths[d] = ts.length
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!
        if (seen[t] !== d) {
          seen[t] = d
          offsets[t + 1]!++
        }
      }
    }
    for (let t = 0; t < vocabSize; t++) offsets[t + 1]! += offsets[t]!
    const docs = new Int32Array(offsets[vocabSize]!)
    const freqs = new Uint16Array(offsets[vocabSize]!)
    const fill = offsets.slice(0, vocabSize)
    for (let d = 0; d < n; d++) {
      const ts = docTerms[d]!
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!
        const at = fill[t]!
        // Documents arrive in order, so a term seen again in the same document is its latest entry.
        if (at > offsets[t]! && docs[at - 1] === d) freqs[at - 1] = Math.min(65535, freqs[at - 1]! + 1)
        else {
          docs[at] = d
          freqs[at] = 1
          fill[t] = at + 1
        }
      }
    }
    return new Postings(n, offsets, docs, freqs, lengths)
  }

  /** Number of documents holding the term. */
  df(term: number): number {
    return term >= 0 && term + 1 < this.offsets.length ? this.offsets[term + 1]! - this.offsets[term]! : 0
  }

  /** The documents holding the term, ascending (a view: do not modify). */
  docsOf(term: number): Int32Array {
    return this.docs.subarray(this.offsets[term] ?? 0, this.offsets[term + 1] ?? 0)
  }

  idf(term: number): number {
    return bm25Idf(this.docCount, this.df(term))
  }

  /**
   * Adds `weight` × BM25+ of `term` to the score of every document holding it, counting it as a match of the
   * accumulator's current query term.
   */
  accumulate(term: number, weight: number, p: Bm25Params, acc: Accumulator): void {
    const from = this.offsets[term]!
    const to = this.offsets[term + 1]!
    if (!(to > from)) return
    const { docs, freqs } = this
    const w = weight * bm25Idf(this.docCount, to - from)
    const norm = (p.k * p.b) / this.avgLength
    const base = p.k * (1 - p.b)
    const { score, matched, last, source } = acc
    for (let i = from; i < to; i++) {
      const d = docs[i]!
      const tf = freqs[i]!
      score[d]! += w * (p.d + (tf * (p.k + 1)) / (tf + base + norm * this.lengths[d]!))
      if (last[d] !== source) {
        if (matched[d] === 0) acc.touched[acc.count++] = d
        matched[d]!++
        last[d] = source
      }
    }
  }
}

/**
 * Per-document scores of one query, and how many distinct query terms each document matched. Reused across
 * queries (reset() clears only what the last query touched), so a query allocates nothing per document.
 */
export class Accumulator {
  readonly score: Float64Array
  readonly matched: Uint16Array
  readonly last: Int32Array
  readonly touched: Int32Array
  /** How many entries of `touched` are in use. */
  count = 0
  /** The query term being accumulated: set before its first `accumulate()`. */
  source = 0

  constructor(docCount: number) {
    this.score = new Float64Array(docCount)
    this.matched = new Uint16Array(docCount)
    this.last = new Int32Array(docCount).fill(-1)
    this.touched = new Int32Array(docCount)
  }

  reset(): void {
    for (let i = 0; i < this.count; i++) {
      const d = this.touched[i]!
      this.score[d] = 0
      this.matched[d] = 0
      this.last[d] = -1
    }
    this.count = 0
    this.source = 0
  }
}
