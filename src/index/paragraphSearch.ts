// MiniSearch, configured for this corpus: the first stage's BM25 over the paragraphs (fields text, heading, title).
// Its terms are the analyser's (analyse.ts), so the reranker reads exactly the terms MiniSearch matched.
import MiniSearch from 'minisearch'
import type { Options, SearchOptions } from 'minisearch'
import { analyseTerms } from './analyse.js'

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

export function newParagraphSearch(): MiniSearch<ParagraphDoc> {
  return new MiniSearch<ParagraphDoc>(MINISEARCH_OPTIONS)
}

/** A saved MiniSearch (its `toJSON`) loaded again; throws when the JSON is not one. */
export function loadParagraphSearch(json: string): MiniSearch<ParagraphDoc> {
  return MiniSearch.loadJSON<ParagraphDoc>(json, MINISEARCH_OPTIONS)
}

export type ParagraphSearch = MiniSearch<ParagraphDoc>
