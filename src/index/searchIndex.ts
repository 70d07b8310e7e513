import type { Chunk, Span } from '../types.js'
import { analyse } from './analyse.js'
import type { AnalysedText } from './analyse.js'
import { bm25Idf, ArticleTerms } from './articleTerms.js'
import { decodeIndexFile, encodeIndexFile } from './indexFile.js'
import type { TypedArray } from './indexFile.js'
import { fieldTermIds, indexParts } from './indexParts.js'
import type { FieldTermIds, IndexParts } from './indexParts.js'
import { buildParagraphSearch, loadParagraphSearch, SEARCH_OPTIONS, withAnalysis } from './paragraphSearch.js'
import type { ParagraphDoc, ParagraphSearch } from './paragraphSearch.js'
import type { SearchOptions, SearchResult } from 'minisearch'
import { termVectors, vectorTableId } from './wordVectors/termVectors.js'

/** MiniSearch's results as `PackedMiniSearch.searchScores` gives them. */
function resultScores(results: readonly SearchResult[]): { ids: number[]; scores: number[] } {
  return { ids: results.map((r) => r.id as number), scores: results.map((r) => r.score) }
}

/** How many unknown terms' one-edit neighbours `nearTerms` keeps. */
const NEAR_MEMO = 256

/** MiniSearch's fields, boosts, BM25 and fuzzy weight, and the article score. Part of the manifest: changing them makes a persisted index stale. */
export const INDEX_OPTIONS = {
  ...SEARCH_OPTIONS,
  /**
   * A question is about one article: the article's own BM25 (all its paragraphs as one document) adds
   * `weight` × (its score over the best article's) to each paragraph's normalised score when choosing candidates.
   */
  article: { weight: 0.3, bm25: { k: 1.2, b: 0.75, d: 0.5 } },
  /**
   * MiniSearch's own filtering: the question's common terms, those in more than `maxShare` of the paragraphs and
   * more than `minCount` (but never the `atLeast` rarest), are left out of its query. A search costs a result
   * object per matching paragraph, and a common word matches thousands; the chosen hits are then scored with every
   * term, and the article scores and the reranker weigh every term too. On news-dev (10,489 paragraphs) 1% ranks
   * as well as 5% and all terms, in about half the time of 5%; `minCount` keeps a small corpus's topic words (one
   * SQuAD article is 2% of its 2,067 paragraphs), without which R@1 on SQuAD 1.1 fell 1.3 points.
   */
  selective: { maxShare: 0.01, minCount: 100, atLeast: 2 },
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
  /** MiniSearch's BM25+ summed over the fields with their boosts, times the number of question terms matched. */
  bm25: number
  /** BM25 of the chunk's article over the best article's (0..1). */
  article: number
}

/** Which chunk of the previous index each chunk of an updated corpus is (-1: new or changed). */
export type ChunkReuse = Int32Array

