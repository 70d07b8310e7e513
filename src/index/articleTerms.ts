// The articles' terms (an article: all its paragraphs' text and its title, as one document), in compressed-row
// form: the articles of term `t` are `docs[offsets[t]..offsets[t+1])`. MiniSearch holds the paragraphs; this is
// what the reranker reads that MiniSearch does not expose: a term's frequency in an article, an article's length
// in terms and a term's frequency over the corpus (the article language model, articleModel.ts), and the
// articles' own BM25, which adds to a paragraph's first-stage score. Typed arrays: no object per article.

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

/** The arrays of an `ArticleTerms`, as saved. */
export interface ArticleTermsArrays {
  offsets: Uint32Array
  docs: Int32Array
  freqs: Uint16Array
  lengths: Uint32Array
  distinct: Uint32Array
}

export class ArticleTerms {
  readonly docCount: number
  private readonly offsets: Uint32Array
  private readonly docs: Int32Array
  private readonly freqs: Uint16Array
  private readonly lengths: Uint32Array
  private readonly avgLength: number
  /** Distinct terms per article, and their mean: the length MiniSearch's BM25 uses, so the two scores agree. */
  private readonly distinct: Uint32Array
  private readonly avgDistinct: number

  private constructor(docCount: number, offsets: Uint32Array, docs: Int32Array, freqs: Uint16Array, lengths: Uint32Array, distinct: Uint32Array) {
    this.docCount = docCount
    this.offsets = offsets
    this.docs = docs
    this.freqs = freqs
    this.lengths = lengths
    this.distinct = distinct
    const mean = (xs: Uint32Array) => xs.reduce((a, x) => a + x, 0) / Math.max(1, docCount) || 1
    this.avgLength = mean(lengths)
    this.avgDistinct = mean(distinct)
  }

  /** The arrays this is made of, for saving (`fromArrays` makes it again). */
  toArrays(): ArticleTermsArrays {
    const { offsets, docs, freqs, lengths, distinct } = this
    return { offsets, docs, freqs, lengths, distinct }
  }

  /** Article terms from saved arrays over `docCount` articles and `vocabSize` terms; throws when they do not fit. */
  static fromArrays(a: ArticleTermsArrays, docCount: number, vocabSize: number): ArticleTerms {
    const n = a.offsets[vocabSize]
    if (a.offsets.length !== vocabSize + 1 || a.docs.length !== n || a.freqs.length !== n || a.lengths.length !== docCount || a.distinct.length !== docCount) {
      throw new Error('ArticleTerms: saved arrays do not fit the index')
    }
    for (let t = 0; t < vocabSize; t++) if (a.offsets[t]! > a.offsets[t + 1]!) throw new Error('ArticleTerms: saved offsets out of order')
    // An indexed loop: it runs once, mostly before the optimiser has seen it, where for-of costs ~3× more.
    for (let i = 0; i < a.docs.length; i++) if (!(a.docs[i]! >= 0 && a.docs[i]! < docCount)) throw new Error('ArticleTerms: saved article number out of range')
    return new ArticleTerms(docCount, a.offsets, a.docs, a.freqs, a.lengths, a.distinct)
  }

  /** Indexes articles given as term-id sequences (article `i` is `docTerms[i]`, ids below `vocabSize`). */
  static build(docTerms: readonly ArrayLike<number>[], vocabSize: number): ArticleTerms {
    const n = docTerms.length
    const lengths = new Uint32Array(n)
    const distinct = new Uint32Array(n)
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
          distinct[d]!++
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
        // Articles arrive in order, so a term seen again in the same article is its latest entry.
        if (at > offsets[t]! && docs[at - 1] === d) freqs[at - 1] = Math.min(65535, freqs[at - 1]! + 1)
        else {
          docs[at] = d
          freqs[at] = 1
          fill[t] = at + 1
        }
      }
    }
    return new ArticleTerms(n, offsets, docs, freqs, lengths, distinct)
  }

  /** The articles holding the term, ascending (a view: do not modify). */
  docsOf(term: number): Int32Array {
    return this.docs.subarray(this.offsets[term] ?? 0, this.offsets[term + 1] ?? 0)
  }

  /**
   * Adds the BM25+ score for the term, times `weight`, of each article to `scores`, and marks the articles it
   * matches with `mark` in `marks`, counting distinct marks in `matched`. An article seen for the first time
   * (`matched` still 0) is pushed to `touched`. Scored as MiniSearch scores one field.
   */
  addBm25(term: number, weight: number, { k, b, d }: Bm25Params, scores: Float64Array, marks: Int32Array, mark: number, matched: Uint16Array, touched: number[]): void {
    const from = this.offsets[term] ?? 0
    const to = this.offsets[term + 1] ?? 0
    if (to <= from) return
    const idf = bm25Idf(this.docCount, to - from)
    for (let i = from; i < to; i++) {
      const doc = this.docs[i]!
      const tf = this.freqs[i]!
      scores[doc]! += weight * idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * this.distinct[doc]!) / this.avgDistinct)))
      if (marks[doc] !== mark) {
        if (matched[doc] === 0) touched.push(doc)
        marks[doc] = mark
        matched[doc]!++
      }
    }
  }

  /** How often the term occurs in the article (0 when it does not). */
  tf(term: number, doc: number): number {
    let lo = this.offsets[term] ?? 0
    let hi = (this.offsets[term + 1] ?? 0) - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const d = this.docs[mid]!
      if (d === doc) return this.freqs[mid]!
      if (d < doc) lo = mid + 1
      else hi = mid - 1
    }
    return 0
  }

  /** Per term, its collection frequency once asked for (-1 before): a common term's sum runs over most articles. */
  private collection: Float64Array | undefined

  /** How often the term occurs in all articles together. */
  collectionFrequency(term: number): number {
    const known = this.collection?.[term]
    if (known !== undefined && known >= 0) return known
    let sum = 0
    for (let i = this.offsets[term] ?? 0; i < (this.offsets[term + 1] ?? 0); i++) sum += this.freqs[i]!
    if (term >= 0 && term + 1 < this.offsets.length) (this.collection ??= new Float64Array(this.offsets.length - 1).fill(-1))[term] = sum
    return sum
  }

  /** Number of terms of an article. */
  length(doc: number): number {
    return this.lengths[doc] ?? 0
  }

  /** Number of terms of all articles together. */
  get totalLength(): number {
    return this.avgLength * this.docCount
  }
}
