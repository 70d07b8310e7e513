import type { Chunk, Span } from '../types.js'
import { analyse } from './analyse.js'
import type { AnalysedText } from './analyse.js'
import { alphabetOf, nearTerms } from './fuzzy.js'
import { decodeIndexFile, encodeIndexFile } from './indexFile.js'
import type { TypedArray } from './indexFile.js'
import { indexParts } from './indexParts.js'
import type { IndexParts } from './indexParts.js'
import { bm25Idf, Postings } from './postings.js'
import { topK } from './topK.js'
import { termVectors, vectorTableId } from './wordVectors/termVectors.js'

/** How many unknown terms' one-edit neighbours `nearTerms` keeps. */
const NEAR_MEMO = 256

/** Field boosts and BM25 parameters. Part of the manifest: changing them makes a persisted index stale. */
export const INDEX_OPTIONS = {
  fields: ['text', 'heading', 'title'] as const,
  boost: { text: 1, heading: 0.6, title: 0.4 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  /**
   * A question is about one article: the article's own BM25 (all its paragraphs as one document) adds
   * `weight` × (its score over the best article's) to each paragraph's normalised score when choosing candidates.
   */
  article: { weight: 0.3, bm25: { k: 1.2, b: 0.75, d: 0.5 } },
  /** Only query terms the corpus lacks are matched fuzzily (one edit away), and weakly (MiniSearch issue #263). */
  fuzzy: { minLength: 5, maxDistance: 1, weight: 0.35 },
  /**
   * Which chunks the first stage scores: those holding at least one of the question's selective terms, the ones
   * in at most `maxShare` of the chunks (and always the `atLeast` rarest). Common words still add to those chunks'
   * scores, which stay exact; they only no longer make the first stage score every chunk that has them. A chunk
   * with none of the rare words is almost never the best.
   */
  selective: { maxShare: 0.05, atLeast: 2 },
}

export type IndexOptions = typeof INDEX_OPTIONS

/** Corpus statistics the reranker needs: document frequency per term over all fields of a chunk. */
export interface TermStats {
  docCount: number
  /** Document frequency per term id (ids past its end: 0). */
  dfById: Int32Array
}

/** A hit from the first-stage BM25 retrieval. */
export interface Retrieved {
  id: number
  /** BM25+ score summed over the fields with their boosts, times the number of question terms matched. */
  bm25: number
  /** BM25 of the chunk's article over the best article's (0..1). */
  article: number
}



/** Which chunk of the previous index each chunk of an updated corpus is (-1: new or changed). */
export type ChunkReuse = Int32Array

/**
 * The BM25 index over a corpus's chunks (fields text, heading, title) and over its articles (chunks sharing a
 * file), plus the per-chunk analysis the later stages reuse. Chunk `i` is document `i`.
 */
export class SearchIndex {
  readonly chunks: readonly Chunk[]
  readonly stats: TermStats
  readonly options: IndexOptions
  /** Article number of each chunk (chunks of one file share it). */
  readonly articleOf: Int32Array
  private readonly vocabulary: readonly string[]
  private readonly ids: ReadonlyMap<string, number>
  private readonly textIds: readonly Int32Array[]
  private readonly spanData: readonly Uint32Array[]
  private readonly textPostings: Postings
  private readonly headingPostings: Postings
  private readonly titlePostings: Postings
  /** Scratch for `scoreChunks`: matched question terms, and the last term that matched, per chunk. Cleared after use. */
  private readonly matchedTerms: Uint16Array
  private readonly lastTerm: Int32Array
  /** Scratch for `markSelective`: 1 for the chunks the first stage may score. Cleared after every question. */
  private readonly allowed: Uint8Array
  /** Scratch for `retrieve`: each hit's first-stage score by chunk id. Cleared after every question. */
  private readonly chunkScore: Float64Array
  private readonly articles: Postings
  /** Set once `update` has built this index's successor (which shares this one's analysis arrays). */
  private superseded = false
  /** Word-vector rows per vocabulary term, as saved with the index (see termVectors.ts). */
  private vectorRows: { table: string; rows: Int32Array } | null = null
  private readonly analysedText: (AnalysedText | undefined)[]
  private readonly memo = new Map<string, unknown>()
  private readonly nearMemo = new Map<string, readonly { id: number; weight: number }[]>()
  private alphabet: string[] | undefined
  private sizes: Uint32Array | undefined

  private constructor(
    chunks: readonly Chunk[],
    vocabulary: string[],
    textIds: Int32Array[],
    spans: Uint32Array[],
    options: IndexOptions,
    saved?: IndexParts,
  ) {
    this.chunks = chunks
    this.options = options
    this.vocabulary = vocabulary
    const ids = new Map<string, number>()
    vocabulary.forEach((t, i) => ids.set(t, i))
    this.ids = ids
    this.textIds = textIds
    this.spanData = spans
    this.analysedText = new Array(chunks.length)
    const parts = saved ?? indexParts(chunks, vocabulary, ids, textIds)
    this.textPostings = parts.text
    this.headingPostings = parts.headings
    this.titlePostings = parts.titles
    this.matchedTerms = new Uint16Array(chunks.length)
    this.lastTerm = new Int32Array(chunks.length).fill(-1)
    this.allowed = new Uint8Array(chunks.length)
    this.chunkScore = new Float64Array(chunks.length)
    this.articleOf = parts.articleOf
    this.articles = parts.articles
    this.stats = { docCount: chunks.length, dfById: parts.dfById }
  }

  /** Whether `update` has replaced this index (it must no longer be searched). */
  get replaced(): boolean {
    return this.superseded
  }

  /** The analysed text of chunk `id` (terms and their spans). */
  analysed(id: number): AnalysedText {
    let a = this.analysedText[id]
    if (a === undefined) {
      const ids = this.textIds[id]!
      const data = this.spanData[id]!
      const terms: string[] = new Array(ids.length)
      const spans: Span[] = new Array(ids.length)
      for (let i = 0; i < ids.length; i++) {
        terms[i] = this.vocabulary[ids[i]!]!
        spans[i] = [data[2 * i]!, data[2 * i + 1]!]
      }
      this.analysedText[id] = a = { terms, spans }
    }
    return a
  }

  /**
   * Where chunk `id`'s terms stand in its text, flat: term i spans `[spans[2i], spans[2i + 1])`. The hot paths
   * read this rather than `analysed()`, whose two-number array per term would be kept for every passage touched.
   */
  spansOf(id: number): Uint32Array {
    return this.spanData[id]!
  }

  /** The term ids of chunk `id`'s text, in order (`termId` maps a term to its id). */
  termIds(id: number): Int32Array {
    return this.textIds[id]!
  }

  /** The term of a vocabulary id. */
  termOf(id: number): string {
    return this.vocabulary[id]!
  }

  /** The vocabulary id of a term, or -1 when no chunk holds it. */
  termId(term: string): number {
    return this.ids.get(term) ?? -1
  }

  /** The chunks whose text holds the term, ascending. */
  chunksWith(termId: number): Int32Array {
    return this.textPostings.docsOf(termId)
  }

  /** Number of chunks of each article. */
  get articleSizes(): Uint32Array {
    return (this.sizes ??= this.articleOf.reduce((sizes, a) => (sizes[a]!++, sizes), new Uint32Array(this.articleCount)))
  }

  /** The articles' postings (documents are articles): term frequencies and lengths for article-level statistics. */
  get articleTerms(): Postings {
    return this.articles
  }

  /** Number of articles. */
  get articleCount(): number {
    return this.articles.docCount
  }

  /** Number of distinct terms (ids are 0..vocabularySize-1). */
  get vocabularySize(): number {
    return this.vocabulary.length
  }

  /** Inverse document frequency, as BM25 computes it; a term the corpus lacks gets the rarest value. */
  idf(term: string): number {
    return bm25Idf(this.stats.docCount, this.df(term))
  }

  /** Chunks holding the term in any field. */
  private df(term: string): number {
    return this.dfOfId(this.ids.get(term))
  }

  /** The same by term id (0 for none, and for ids an update added past the saved counts). */
  private dfOfId(id: number | undefined): number {
    return id === undefined ? 0 : (this.stats.dfById[id] ?? 0)
  }

  /** Whether any chunk contains the term. */
  knows(term: string): boolean {
    return this.df(term) > 0
  }

  /**
   * BM25+ of every article (all its chunks' text and its title, as one document) for the question, times the
   * number of question terms it holds: what MiniSearch would give over such documents, computed on the article
   * postings the reranker already keeps, which spares a second MiniSearch search and its garbage per question.
   */
  private articleScores(terms: readonly string[], weights?: ReadonlyMap<string, number>): Float64Array {
    const n = this.articles.docCount
    const scores = new Float64Array(n)
    const matched = new Uint16Array(n)
    const marks = new Int32Array(n).fill(-1)
    const bm25 = this.options.article.bm25
    const touched: number[] = []
    terms.forEach((term, t) => {
      const boost = weights?.get(term) ?? 1
      const id = this.knows(term) ? this.ids.get(term) : undefined
      if (id !== undefined) this.articles.addBm25(id, boost, bm25, scores, marks, t, matched, null, touched)
      else for (const near of this.nearTerms(term)) this.articles.addBm25(near.id, boost * near.weight, bm25, scores, marks, t, matched, null, touched)
    })
    for (const a of touched) scores[a]! *= matched[a]!
    return scores
  }

  /**
   * Marks in `allowed` the chunks holding one of the selective terms (INDEX_OPTIONS.selective) and returns them,
   * or null when every matching chunk may be scored: all terms are selective, or one is unknown (its one-edit
   * neighbours are not counted here).
   */
  private markSelective(terms: readonly string[]): number[] | null {
    const { maxShare, atLeast } = this.options.selective
    const known: { id: number; df: number }[] = []
    for (const t of terms) {
      const id = this.ids.get(t)
      const df = this.dfOfId(id)
      if (id === undefined || df === 0) return null
      known.push({ id, df })
    }
    known.sort((a, b) => a.df - b.df)
    const limit = maxShare * this.stats.docCount
    let n = 0
    while (n < known.length && (n < atLeast || known[n]!.df <= limit)) n++
    if (n === known.length) return null
    const marked: number[] = []
    for (let k = 0; k < n; k++) {
      for (const postings of [this.textPostings, this.headingPostings, this.titlePostings]) {
        for (const d of postings.docsOf(known[k]!.id)) {
          if (this.allowed[d]) continue
          this.allowed[d] = 1
          marked.push(d)
        }
      }
    }
    return marked
  }

  /**
   * First-stage retrieval: OR over the analysed terms, best `limit` hits by BM25 over the best BM25 plus the
   * article's weighted share. Terms the corpus lacks match their one-edit neighbours, weakly. With `selective`
   * (the default) only chunks holding a rare term of the question are scored; without, every matching chunk.
   */
  retrieve(terms: readonly string[], limit: number, weights?: ReadonlyMap<string, number>, selective = true): Retrieved[] {
    if (terms.length === 0 || limit <= 0) return []
    if (this.superseded) throw new Error('SearchIndex: this index was updated; use the one update() returned')
    const marked = selective ? this.markSelective(terms) : null
    const touched = this.scoreChunks(terms, weights, marked ? this.allowed : null)
    for (const d of marked ?? []) this.allowed[d] = 0
    if (touched.length === 0) return []
    const score = this.chunkScore
    let top = 0
    for (const d of touched) if (score[d]! > top) top = score[d]!
    const articleScore = this.articleScores(terms, weights)
    let topArticle = 0
    for (const a of articleScore) if (a > topArticle) topArticle = a
    const { article } = this.options
    const articleShare = (d: number) => (topArticle > 0 ? articleScore[this.articleOf[d]!]! / topArticle : 0)
    const key = (d: number) => score[d]! / (top || 1) + article.weight * articleShare(d)
    const ids = Int32Array.from(touched)
    const best = topK(ids, ids.length, limit, key).map((d) => {
      // Fractional first, so V8 keeps both scores as doubles (see rerankFeatures.ts › blankFeatures).
      const hit: Retrieved = { id: d, bm25: 0.5, article: 0.5 }
      hit.bm25 = score[d]!
      hit.article = articleShare(d)
      return hit
    })
    for (const d of touched) score[d] = 0
    return best
  }

  /**
   * Each chunk's BM25+ over its fields (text, heading, title, with their boosts), summed over the question's
   * terms, times the number of terms it holds, into `chunkScore`; returns the chunks scored. This is MiniSearch's
   * scoring (BM25+ per field over distinct-term lengths, fuzzy matches of unknown terms weighted by length),
   * computed on flat postings: MiniSearch itself built a result object per chunk, which made the first stage a
   * third of a question's time (4.4 ms against 0.6 ms per news question), and its tree cost ~30 MB and most of
   * a start-up. Only chunks `allowed` admits are scored (all when null).
   */
  private scoreChunks(terms: readonly string[], weights: ReadonlyMap<string, number> | undefined, allowed: Uint8Array | null): number[] {
    const { boost, bm25 } = this.options
    const fields: [Postings, number][] = [
      [this.textPostings, boost.text],
      [this.headingPostings, boost.heading],
      [this.titlePostings, boost.title],
    ]
    const scores = this.chunkScore
    const matched = this.matchedTerms
    const marks = this.lastTerm
    const touched: number[] = []
    terms.forEach((term, t) => {
      const weight = weights?.get(term) ?? 1
      const id = this.knows(term) ? this.ids.get(term)! : -1
      const variants = id >= 0 ? [{ id, weight: 1 }] : this.nearTerms(term)
      for (const v of variants) for (const [postings, b] of fields) postings.addBm25(v.id, weight * v.weight * b, bm25, scores, marks, t, matched, allowed, touched)
    })
    for (const d of touched) {
      scores[d]! *= matched[d]!
      matched[d] = 0
      marks[d] = -1
    }
    return touched
  }

  /**
   * For a term no chunk holds, long enough to be a typo rather than a short word: the terms one edit away, each
   * with the fuzzy weight (MiniSearch's: weight × the neighbour's length / (its length + 1)). A transposition
   * counts as one edit ("intercpet" → "intercept"), where MiniSearch's Levenshtein counted two. Empty for a known term.
   */
  nearTerms(term: string): readonly { id: number; weight: number }[] {
    const { fuzzy } = this.options
    const len = [...term].length
    if (this.knows(term) || len < fuzzy.minLength || fuzzy.maxDistance < 1) return []
    // Trying every one-edit variant is the slowest step of a question with a typo, and the article scores and the
    // reranker both ask: keep the last few hundred answers.
    let near = this.nearMemo.get(term)
    if (!near) {
      this.alphabet ??= alphabetOf(this.vocabulary)
      near = nearTerms(term, (t) => this.knows(t), this.alphabet).map((t) => {
        const n = [...t].length
        return { id: this.ids.get(t)!, weight: (fuzzy.weight * n) / (n + 1) }
      })
      if (this.nearMemo.size >= NEAR_MEMO) this.nearMemo.clear()
      this.nearMemo.set(term, near)
    }
    return near
  }

  /** Memoises a value derived from the (immutable) index, e.g. autocomplete candidates. */
  cached<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make())
    return this.memo.get(key) as T
  }

  /** The analysis in binary form (indexFile.ts), with each term's word-vector row, for `fromBinary`. */
  toBinary(): Buffer {
    const n = this.chunks.length
    const offsets = new Int32Array(n + 1)
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + this.textIds[i]!.length
    const termIds = new Int32Array(offsets[n]!)
    const spans = new Uint32Array(2 * offsets[n]!)
    for (let i = 0; i < n; i++) {
      termIds.set(this.textIds[i]!, offsets[i]!)
      spans.set(this.spanData[i]!, 2 * offsets[i]!)
    }
    const tv = termVectors(this)
    const df = Int32Array.from(this.vocabulary, (_, id) => this.dfOfId(id))
    const postings: Record<string, TypedArray> = {}
    const docCounts: Record<string, number> = {}
    for (const [name, p] of this.postingsByName()) {
      docCounts[name] = p.docCount
      for (const [part, a] of Object.entries(p.toArrays())) postings[`${name}.${part}`] = a
    }
    return encodeIndexFile(
      { vocabulary: [...this.vocabulary], chunkCount: n, termCount: offsets[n]!, vectors: vectorTableId(tv.vectors), docCounts },
      { offsets, termIds, spans, vectorRows: tv.rowOfId, articleOf: this.articleOf, df, ...postings },
    )
  }

  private postingsByName(): [string, Postings][] {
    return [
      ['text', this.textPostings],
      ['headings', this.headingPostings],
      ['titles', this.titlePostings],
      ['articles', this.articles],
    ]
  }

  /** Each vocabulary term's row in the word-vector table `table`, when the index was loaded with them; else null. */
  savedVectorRows(table: string): Int32Array | null {
    return this.vectorRows !== null && this.vectorRows.table === table && this.vectorRows.rows.length === this.vocabulary.length ? this.vectorRows.rows : null
  }

  /**
   * The index of an updated corpus, re-analysing only the chunks `reuse` does not map to one of this index's
   * (the articles that were added or changed); the postings, flat arrays, are laid out again from the kept
   * analysis (~0.1 s for ten thousand paragraphs). The vocabulary only grows, so kept term ids stay valid (and so
   * do the profiles derived from them). This index must not be searched afterwards.
   */
  update(chunks: readonly Chunk[], reuse: ChunkReuse): SearchIndex {
    if (this.superseded) throw new Error('SearchIndex: this index was already updated')
    if (reuse.length !== chunks.length) throw new Error('SearchIndex.update: one reuse entry per chunk')
    const vocabulary = [...this.vocabulary]
    const ids = new Map(this.ids)
    const kept = new Uint8Array(this.chunks.length)
    const textIds: Int32Array[] = new Array(chunks.length)
    const spans: Uint32Array[] = new Array(chunks.length)
    for (let i = 0; i < chunks.length; i++) {
      if (chunks[i]!.id !== i) throw new Error(`SearchIndex: chunk ids must be dense, found ${chunks[i]!.id} at ${i}`)
      const old = reuse[i]!
      if (old >= 0 && old < this.chunks.length && !kept[old] && sameIndexedText(this.chunks[old]!, chunks[i]!)) {
        kept[old] = 1
        textIds[i] = this.textIds[old]!
        spans[i] = this.spanData[old]!
      } else {
        ;[textIds[i], spans[i]] = analyseInto(chunks[i]!.text, vocabulary, ids)
      }
    }
    const next = new SearchIndex(chunks, vocabulary, textIds, spans, this.options)
    // Only once its successor exists: an update that throws leaves this index in use, and searchable.
    this.superseded = true
    return next
  }

  /**
   * Rebuilds the index from its binary form (`toBinary`); throws `SearchIndex: …` when the bytes are not an index
   * or belong to another corpus.
   */
  static fromBinary(chunks: readonly Chunk[], bytes: Buffer, options: IndexOptions = INDEX_OPTIONS): SearchIndex {
    const { header, arrays } = decodeIndexFile(bytes)
    const get = <T extends TypedArray>(name: string, Kind: new (n: number) => T, length?: number): T => {
      const a = arrays.get(name)
      if (!(a instanceof Kind) || (length !== undefined && a.length !== length)) throw new Error(`SearchIndex: not a serialised index (array ${name})`)
      return a
    }
    const n = chunks.length
    if (header.chunkCount !== n) throw new Error(`SearchIndex: index holds ${header.chunkCount} chunks, corpus has ${n}`)
    const v = header.vocabulary.length
    const offsets = get('offsets', Int32Array, n + 1)
    const termIds = get('termIds', Int32Array, header.termCount)
    const spans = get('spans', Uint32Array, 2 * header.termCount)
    const vectorRows = get('vectorRows', Int32Array, v)
    // Indexed loops: they run once, mostly before the optimiser has seen them, where for-of costs ~3× more.
    for (let i = 0; i < n; i++) if (!(offsets[i]! <= offsets[i + 1]!)) throw new Error('SearchIndex: chunk offsets out of order')
    if (offsets[0] !== 0 || offsets[n] !== header.termCount) throw new Error('SearchIndex: chunk offsets do not cover the terms')
    for (let i = 0; i < termIds.length; i++) if (!(termIds[i]! >= 0 && termIds[i]! < v)) throw new Error('SearchIndex: term id out of range')
    const textIds = Array.from({ length: n }, (_, i) => termIds.subarray(offsets[i]!, offsets[i + 1]!))
    const spanData = Array.from({ length: n }, (_, i) => spans.subarray(2 * offsets[i]!, 2 * offsets[i + 1]!))
    const vocabulary = header.vocabulary
    // The postings as saved: laying them out again was most of a start-up's index work.
    const postings = (name: string) =>
      Postings.fromArrays(
        {
          offsets: get(`${name}.offsets`, Uint32Array),
          docs: get(`${name}.docs`, Int32Array),
          freqs: get(`${name}.freqs`, Uint16Array),
          lengths: get(`${name}.lengths`, Uint32Array),
          distinct: get(`${name}.distinct`, Uint32Array),
        },
        header.docCounts?.[name] ?? -1,
        v,
      )
    const articleOf = get('articleOf', Int32Array, n)
    const articles = postings('articles')
    for (let i = 0; i < n; i++) if (!(articleOf[i]! >= 0 && articleOf[i]! < articles.docCount)) throw new Error('SearchIndex: article number out of range')
    const dfById = get('df', Int32Array, v)
    const saved: IndexParts = { text: postings('text'), headings: postings('headings'), titles: postings('titles'), articles, articleOf, dfById }
    if (saved.text.docCount !== n || saved.headings.docCount !== n || saved.titles.docCount !== n) throw new Error('SearchIndex: saved postings do not fit the chunks')
    const index = new SearchIndex(chunks, vocabulary, textIds, spanData, options, saved)
    index.vectorRows = { table: header.vectors, rows: vectorRows }
    return index
  }

  /** Builds the index for a list of chunks (ids must be 0..n-1 in order). */
  static build(chunks: readonly Chunk[], options: IndexOptions = INDEX_OPTIONS): SearchIndex {
    const vocabulary: string[] = []
    const ids = new Map<string, number>()
    const textIds: Int32Array[] = new Array(chunks.length)
    const spans: Uint32Array[] = new Array(chunks.length)
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!
      if (chunk.id !== i) throw new Error(`SearchIndex: chunk ids must be dense, found ${chunk.id} at ${i}`)
      ;[textIds[i], spans[i]] = analyseInto(chunk.text, vocabulary, ids)
    }
    return new SearchIndex(chunks, vocabulary, textIds, spans, options)
  }
}

/** Analyses a text into term ids (extending the vocabulary) and their spans as [start, end] pairs. */
function analyseInto(text: string, vocabulary: string[], ids: Map<string, number>): [Int32Array, Uint32Array] {
  const a = analyse(text)
  const tids = new Int32Array(a.terms.length)
  const data = new Uint32Array(2 * a.terms.length)
  a.terms.forEach((term, j) => {
    let id = ids.get(term)
    if (id === undefined) ids.set(term, (id = vocabulary.push(term) - 1))
    tids[j] = id
    data[2 * j] = a.spans[j]![0]
    data[2 * j + 1] = a.spans[j]![1]
  })
  return [tids, data]
}

/** Whether two chunks are indexed alike: the same text, heading and title. */
function sameIndexedText(a: Chunk, b: Chunk): boolean {
  return a.text === b.text && a.heading === b.heading && a.title === b.title
}

/** Builds the index for a list of chunks (ids must be 0..n-1 in order). */
export function buildSearchIndex(chunks: readonly Chunk[], options: IndexOptions = INDEX_OPTIONS): SearchIndex {
  return SearchIndex.build(chunks, options)
}