/**
 * The paragraph index: MiniSearch over the chunks (fields text, heading, title) for the first stage, and beside it
 * what the reranker reads that MiniSearch does not expose: each chunk's analysed text (term ids and spans, for
 * proximity, phrases and answer extraction), the articles' terms (articleTerms.ts) and the document frequency of
 * each term over all fields of a chunk (MiniSearch keeps one per field). Chunk `i` is document `i`.
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
  /** MiniSearch, shared with the index this one was updated from: an update changes it in place. */
  private readonly search: ParagraphSearch
  /** MiniSearch's id (a slot) of each chunk; the chunk of each slot (-1: none). Slots stay put across updates. */
  private readonly slotOf: Int32Array
  private readonly chunkOfSlot: Int32Array
  private readonly nextSlot: number
  private readonly articles: ArticleTerms
  /** Set once `update` has built this index's successor (which shares this one's analysis arrays). */
  private superseded = false
  /** Word-vector rows per vocabulary term, as saved with the index (see termVectors.ts). */
  private vectorRows: { table: string; rows: Int32Array } | null = null
  private readonly analysedText: (AnalysedText | undefined)[]
  private readonly memo = new Map<string, unknown>()
  private readonly nearMemo = new Map<string, readonly { id: number; weight: number }[]>()
  private sizes: Uint32Array | undefined
  private articleScratch: { scores: Float64Array; matched: Uint16Array; marks: Int32Array; touched: number[] } | undefined
  /** The chunks of article a are `articleChunkIds[articleStart[a]..articleStart[a + 1])`, built on first use. */
  private articleStart: Int32Array | undefined
  private articleChunkIds: Int32Array | undefined

  private constructor(
    chunks: readonly Chunk[],
    vocabulary: string[],
    textIds: Int32Array[],
    spans: Uint32Array[],
    options: IndexOptions,
    search: ParagraphSearch,
    slots: { slotOf: Int32Array; nextSlot: number },
    saved?: IndexParts,
    fields?: FieldTermIds,
    /** Each vocabulary term's id, when the caller has made them already. */
    termIds?: Map<string, number>,
  ) {
    this.chunks = chunks
    this.options = options
    this.vocabulary = vocabulary
    const ids = termIds ?? vocabularyIds(vocabulary)
    this.ids = ids
    this.textIds = textIds
    this.spanData = spans
    this.analysedText = new Array(chunks.length)
    const parts = saved ?? indexParts(chunks, vocabulary.length, textIds, fields ?? fieldTermIds(chunks, vocabulary, ids))
    this.search = search
    this.slotOf = slots.slotOf
    this.nextSlot = slots.nextSlot
    this.chunkOfSlot = new Int32Array(slots.nextSlot).fill(-1)
    for (let i = 0; i < chunks.length; i++) this.chunkOfSlot[slots.slotOf[i]!] = i
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

  /** The articles whose text or title holds the term, ascending. */
  articlesWith(termId: number): Int32Array {
    return this.articles.docsOf(termId)
  }

  /** For each of `termIds` (-1: none), how many of article `a`'s chunks hold it in their text. */
  paragraphsWith(a: number, termIds: Int32Array): Float64Array {
    if (!this.articleStart || !this.articleChunkIds) {
      const start = new Int32Array(this.articleCount + 1)
      for (const x of this.articleOf) start[x + 1]!++
      for (let x = 0; x < this.articleCount; x++) start[x + 1]! += start[x]!
      const fill = start.slice(0, this.articleCount)
      const list = new Int32Array(this.chunks.length)
      this.articleOf.forEach((x, c) => (list[fill[x]!++] = c))
      this.articleStart = start
      this.articleChunkIds = list
    }
    const counts = new Float64Array(termIds.length)
    for (let k = this.articleStart[a]!; k < this.articleStart[a + 1]!; k++) {
      const ids = this.textIds[this.articleChunkIds[k]!]!
      termIds.forEach((t, i) => {
        if (t >= 0 && ids.includes(t)) counts[i]!++
      })
    }
    return counts
  }

  /** Number of chunks of each article. */
  get articleSizes(): Uint32Array {
    return (this.sizes ??= this.articleOf.reduce((sizes, a) => (sizes[a]!++, sizes), new Uint32Array(this.articleCount)))
  }

  /** The articles' terms (documents are articles): term frequencies and lengths for article-level statistics. */
  get articleTerms(): ArticleTerms {
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
   * terms the reranker keeps anyway, which spares a second MiniSearch and its search per question.
   */
  private articleScores(terms: readonly string[], weights?: ReadonlyMap<string, number>): { scores: Float64Array; touched: readonly number[] } {
    // Per article, reused from question to question and cleared where the last one wrote: three arrays over
    // 20,000 articles at 100k paragraphs, made and zeroed per question, would cost more than the scoring.
    const n = this.articles.docCount
    const scratch = (this.articleScratch ??= { scores: new Float64Array(n), matched: new Uint16Array(n), marks: new Int32Array(n).fill(-1), touched: [] })
    const { scores, matched, marks, touched } = scratch
    for (const a of touched) {
      scores[a] = 0
      matched[a] = 0
      marks[a] = -1
    }
    touched.length = 0
    const bm25 = this.options.article.bm25
    terms.forEach((term, t) => {
      const boost = weights?.get(term) ?? 1
      const id = this.knows(term) ? this.ids.get(term) : undefined
      if (id !== undefined) this.articles.addBm25(id, boost, bm25, scores, marks, t, matched, touched)
      else for (const near of this.nearTerms(term)) this.articles.addBm25(near.id, boost * near.weight, bm25, scores, marks, t, matched, touched)
    })
    for (const a of touched) scores[a]! *= matched[a]!
    return { scores, touched }
  }

  /**
   * The query MiniSearch is given: the question's selective terms (INDEX_OPTIONS.selective) and those the corpus
   * lacks (typos: MiniSearch matches their one-edit neighbours); all the terms when all are selective.
   */
  private selectiveTerms(terms: readonly string[]): readonly string[] {
    const { maxShare, minCount, atLeast } = this.options.selective
    const known: { term: string; df: number }[] = []
    for (const term of terms) {
      const df = this.dfOfId(this.ids.get(term))
      if (df > 0) known.push({ term, df })
    }
    known.sort((a, b) => a.df - b.df)
    const limit = Math.max(maxShare * this.stats.docCount, minCount)
    let n = 0
    while (n < known.length && (n < atLeast || known[n]!.df <= limit)) n++
    if (n === known.length) return terms
    const common = new Set(known.slice(n).map((k) => k.term))
    return terms.filter((t) => !common.has(t))
  }

  /** MiniSearch's fuzziness for a query term: one edit for a term the corpus lacks and long enough to be a typo. */
  private fuzzyFor(term: string): number | false {
    const { fuzzy } = this.options
    return !this.knows(term) && [...term].length >= fuzzy.minLength && fuzzy.maxDistance >= 1 ? fuzzy.maxDistance : false
  }

  /**
   * First-stage retrieval: MiniSearch's BM25 search, OR over the analysed terms; best `limit` hits by BM25 over the
   * best BM25 plus the article's weighted share. Terms the corpus lacks match their one-edit neighbours, weakly.
   * With `selective` (the default) only the paragraphs holding a rare term of the question are scored; without,
   * every matching paragraph.
   */
  retrieve(terms: readonly string[], limit: number, weights?: ReadonlyMap<string, number>, selective = true): Retrieved[] {
    if (terms.length === 0 || limit <= 0) return []
    if (this.superseded) throw new Error('SearchIndex: this index was updated; use the one update() returned')
    const query = selective ? this.selectiveTerms(terms) : terms
    const { articleOf, chunkOfSlot } = this
    // MiniSearch's scores without its sorted result objects (a thousand and more per question at 100k
    // paragraphs, for the forty kept); its own search when the packed scorer cannot stand in for it.
    const options = this.searchOptions(weights)
    const text = query.join(' ')
    const found = this.search.searchScores(text, options) ?? resultScores(this.search.search(text, options))
    const { ids: slots, scores } = found
    if (slots.length === 0) return []
    const ranked = Float64Array.from(scores).sort().reverse()
    const top = ranked[0]! || 1
    const { scores: articleScore, touched } = this.articleScores(terms, weights)
    // Articles no term touched score 0.
    let topArticle = 0
    for (const a of touched) if (articleScore[a]! > topArticle) topArticle = articleScore[a]!
    const articleShare = (d: number) => (topArticle > 0 ? articleScore[articleOf[d]!]! / topArticle : 0)
    const weight = this.options.article.weight
    // A hit's key is its score over the best plus at most `weight`: below the point where that cannot reach the
    // `limit`-th score, no hit can enter the best `limit`.
    const floor = slots.length > limit ? ranked[limit - 1]! / top - weight : -Infinity
    // Keys first, in arrays: at 100k paragraphs a thousand hits may pass the floor, and only `limit` are kept.
    const passing: number[] = []
    const keys: number[] = []
    for (let i = 0; i < slots.length; i++) {
      const score = scores[i]!
      if (score / top < floor) continue
      passing.push(i)
      keys.push(score / top + weight * articleShare(chunkOfSlot[slots[i]!]!))
    }
    // No hit whose key is below the `limit`-th largest can be among the best `limit`.
    const least = keys.length > limit ? Float64Array.from(keys).sort()[keys.length - limit]! : -Infinity
    let hits: { hit: Retrieved; key: number; slot: number }[] = []
    for (let j = 0; j < passing.length; j++) {
      if (keys[j]! < least) continue
      const i = passing[j]!
      const id = chunkOfSlot[slots[i]!]!
      // Fractional first, so V8 keeps both scores as doubles (see rerankFeatures.ts › blankFeatures).
      const hit: Retrieved = { id, bm25: 0.5, article: 0.5 }
      hit.bm25 = scores[i]!
      hit.article = articleShare(id)
      hits.push({ hit, key: keys[j]!, slot: slots[i]! })
    }
    const byKey = (a: { hit: Retrieved; key: number }, b: { hit: Retrieved; key: number }) => b.key - a.key || a.hit.id - b.hit.id
    hits = hits.sort(byKey).slice(0, limit)
    if (query.length < terms.length) this.rescore(hits, terms, weights, byKey)
    return hits.map((h) => h.hit)
  }

  private searchOptions(weights?: ReadonlyMap<string, number>): SearchOptions {
    const { boost, bm25, fuzzy } = this.options
    return {
      boost,
      bm25,
      weights: { fuzzy: fuzzy.weight, prefix: 0 },
      fuzzy: (term) => this.fuzzyFor(term),
      ...(weights ? { boostTerm: (term: string) => weights.get(term) ?? 1 } : {}),
    }
  }

  /**
   * The chosen hits' scores over all the question's terms, common ones included: the reranker and the decision to
   * answer read the first-stage score as a feature, learnt on full scores. MiniSearch scores only these few: its
   * `boostDocument` leaves out every other paragraph (0) before it makes a result of it.
   */
  private rescore(hits: { hit: Retrieved; key: number; slot: number }[], terms: readonly string[], weights: ReadonlyMap<string, number> | undefined, byKey: (a: { hit: Retrieved; key: number }, b: { hit: Retrieved; key: number }) => number): void {
    const chosen = new Map(hits.map((h) => [h.slot, h]))
    // Only the chosen paragraphs' postings are read (searchWithin), not every paragraph holding a common term.
    const full = this.search.searchWithin(chosen.keys(), terms.join(' '), { ...this.searchOptions(weights), boostDocument: (slot: number) => (chosen.has(slot) ? 1 : 0) })
    if (full.length === 0) return
    const top = full[0]!.score || 1
    for (const r of full) {
      const h = chosen.get(r.id as number)!
      h.hit.bm25 = r.score
      h.key = r.score / top + this.options.article.weight * h.hit.article
    }
    hits.sort(byKey)
  }

  /**
   * For a term no chunk holds, long enough to be a typo rather than a short word: the terms one edit away, as
   * MiniSearch's fuzzy search finds them, each with its fuzzy weight (weight × the neighbour's length / (its
   * length + 1)). Empty for a known term.
   */
  nearTerms(term: string): readonly { id: number; weight: number }[] {
    const distance = this.fuzzyFor(term)
    if (distance === false) return []
    // The article scores and the reranker both ask: keep the last few hundred answers.
    let near = this.nearMemo.get(term)
    if (!near) {
      near = this.search.fuzzyTerms(term, distance).flatMap((t) => {
        const id = this.ids.get(t)
        const n = [...t].length
        return id === undefined ? [] : [{ id, weight: (this.options.fuzzy.weight * n) / (n + 1) }]
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

  /** The index in binary form (indexFile.ts): the analysis, the article terms, and MiniSearch packed (`ms.*`). */
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
    const articles: Record<string, TypedArray> = {}
    for (const [part, a] of Object.entries(this.articles.toArrays())) articles[`articles.${part}`] = a
    const ms = this.search.toPacked(this.vocabulary, this.ids)
    const { start, docs, freqs, sorted, bySuffix } = ms.terms
    return encodeIndexFile(
      { vocabulary: [...this.vocabulary], chunkCount: n, termCount: offsets[n]!, vectors: vectorTableId(tv.vectors), articleCount: this.articles.docCount, nextSlot: this.nextSlot, minisearch: ms.head },
      {
        offsets, termIds, spans, vectorRows: tv.rowOfId, articleOf: this.articleOf, df, slots: this.slotOf, ...articles,
        'ms.start': start, 'ms.docs': docs, 'ms.freqs': freqs, 'ms.sorted': sorted, 'ms.bySuffix': bySuffix,
        'ms.shortIds': ms.shortIds, 'ms.docIds': ms.docIds, 'ms.fieldLengths': ms.fieldLengths,
      },
    )
  }

  /** Each vocabulary term's row in the word-vector table `table`, when the index was loaded with them; else null. */
  savedVectorRows(table: string): Int32Array | null {
    return this.vectorRows !== null && this.vectorRows.table === table && this.vectorRows.rows.length === this.vocabulary.length ? this.vectorRows.rows : null
  }

  /**
   * The index of an updated corpus. MiniSearch is changed in place, a paragraph at a time: a changed paragraph of
   * a kept file is `replace`d, one no longer there `discard`ed, a new one `add`ed (MiniSearch vacuums once enough
   * is discarded); only those are analysed again. The article terms, flat arrays, are laid out again from the kept
   * analysis. The vocabulary only grows, so kept term ids stay valid (and so do the profiles derived from them).
   * This index must not be searched afterwards.
   */
  update(chunks: readonly Chunk[], reuse: ChunkReuse): SearchIndex {
    if (this.superseded) throw new Error('SearchIndex: this index was already updated')
    if (reuse.length !== chunks.length) throw new Error('SearchIndex.update: one reuse entry per chunk')
    chunks.forEach((c, i) => {
      if (c.id !== i) throw new Error(`SearchIndex: chunk ids must be dense, found ${c.id} at ${i}`)
    })
    const vocabulary = [...this.vocabulary]
    const ids = new Map(this.ids)
    const kept = new Uint8Array(this.chunks.length)
    const textIds: Int32Array[] = new Array(chunks.length)
    const spans: Uint32Array[] = new Array(chunks.length)
    const slotOf = new Int32Array(chunks.length).fill(-1)
    const keep = (i: number, old: number) => {
      kept[old] = 1
      textIds[i] = this.textIds[old]!
      spans[i] = this.spanData[old]!
      slotOf[i] = this.slotOf[old]!
    }
    // The old chunks of each file, by place: a changed file's paragraph k takes over its old paragraph k's slot.
    const oldByFile = new Map<string, number[]>()
    this.chunks.forEach((c, i) => (oldByFile.get(c.file) ?? oldByFile.set(c.file, []).get(c.file)!).push(i))
    const placeInFile = new Map<string, number>()
    const claimed = new Uint8Array(this.chunks.length)
    for (const old of reuse) if (old >= 0 && old < this.chunks.length) claimed[old] = 1
    const changed: { i: number; terms: string[]; replaces: boolean }[] = []
    let nextSlot = this.nextSlot
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!
      const k = placeInFile.get(chunk.file) ?? 0
      placeInFile.set(chunk.file, k + 1)
      const old = reuse[i]!
      const samePlace = oldByFile.get(chunk.file)?.[k] ?? -1
      if (old >= 0 && old < this.chunks.length && !kept[old] && sameIndexedText(this.chunks[old]!, chunk)) keep(i, old)
      else if (samePlace >= 0 && !kept[samePlace] && !claimed[samePlace] && sameIndexedText(this.chunks[samePlace]!, chunk)) keep(i, samePlace)
      else {
        const replaces = samePlace >= 0 && !kept[samePlace] && !claimed[samePlace]
        if (replaces) kept[samePlace] = 1
        let terms: string[]
        ;[textIds[i], spans[i], terms] = analyseInto(chunk.text, vocabulary, ids)
        slotOf[i] = replaces ? this.slotOf[samePlace]! : nextSlot++
        changed.push({ i, terms, replaces })
      }
    }
    // MiniSearch changes only now, when nothing above can have thrown halfway.
    for (let old = 0; old < this.chunks.length; old++) if (!kept[old]) this.search.discard(this.slotOf[old]!)
    for (const { i, terms, replaces } of changed) {
      const doc = docOf(chunks[i]!, slotOf[i]!)
      withAnalysis(doc.text, terms, () => (replaces ? this.search.replace(doc) : this.search.add(doc)))
    }
    const next = new SearchIndex(chunks, vocabulary, textIds, spans, this.options, this.search, { slotOf, nextSlot }, undefined, undefined, ids)
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
    // Views of the file's bytes, not copies: every array of the file is kept.
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
    const articles = ArticleTerms.fromArrays(
      {
        offsets: get('articles.offsets', Uint32Array),
        docs: get('articles.docs', Int32Array),
        freqs: get('articles.freqs', Uint16Array),
        lengths: get('articles.lengths', Uint32Array),
        distinct: get('articles.distinct', Uint32Array),
      },
      header.articleCount,
      v,
    )
    const articleOf = get('articleOf', Int32Array, n)
    for (let i = 0; i < n; i++) if (!(articleOf[i]! >= 0 && articleOf[i]! < articles.docCount)) throw new Error('SearchIndex: article number out of range')
    const dfById = get('df', Int32Array, v)
    const slotOf = get('slots', Int32Array, n)
    const freqs = arrays.get('ms.freqs')
    if (!(freqs instanceof Uint16Array || freqs instanceof Uint32Array)) throw new Error('SearchIndex: not a serialised index (array ms.freqs)')
    const terms = { fieldCount: SEARCH_OPTIONS.fields.length, start: get('ms.start', Uint32Array), docs: get('ms.docs', Uint32Array), freqs, sorted: get('ms.sorted', Int32Array), bySuffix: get('ms.bySuffix', Int32Array) }
    const packed = { head: header.minisearch, terms, shortIds: get('ms.shortIds', Uint32Array), docIds: get('ms.docIds', Int32Array), fieldLengths: get('ms.fieldLengths', Uint32Array) }
    const ids = vocabularyIds(header.vocabulary)
    let search: ParagraphSearch
    try {
      search = loadParagraphSearch(packed, header.vocabulary, ids)
    } catch (err) {
      throw new Error(`SearchIndex: not a serialised index (${String(err)})`)
    }
    if (search.documentCount !== n) throw new Error('SearchIndex: the saved MiniSearch does not fit the chunks')
    for (let i = 0; i < n; i++) if (!(slotOf[i]! >= 0 && slotOf[i]! < header.nextSlot && search.has(slotOf[i]!))) throw new Error('SearchIndex: the saved MiniSearch does not fit the chunks')
    const index = new SearchIndex(chunks, header.vocabulary, textIds, spanData, options, search, { slotOf, nextSlot: header.nextSlot }, { articles, articleOf, dfById }, undefined, ids)
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
    const fields = fieldTermIds(chunks, vocabulary, ids)
    const search = buildParagraphSearch(textIds, fields, vocabulary, ids)
    return new SearchIndex(chunks, vocabulary, textIds, spans, options, search, { slotOf: Int32Array.from(chunks, (_, i) => i), nextSlot: chunks.length }, undefined, fields, ids)
  }
}

/** Each term's id: its index in the vocabulary. */
function vocabularyIds(vocabulary: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>()
  for (let i = 0; i < vocabulary.length; i++) ids.set(vocabulary[i]!, i)
  return ids
}

/** What MiniSearch indexes of a chunk, under its slot. */
function docOf(chunk: Chunk, slot: number): ParagraphDoc {
  // '' rather than null: MiniSearch then counts the paragraph in the field's mean length, as BM25 means it.
  return { id: slot, text: chunk.text, heading: chunk.heading ?? '', title: chunk.title ?? '' }
}

/** Analyses a text into term ids (extending the vocabulary), their spans as [start, end] pairs, and the terms. */
function analyseInto(text: string, vocabulary: string[], ids: Map<string, number>): [Int32Array, Uint32Array, string[]] {
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
  return [tids, data, a.terms]
}

/** Whether two chunks are indexed alike: the same text, heading and title. */
function sameIndexedText(a: Chunk, b: Chunk): boolean {
  return a.text === b.text && a.heading === b.heading && a.title === b.title
}

/** Builds the index for a list of chunks (ids must be 0..n-1 in order). */
export function buildSearchIndex(chunks: readonly Chunk[], options: IndexOptions = INDEX_OPTIONS): SearchIndex {
  return SearchIndex.build(chunks, options)
}
