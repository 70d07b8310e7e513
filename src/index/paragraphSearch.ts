// MiniSearch, configured for this corpus: the first stage's BM25 over the paragraphs (fields text, heading, title).
// Its terms are the analyser's (analyse.ts), so the reranker reads exactly the terms MiniSearch matched.
import type { Options, SearchOptions } from 'minisearch'
import { analyseTerms } from './analyse.js'
import type { FieldTermIds } from './indexParts.js'
import { PackedMiniSearch } from './packedMiniSearch.js'
import type { PackedIndex } from './packedMiniSearch.js'
import { termOrders } from './packedTerms.js'

/** What MiniSearch indexes of a chunk. `id` is the chunk's slot: stable across live updates, unlike chunk ids. */
export interface ParagraphDoc {
  id: number
  text: string
  heading: string
  title: string
}

/** Field boosts, BM25 and fuzzy weight of the first stage. Part of the manifest: changing them makes a saved index stale. */
export const SEARCH_OPTIONS = {
  fields: ['text', 'heading', 'title'] as const,
  boost: { text: 1, heading: 0.6, title: 0.4 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  /** Only query terms the corpus lacks are matched fuzzily (one edit away), and weakly (MiniSearch issue #263). */
  fuzzy: { minLength: 5, maxDistance: 1, weight: 0.35 },
}

/**
 * The analysis of the text MiniSearch is about to index, handed over by `SearchIndex`, which analyses every
 * chunk's text anyway for the reranker (spans and term ids): the text is not analysed twice.
 */
let handedOver: { text: string; terms: string[] } | null = null

/** Runs `add` (which calls MiniSearch's add) with `terms` as the analysis of `text`. */
export function withAnalysis<T>(text: string, terms: string[], add: () => T): T {
  handedOver = { text, terms }
  try {
    return add()
  } finally {
    handedOver = null
  }
}

/** Headings and titles repeat across a file's chunks: each distinct one is analysed once per build. */
const fieldMemo = new Map<string, string[]>()
const FIELD_MEMO = 4096

function tokenize(text: string, field?: string): string[] {
  if (field === 'text' && handedOver !== null && handedOver.text === text) return handedOver.terms
  if (field === 'text' || field === undefined) return analyseTerms(text)
  let terms = fieldMemo.get(text)
  if (!terms) {
    if (fieldMemo.size >= FIELD_MEMO) fieldMemo.clear()
    fieldMemo.set(text, (terms = analyseTerms(text)))
  }
  return terms
}

const searchOptions: SearchOptions = {
  boost: SEARCH_OPTIONS.boost,
  bm25: SEARCH_OPTIONS.bm25,
  prefix: false,
  fuzzy: false,
  weights: { fuzzy: SEARCH_OPTIONS.fuzzy.weight, prefix: 0 },
  combineWith: 'OR',
  // A query is the question's terms, already analysed and joined by spaces.
  tokenize: (query) => query.split(' ').filter((t) => t !== ''),
  processTerm: (term) => term,
}

/** The options MiniSearch is made and loaded with (loadJSON needs the same). */
export const MINISEARCH_OPTIONS: Options<ParagraphDoc> = {
  idField: 'id',
  fields: [...SEARCH_OPTIONS.fields],
  storeFields: [],
  tokenize,
  // The analyser's terms are final (folded, stemmed, stop words out).
  processTerm: (term) => term,
  searchOptions,
  // A live change discards a few paragraphs; cleaning the tree pays once a tenth of it is discarded.
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 2000, batchWait: 5 },
}

/**
 * MiniSearch over chunks 0..n-1 (slot i: chunk i), packed straight from their analysis: the same index as `add`
 * would make document by document, without walking its term tree once per word of every paragraph. `textIds[i]`
 * are chunk i's text terms as ids into `vocabulary` (`ids`: each term's id), `fields` its heading and title terms.
 */
export function buildParagraphSearch(
  textIds: readonly Int32Array[],
  { headingIds, titleIds }: FieldTermIds,
  vocabulary: readonly string[],
  ids: ReadonlyMap<string, number>,
): ParagraphSearch {
  const n = textIds.length
  const v = vocabulary.length
  const F = SEARCH_OPTIONS.fields.length
  const byField = [textIds, headingIds, titleIds]
  // Postings by term, then field, then document: run t * F + f holds term t's postings in field f.
  const start = new Uint32Array(v * F + 1)
  const fieldLengths = new Uint32Array(n * F)
  const sums = new Array<number>(F).fill(0)
  const seen = new Int32Array(v).fill(-1)
  byField.forEach((docs, f) =>
    docs.forEach((terms, d) => {
      let distinct = 0
      for (const t of terms) {
        if (seen[t] === d * F + f) continue
        seen[t] = d * F + f
        start[t * F + f + 1]!++
        distinct++
      }
      fieldLengths[d * F + f] = distinct
      sums[f]! += distinct
    }),
  )
  for (let r = 0; r < v * F; r++) start[r + 1]! += start[r]!
  const fill = start.slice(0, v * F)
  const docs = new Uint32Array(start[v * F]!)
  const freqs = new Uint32Array(start[v * F]!)
  const at = new Int32Array(v).fill(-1)
  byField.forEach((list, f) =>
    list.forEach((terms, d) => {
      for (const t of terms) {
        // A term seen again in the same field of the same document is its run's latest entry.
        const k = at[t]!
        if (k >= 0 && k < fill[t * F + f]! && k >= start[t * F + f]! && docs[k] === d) freqs[k]!++
        else {
          const next = fill[t * F + f]!++
          at[t] = next
          docs[next] = d
          freqs[next] = 1
        }
      }
    }),
  )
  let maxFreq = 0
  for (let k = 0; k < freqs.length; k++) if (freqs[k]! > maxFreq) maxFreq = freqs[k]!
  const has = (t: number) => start[t * F] !== start[(t + 1) * F]
  const packed: PackedIndex = {
    head: { documentCount: n, nextId: n, dirtCount: 0, averageFieldLength: sums.map((sum) => sum / Math.max(1, n)) },
    terms: { fieldCount: F, start, docs, freqs: maxFreq > 0xffff ? freqs : Uint16Array.from(freqs), ...termOrders(vocabulary, has) },
    shortIds: Uint32Array.from({ length: n }, (_, d) => d),
    docIds: Int32Array.from({ length: n }, (_, d) => d),
    fieldLengths,
  }
  return loadParagraphSearch(packed, vocabulary, ids)
}

/** A packed MiniSearch (`PackedMiniSearch.toPacked`) loaded again; throws when it is not one. */
export function loadParagraphSearch(packed: PackedIndex, vocabulary: readonly string[], ids: ReadonlyMap<string, number>): ParagraphSearch {
  return PackedMiniSearch.fromPacked<ParagraphDoc>(packed, vocabulary, ids, MINISEARCH_OPTIONS)
}

export type ParagraphSearch = PackedMiniSearch<ParagraphDoc>
