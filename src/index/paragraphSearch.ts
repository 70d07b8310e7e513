// MiniSearch, configured for this corpus: the first stage's BM25 over the paragraphs (fields text, heading, title).
// Its terms are the analyser's (analyse.ts), so the reranker reads exactly the terms MiniSearch matched.
import MiniSearch from 'minisearch'
import type { AsPlainObject, Options, SearchOptions } from 'minisearch'
import { analyseTerms } from './analyse.js'
import type { FieldTermIds } from './indexParts.js'

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
 * MiniSearch over chunks 0..n-1 (slot i: chunk i), made from their analysis at once: its own serialisation
 * (`toJSON`'s form, as the lines `saveParagraphSearch` writes) is written straight from the term ids, then loaded
 * (`loadParagraphSearch`); those bytes are also what the first save writes. The same index as `add` would make
 * document by document, faster: `add` walks its term tree once per word of every paragraph, and a save then
 * made plain objects of every map again. `textIds[i]` are chunk i's text terms as ids into `vocabulary`,
 * `fields` its heading and title terms.
 */
export function buildParagraphSearch(
  textIds: readonly Int32Array[],
  { headingIds, titleIds }: FieldTermIds,
  vocabulary: readonly string[],
): { search: MiniSearch<ParagraphDoc>; saved: Buffer } {
  const n = textIds.length
  const v = vocabulary.length
  const byField = [textIds, headingIds, titleIds]
  // Postings in compressed rows, ordered by term, then field, then document: (field, document, frequency).
  const count = new Uint32Array(v + 1)
  const lengths: number[][] = Array.from({ length: n }, () => [0, 0, 0])
  const sums = [0, 0, 0]
  const seen = new Int32Array(v).fill(-1)
  byField.forEach((docs, f) =>
    docs.forEach((terms, d) => {
      let distinct = 0
      for (const t of terms) {
        if (seen[t] === d * 3 + f) continue
        seen[t] = d * 3 + f
        count[t + 1]!++
        distinct++
      }
      lengths[d]![f] = distinct
      sums[f]! += distinct
    }),
  )
  for (let t = 0; t < v; t++) count[t + 1]! += count[t]!
  const fill = count.slice(0, v)
  const field = new Uint8Array(count[v]!)
  const doc = new Uint32Array(count[v]!)
  const freq = new Uint32Array(count[v]!)
  const at = new Int32Array(v).fill(-1)
  byField.forEach((docs, f) =>
    docs.forEach((terms, d) => {
      for (const t of terms) {
        // A term seen again in the same field of the same document is its latest entry.
        if (at[t]! >= 0 && doc[at[t]!] === d && field[at[t]!] === f) freq[at[t]!]!++
        else {
          const k = fill[t]!++
          at[t] = k
          field[k] = f
          doc[k] = d
          freq[k] = 1
        }
      }
    }),
  )
  const head = {
    documentCount: n,
    nextId: n,
    documentIds: Object.fromEntries(textIds.map((_, d) => [d, d])),
    fieldIds: Object.fromEntries(SEARCH_OPTIONS.fields.map((f, i) => [f, i])),
    fieldLength: Object.fromEntries(lengths.map((l, d) => [d, l])),
    averageFieldLength: sums.map((sum) => sum / Math.max(1, n)),
    storedFields: {},
    dirtCount: 0,
    serializationVersion: 2,
  }
  const lines = [JSON.stringify(head)]
  let entries: string[] = []
  for (let t = 0; t < v; t++) {
    if (count[t] === count[t + 1]) continue
    const fields: string[] = []
    for (let k = count[t]!; k < count[t + 1]!; ) {
      const f = field[k]!
      const pairs: string[] = []
      for (; k < count[t + 1]! && field[k] === f; k++) pairs.push(`"${doc[k]}":${freq[k]}`)
      fields.push(`"${f}":{${pairs.join(',')}}`)
    }
    entries.push(`[${JSON.stringify(vocabulary[t])},{${fields.join(',')}}]`)
    if (entries.length === TERMS_PER_LINE) {
      lines.push(`[${entries.join(',')}]`)
      entries = []
    }
  }
  if (entries.length > 0) lines.push(`[${entries.join(',')}]`)
  const saved = Buffer.from(lines.join('\n'), 'utf8')
  return { search: loadParagraphSearch(saved), saved }
}

/** Terms per line of the saved index: JSON.parse of one line's objects at a time keeps a load's peak memory low. */
const TERMS_PER_LINE = 2000

/**
 * MiniSearch's own serialisation (`toJSON`) as JSON lines: the first holds everything but the terms, each next
 * one `TERMS_PER_LINE` entries of its `index` array. Parsed whole, the plain objects of every term would all be
 * alive beside the maps `loadJS` makes of them (+70 MB at the peak of a news start-up).
 */
export function saveParagraphSearch(search: MiniSearch<ParagraphDoc>): Buffer {
  const { index, ...head } = search.toJSON()
  const lines = [JSON.stringify(head)]
  for (let i = 0; i < index.length; i += TERMS_PER_LINE) lines.push(JSON.stringify(index.slice(i, i + TERMS_PER_LINE)))
  return Buffer.from(lines.join('\n'), 'utf8')
}

/** A saved MiniSearch (`saveParagraphSearch`) loaded again by its `loadJS`; throws when it is not one. */
export function loadParagraphSearch(bytes: Uint8Array): MiniSearch<ParagraphDoc> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const firstEnd = buffer.indexOf(10)
  const head = JSON.parse(buffer.toString('utf8', 0, firstEnd < 0 ? buffer.length : firstEnd)) as Omit<AsPlainObject, 'index'>
  // loadJS only iterates `index`: the lines are parsed as it goes.
  function* terms(): Generator<AsPlainObject['index'][number]> {
    for (let at = firstEnd; at >= 0 && at < buffer.length; ) {
      const end = buffer.indexOf(10, at + 1)
      const line = JSON.parse(buffer.toString('utf8', at + 1, end < 0 ? buffer.length : end)) as unknown
      if (!Array.isArray(line)) throw new Error('MiniSearch: a line of the saved index is not an array')
      yield* line as AsPlainObject['index']
      at = end
    }
  }
  return MiniSearch.loadJS<ParagraphDoc>({ ...head, index: terms() as unknown as AsPlainObject['index'] }, MINISEARCH_OPTIONS)
}

export type ParagraphSearch = MiniSearch<ParagraphDoc>
