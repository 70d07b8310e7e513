import MiniSearch from 'minisearch'
import type { Options as MiniSearchOptions } from 'minisearch'
import type { Chunk, Span } from '../types.js'
import { analyse } from './analyse.js'
import type { AnalysedText } from './analyse.js'
import { alphabetOf, nearTerms } from './fuzzy.js'
import { indexParts } from './indexParts.js'
import { bm25Idf } from './postings.js'
import type { Postings } from './postings.js'
import { topK } from './topK.js'

/** What MiniSearch stores per chunk: each field as its analysed terms joined by spaces. */
interface IndexedDoc {
  id: number
  text: string
  heading?: string
  title?: string
}

// Terms are analysed once, before MiniSearch sees them, so its own tokeniser only splits on spaces.
const splitTerms = (s: string): string[] => (s.length === 0 ? [] : s.split(' '))
const keepTerm = (t: string): string => t
const miniSearchOptions = (fields: string[]): MiniSearchOptions<IndexedDoc> => ({
  fields,
  storeFields: [],
  tokenize: splitTerms,
  processTerm: keepTerm,
  searchOptions: { tokenize: splitTerms, processTerm: keepTerm },
})

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
  /** Only query terms the corpus lacks are matched fuzzily, and weakly (MiniSearch issue #263). */
  fuzzy: { minLength: 5, maxDistance: 1, weight: 0.35 },
  /**
   * Which chunks MiniSearch scores: those holding at least one of the question's selective terms, the ones in
   * at most `maxShare` of the chunks (and always the `atLeast` rarest). Common words still add to those chunks'
   * scores, which stay exact; they only no longer make MiniSearch build a result for every chunk that has them,
   * which was most of a question's time and garbage. A chunk with none of the rare words is almost never the best.
   */
  selective: { maxShare: 0.05, atLeast: 2 },
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
  private readonly fieldPostings: Postings
  /** Scratch for `selectiveChunks`: 1 for the chunks MiniSearch may score. Cleared after every question. */
  private readonly allowed: Uint8Array
  /** Scratch for `retrieve`: each hit's MiniSearch score by chunk id. Cleared after every question. */
  private readonly chunkScore: Float64Array
  private readonly articles: Postings
  /** First-stage retrieval runs on MiniSearch over the chunks (text, heading, title). */
  private readonly mini: MiniSearch<IndexedDoc>
  private readonly analysedText: (AnalysedText | undefined)[]
  private readonly memo = new Map<string, unknown>()
  private readonly nearMemo = new Map<string, readonly { id: number; weight: number }[]>()
  private alphabet: string[] | undefined
  private sizes: Uint32Array | undefined

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
    const parts = indexParts(chunks, vocabulary, ids, textIds)
    this.textPostings = parts.text
    this.fieldPostings = parts.fields
    this.allowed = new Uint8Array(chunks.length)
    this.chunkScore = new Float64Array(chunks.length)
    this.articleOf = parts.articleOf
    this.articles = parts.articles
    this.stats = { docCount: chunks.length, df: parts.df }
    this.mini = chunkSearch(vocabulary, textIds, parts.headingIds, parts.titleIds)
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
    return bm25Idf(this.stats.docCount, this.stats.df.get(term) ?? 0)
  }

  /** Whether any chunk contains the term. */
  knows(term: string): boolean {
    return this.stats.df.has(term)
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
    terms.forEach((term, t) => {
      const boost = weights?.get(term) ?? 1
      const id = this.ids.get(term)
      if (id !== undefined) this.articles.addBm25(id, boost, bm25, scores, marks, t, matched)
      else for (const near of this.nearTerms(term)) this.articles.addBm25(near.id, boost * near.weight, bm25, scores, marks, t, matched)
    })
    for (let a = 0; a < n; a++) scores[a]! *= matched[a]!
    return scores
  }

  /**
   * Marks in `allowed` the chunks holding one of the selective terms (INDEX_OPTIONS.selective) and returns them,
   * or null when every chunk MiniSearch would score may stay: all terms are selective, or one is unknown (its
   * fuzzy matches are found by MiniSearch alone).
   */
  private markSelective(terms: readonly string[]): number[] | null {
    const { maxShare, atLeast } = this.options.selective
    const known: { id: number; df: number }[] = []
    for (const t of terms) {
      const id = this.ids.get(t)
      if (id === undefined || !this.stats.df.has(t)) return null
      known.push({ id, df: this.stats.df.get(t)! })
    }
    known.sort((a, b) => a.df - b.df)
    const limit = maxShare * this.stats.docCount
    let n = 0
    while (n < known.length && (n < atLeast || known[n]!.df <= limit)) n++
    if (n === known.length) return null
    const marked: number[] = []
    for (let k = 0; k < n; k++) {
      for (const postings of [this.textPostings, this.fieldPostings]) {
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
    const { boost, bm25, article, fuzzy } = this.options
    const marked = selective ? this.markSelective(terms) : null
    const allowed = this.allowed
    let hits
    try {
      hits = this.mini.search(terms.join(' '), {
        combineWith: 'OR',
        boost,
        bm25,
        weights: { fuzzy: fuzzy.weight, prefix: 0 },
        // Only terms the corpus lacks are matched fuzzily (MiniSearch issue #263: fuzzy matches must not outrank exact ones).
        fuzzy: (term) => (!this.knows(term) && [...term].length >= fuzzy.minLength ? fuzzy.maxDistance : false),
        boostTerm: weights ? (term) => weights.get(term) ?? 1 : undefined,
        // A boost of 0 makes MiniSearch skip the chunk before it allocates anything for it.
        boostDocument: marked ? (id) => allowed[id as number]! : undefined,
      })
    } finally {
      for (const d of marked ?? []) allowed[d] = 0
    }
    if (hits.length === 0) return []
    const articleScore = this.articleScores(terms, weights)
    let topArticle = 0
    for (const a of articleScore) if (a > topArticle) topArticle = a
    const ids = new Int32Array(hits.length)
    const score = this.chunkScore
    let top = 0
    hits.forEach((h, i) => {
      ids[i] = h.id as number
      score[h.id as number] = h.score
      if (h.score > top) top = h.score
    })
    const articleShare = (d: number) => (topArticle > 0 ? articleScore[this.articleOf[d]!]! / topArticle : 0)
    const key = (d: number) => score[d]! / (top || 1) + article.weight * articleShare(d)
    const best = topK(ids, ids.length, limit, key).map((d) => {
      // Fractional first, so V8 keeps both scores as doubles (see rerankFeatures.ts › blankFeatures).
      const hit: Retrieved = { id: d, bm25: 0.5, article: 0.5 }
      hit.bm25 = score[d]!
      hit.article = articleShare(d)
      return hit
    })
    for (const d of ids) score[d] = 0
    return best
  }

  /**
   * For a term no chunk holds, long enough to be a typo rather than a short word: the terms one edit away, each
   * with the fuzzy weight (MiniSearch's: weight × length / (length + distance)). Empty for a known term.
   */
  nearTerms(term: string): readonly { id: number; weight: number }[] {
    const { fuzzy } = this.options
    const len = [...term].length
    if (this.ids.has(term) || len < fuzzy.minLength || fuzzy.maxDistance < 1) return []
    // Trying every one-edit variant is the slowest step of a question with a typo, and the article scores and the
    // reranker both ask: keep the last few hundred answers.
    let near = this.nearMemo.get(term)
    if (!near) {
      this.alphabet ??= alphabetOf(this.vocabulary)
      near = nearTerms(term, (t) => this.knows(t), this.alphabet).map((t) => ({ id: this.ids.get(t)!, weight: (fuzzy.weight * len) / (len + 1) }))
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

/** MiniSearch over the chunks (fields text, heading, title), from terms already analysed. */
function chunkSearch(
  vocabulary: readonly string[],
  textIds: readonly Int32Array[],
  headingIds: readonly Int32Array[],
  titleIds: readonly Int32Array[],
): MiniSearch<IndexedDoc> {
  const join = (ids: Int32Array) => Array.from(ids, (t) => vocabulary[t]!).join(' ')
  const mini = new MiniSearch<IndexedDoc>(miniSearchOptions(['text', 'heading', 'title']))
  mini.addAll(textIds.map((ids, i) => ({ id: i, text: join(ids), heading: join(headingIds[i]!), title: join(titleIds[i]!) })))
  return mini
}

/** Builds the index for a list of chunks (ids must be 0..n-1 in order). */
export function buildSearchIndex(chunks: readonly Chunk[], options: IndexOptions = INDEX_OPTIONS): SearchIndex {
  return SearchIndex.build(chunks, options)
}
