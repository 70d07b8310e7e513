import type { Chunk, Span } from '../types.js'
import { analyse, analyseTerms } from './analyse.js'
import type { AnalysedText } from './analyse.js'
import { alphabetOf, nearTerms } from './fuzzy.js'
import { Accumulator, bm25Idf, Postings } from './postings.js'

/** Field boosts and BM25 parameters. Part of the manifest: changing them makes a persisted index stale. */
export const INDEX_OPTIONS = {
  fields: ['text', 'heading', 'title'] as const,
  boost: { text: 1, heading: 0.6, title: 0.4 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  /**
   * A question is about one article: the article's own BM25 (all its paragraphs as one document) adds
   * `weight` × (its score over the best article's) to each paragraph's normalised score when choosing candidates.
   */
  article: { weight: 0, bm25: { k: 1.2, b: 0.75, d: 0.5 } },
  /** Only query terms the corpus lacks are matched fuzzily, and weakly (MiniSearch issue #263). */
  fuzzy: { minLength: 5, maxDistance: 1, weight: 0.35 },
}

export type IndexOptions = typeof INDEX_OPTIONS

/** Corpus statistics the reranker needs: document frequency per term over all fields of a chunk. */
export interface TermStats {
  docCount: number
  df: Map<string, number>
}

/** A hit from the first-stage BM25 retrieval. */
export interface Retrieved {
  id: number
  /** BM25+ score summed over the fields with their boosts, times the number of question terms matched. */
  bm25: number
  /** BM25 of the chunk's article over the best article's (0..1). */
  article: number
}

/** The serialised form of a `SearchIndex` (see persist.ts): the analysis, from which the postings are rebuilt. */
export interface SearchIndexJSON {
  format: typeof FORMAT
  vocabulary: string[]
  /** Per chunk, its text's term ids in order. */
  terms: number[][]
  /** Per chunk, its spans as [gap from the previous end, length] pairs. */
  spans: number[][]
}

const FORMAT = 'postings-1'

/** One term of a query as scored: a vocabulary id, the query term it stands for, and its weight. */
interface QueryTerm {
  source: number
  id: number
  weight: number
}

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
  private readonly fields: { text: Postings; heading: Postings; title: Postings }
  private readonly articles: Postings
  private readonly chunkAcc: Accumulator
  private readonly articleAcc: Accumulator
  private readonly analysedText: (AnalysedText | undefined)[]
  private readonly memo = new Map<string, unknown>()
  private alphabet: string[] | undefined

  private constructor(chunks: readonly Chunk[], vocabulary: string[], textIds: Int32Array[], spans: Uint32Array[], options: IndexOptions) {
    this.chunks = chunks
    this.options = options
    this.vocabulary = vocabulary
    const ids = new Map<string, number>()
    vocabulary.forEach((t, i) => ids.set(t, i))
    this.ids = ids
    this.textIds = textIds
    this.spanData = spans
    this.analysedText = new Array(chunks.length)
    // Headings and titles repeat across chunks: analyse each distinct one once.
    const fieldIds = new Map<string, Int32Array>()
    const idsOf = (s: string | null): Int32Array => {
      if (!s) return new Int32Array(0)
      let t = fieldIds.get(s)
      if (!t) fieldIds.set(s, (t = Int32Array.from(analyseTerms(s), (term) => this.intern(term, ids, vocabulary))))
      return t
    }
    const headingIds = chunks.map((c) => idsOf(c.heading))
    const titleIds = chunks.map((c) => idsOf(c.title))
    const v = vocabulary.length
    this.fields = {
      text: Postings.build(textIds, v),
      heading: Postings.build(headingIds, v),
      title: Postings.build(titleIds, v),
    }
    // An article is the chunks of one file: its document is their texts and its title (once).
    const articleNo = new Map<string, number>()
    this.articleOf = Int32Array.from(chunks, (c) => {
      let a = articleNo.get(c.file)
      if (a === undefined) articleNo.set(c.file, (a = articleNo.size))
      return a
    })
    const articleTerms: number[][] = Array.from({ length: articleNo.size }, () => [])
    const titled = new Set<number>()
    chunks.forEach((_, i) => {
      const a = this.articleOf[i]!
      const into = articleTerms[a]!
      for (const t of textIds[i]!) into.push(t)
      if (!titled.has(a)) {
        titled.add(a)
        for (const t of titleIds[i]!) into.push(t)
      }
    })
    this.articles = Postings.build(articleTerms, v)
    // Document frequency over all fields of a chunk, for idf().
    const df = new Map<string, number>()
    const seen = new Int32Array(v).fill(-1)
    for (let i = 0; i < chunks.length; i++) {
      for (const list of [textIds[i]!, headingIds[i]!, titleIds[i]!]) {
        for (const t of list) {
          if (seen[t] === i) continue
          seen[t] = i
          const term = vocabulary[t]!
          df.set(term, (df.get(term) ?? 0) + 1)
        }
      }
    }
    this.stats = { docCount: chunks.length, df }
    this.chunkAcc = new Accumulator(chunks.length)
    this.articleAcc = new Accumulator(articleNo.size)
  }

  // Heading and title terms may be new to the vocabulary built from the texts.
  private intern(term: string, ids: Map<string, number>, vocabulary: string[]): number {
    let id = ids.get(term)
    if (id === undefined) {
      id = vocabulary.length
      vocabulary.push(term)
      ids.set(term, id)
    }
    return id
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

  /** The term ids of chunk `id`'s text, in order (`termId` maps a term to its id). */
  termIds(id: number): Int32Array {
    return this.textIds[id]!
  }

  /** The vocabulary id of a term, or -1 when no chunk holds it. */
  termId(term: string): number {
    return this.ids.get(term) ?? -1
  }

  /** The articles (numbers as in `articleOf`) whose text or title holds the term. */
  articlesWith(termId: number): Int32Array {
    return this.articles.docsOf(termId)
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
    return bm25Idf(this.stats.docCount, this.stats.df.get(term) ?? 0)
  }

  /** Whether any chunk contains the term. */
  knows(term: string): boolean {
    return this.stats.df.has(term)
  }

  /**
   * First-stage retrieval: OR over the analysed terms, best `limit` hits by BM25 over the best BM25 plus the
   * article's weighted share. Terms the corpus lacks match their one-edit neighbours, weakly.
   */
  retrieve(terms: readonly string[], limit: number, weights?: ReadonlyMap<string, number>): Retrieved[] {
    if (terms.length === 0 || limit <= 0) return []
    const query = this.queryTerms(terms, weights)
    const { boost, bm25, article } = this.options
    const acc = this.chunkAcc
    const arts = this.articleAcc
    acc.reset()
    arts.reset()
    for (const q of query) {
      acc.source = arts.source = q.source
      this.fields.text.accumulate(q.id, q.weight * boost.text, bm25, acc)
      if (boost.heading) this.fields.heading.accumulate(q.id, q.weight * boost.heading, bm25, acc)
      if (boost.title) this.fields.title.accumulate(q.id, q.weight * boost.title, bm25, acc)
      this.articles.accumulate(q.id, q.weight, article.bm25, arts)
    }
    let top = 0
    let topArticle = 0
    for (let i = 0; i < acc.count; i++) {
      const d = acc.touched[i]!
      // Like MiniSearch: a chunk's score grows with the number of distinct question terms it matches.
      acc.score[d]! *= acc.matched[d]!
      if (acc.score[d]! > top) top = acc.score[d]!
    }
    for (let i = 0; i < arts.count; i++) topArticle = Math.max(topArticle, arts.score[arts.touched[i]!]!)
    const articleShare = (d: number) => (topArticle > 0 ? arts.score[this.articleOf[d]!]! / topArticle : 0)
    const key = (d: number) => acc.score[d]! / (top || 1) + article.weight * articleShare(d)
    const best = topK(acc.touched, acc.count, limit, key)
    return best.map((d) => ({ id: d, bm25: acc.score[d]!, article: articleShare(d) }))
  }

  private queryTerms(terms: readonly string[], weights?: ReadonlyMap<string, number>): QueryTerm[] {
    const { fuzzy } = this.options
    const out: QueryTerm[] = []
    terms.forEach((term, source) => {
      const weight = weights?.get(term) ?? 1
      const id = this.ids.get(term)
      if (id !== undefined) out.push({ source, id, weight })
      else if ([...term].length >= fuzzy.minLength && fuzzy.maxDistance >= 1) {
        this.alphabet ??= alphabetOf(this.vocabulary)
        const len = [...term].length
        for (const near of nearTerms(term, (t) => this.knows(t), this.alphabet)) {
          out.push({ source, id: this.ids.get(near)!, weight: (weight * fuzzy.weight * len) / (len + 1) })
        }
      }
    })
    return out
  }

  /** Memoises a value derived from the (immutable) index, e.g. autocomplete candidates. */
  cached<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make())
    return this.memo.get(key) as T
  }

  toJSON(): SearchIndexJSON {
    const spans = this.spanData.map((data) => {
      const out = new Array<number>(data.length)
      let end = 0
      for (let i = 0; i < data.length; i += 2) {
        out[i] = data[i]! - end
        out[i + 1] = data[i + 1]! - data[i]!
        end = data[i + 1]!
      }
      return out
    })
    return { format: FORMAT, vocabulary: [...this.vocabulary], terms: this.textIds.map((t) => [...t]), spans }
  }

  /** Rebuilds the index from its serialised form; throws when `json` is not one or belongs to another corpus. */
  static fromJSON(chunks: readonly Chunk[], json: SearchIndexJSON, options: IndexOptions = INDEX_OPTIONS): SearchIndex {
    if (!json || typeof json !== 'object' || json.format !== FORMAT || !Array.isArray(json.vocabulary) || !Array.isArray(json.terms) || !Array.isArray(json.spans)) {
      throw new Error('SearchIndex: not a serialised index')
    }
    if (json.terms.length !== chunks.length || json.spans.length !== chunks.length) {
      throw new Error(`SearchIndex: index holds ${json.terms.length} chunks, corpus has ${chunks.length}`)
    }
    const v = json.vocabulary.length
    const textIds = json.terms.map((ts) => {
      const ids = Int32Array.from(ts)
      if (ids.some((t) => !(t >= 0 && t < v))) throw new Error('SearchIndex: term id out of range')
      return ids
    })
    const spans = json.spans.map((pairs, c) => {
      if (pairs.length !== 2 * textIds[c]!.length) throw new Error('SearchIndex: spans do not match terms')
      const data = new Uint32Array(pairs.length)
      let end = 0
      for (let i = 0; i < pairs.length; i += 2) {
        data[i] = end + pairs[i]!
        data[i + 1] = end = data[i]! + pairs[i + 1]!
      }
      return data
    })
    return new SearchIndex(chunks, [...json.vocabulary], textIds, spans, options)
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
      const a = analyse(chunk.text)
      const tids = new Int32Array(a.terms.length)
      const data = new Uint32Array(2 * a.terms.length)
      a.terms.forEach((term, j) => {
        let id = ids.get(term)
        if (id === undefined) ids.set(term, (id = vocabulary.push(term) - 1))
        tids[j] = id
        data[2 * j] = a.spans[j]![0]
        data[2 * j + 1] = a.spans[j]![1]
      })
      textIds[i] = tids
      spans[i] = data
    }
    return new SearchIndex(chunks, vocabulary, textIds, spans, options)
  }
}

/** Builds the index for a list of chunks (ids must be 0..n-1 in order). */
export function buildSearchIndex(chunks: readonly Chunk[], options: IndexOptions = INDEX_OPTIONS): SearchIndex {
  return SearchIndex.build(chunks, options)
}

/** The `k` items of `items[0..count)` with the largest key, best first (ties: smaller item first). */
function topK(items: Int32Array, count: number, k: number, key: (item: number) => number): number[] {
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
