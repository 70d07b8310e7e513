// MiniSearch over packed postings: the subclass the paragraph index is made and loaded as. MiniSearch keeps its
// search, its BM25 and its live add / discard / replace / vacuum; only its term index is a PackedTermIndex
// (packedTerms.ts) instead of the SearchableMap that `loadJS` fills from plain objects, a Map per term and field
// and an entry per posting (most of a load's time and of the index's memory; MiniSearch has no option for another
// store, so the subclass sets its protected fields as `loadJS` does); its per-document maps are typed arrays too
// (docMaps.ts). Saved as typed arrays (`PackedIndex`).
import MiniSearch from 'minisearch'
import type { Options, SearchOptions, SearchResult } from 'minisearch'
import { FieldLengths, IntMap } from './docMaps.js'
import { PackedTermIndex, packedRange } from './packedTerms.js'
import type { FieldTermData, PackedTerms } from './packedTerms.js'

/** MiniSearch's counts and means, besides the arrays. */
export interface PackedHead {
  documentCount: number
  nextId: number
  dirtCount: number
  averageFieldLength: number[]
}

/**
 * A MiniSearch in arrays: its postings (`terms`), and per document (ascending short ids) its id and its field
 * lengths (`fieldCount` per document).
 */
export interface PackedIndex {
  head: PackedHead
  terms: PackedTerms
  shortIds: Uint32Array
  docIds: Int32Array
  fieldLengths: Uint32Array
}

/** `searchScores`' scratch, per short id: the running sum, the current term's score, the term that last touched it, its place in the result (-1: none). */
interface ScoreBuffer {
  sum: Float64Array
  term: Float64Array
  mark: Int32Array
  at: Int32Array
}

export class PackedMiniSearch<T> extends MiniSearch<T> {
  private terms!: PackedTermIndex
  /** Short ids discarded since the postings were packed: a search limited by `searchWithin` still reads them. */
  private discarded: number[] = []

  /**
   * Loads a packed MiniSearch over `vocabulary` (`ids`: each term's index in it). Throws when the arrays do not
   * hold one: lengths, offsets, ids out of range or out of order.
   */
  static fromPacked<T>(packed: PackedIndex, vocabulary: readonly string[], ids: ReadonlyMap<string, number>, options: Options<T>): PackedMiniSearch<T> {
    check(packed, vocabulary.length, options.fields.length)
    const search = new PackedMiniSearch<T>(options)
    const { head, shortIds, docIds, fieldLengths } = packed
    const F = packed.terms.fieldCount
    search._documentCount = head.documentCount
    search._nextId = head.nextId
    search._dirtCount = head.dirtCount
    search._avgFieldLength = [...head.averageFieldLength]
    // The per-document maps over arrays indexed by short id and by document id (docMaps.ts).
    const idOf = new Int32Array(head.nextId).fill(-1)
    const shortIdOf = new Int32Array(docIds.reduce((max, id) => Math.max(max, id + 1), 0)).fill(-1)
    const present = new Uint8Array(head.nextId)
    const lengths = new Uint32Array(head.nextId * F)
    for (let i = 0; i < shortIds.length; i++) {
      const s = shortIds[i]!
      if (shortIdOf[docIds[i]!] !== -1) throw new Error('MiniSearch: the packed index is corrupt (document ids repeat)')
      idOf[s] = docIds[i]!
      shortIdOf[docIds[i]!] = s
      present[s] = 1
      for (let f = 0; f < F; f++) lengths[s * F + f] = fieldLengths[i * F + f]!
    }
    const documentIds = new IntMap(idOf)
    search._documentIds = documentIds as unknown as Map<number, unknown>
    search._idToShortId = new IntMap(shortIdOf) as unknown as Map<unknown, number>
    search._fieldLength = new FieldLengths(lengths, F, present) as unknown as Map<number, number[]>
    search.terms = new PackedTermIndex(packed.terms, vocabulary, ids, (doc) => documentIds.has(doc), () => search.discarded.length > 0)
    search._index = search.terms as unknown as typeof search._index
    return search
  }

  override discard(id: unknown): void {
    const shortId = this._idToShortId.get(id)
    super.discard(id)
    if (shortId !== undefined) this.discarded.push(shortId)
  }

  /**
   * `search`, reading of the packed postings only the documents `ids` (and those discarded since, which MiniSearch
   * removes as it meets them): the same results as a search whose `boostDocument` leaves out every other document,
   * without walking the postings of its common terms. `options.boostDocument` should still leave them out: terms
   * changed since the load are MiniSearch's own Maps, read whole.
   */
  searchWithin(ids: Iterable<unknown>, query: string, options: SearchOptions): SearchResult[] {
    const docs: number[] = [...this.discarded]
    for (const id of ids) {
      const shortId = this._idToShortId.get(id)
      if (shortId !== undefined) docs.push(shortId)
    }
    const only = Uint32Array.from(new Set(docs)).sort()
    return this.terms.within(only, () => this.search(query, options))
  }

  /**
   * What `search(query, options)` scores, unsorted and without its result objects: `ids[i]` (document ids)
   * scored `scores[i]`, each score the very number `search` gives (the same BM25 terms, added in the same order).
   * `search` makes a Map entry, a match record and a result object for every matching document and sorts them
   * all: most of a question's first stage on a large corpus (a thousand documents and more per query at 100k
   * paragraphs), where the caller wants forty. Null when the query needs what only `search` does: written or
   * discarded postings (a search also removes what it meets of those), prefixes, a document boost or filter,
   * AND, a term given twice.
   */
  searchScores(query: string, searchOptions: SearchOptions): { ids: number[]; scores: number[] } | null {
    if (this.discarded.length > 0 || this.terms.only !== null) return null
    const { tokenize, processTerm, searchOptions: defaults } = this._options
    const options = { tokenize, processTerm, ...defaults, ...searchOptions }
    if (options.prefix || options.boostDocument || options.filter || (options.combineWith ?? 'OR').toLowerCase() !== 'or') return null
    const processOne = options.processTerm ?? processTerm
    const terms = (options.tokenize ?? tokenize)(query)
      .flatMap((term) => processOne(term) || [])
      .filter((term): term is string => !!term)
    if (new Set(terms).size !== terms.length) return null
    const fields = options.fields ?? this._options.fields
    const boosts = fields.map((field) => (Object.prototype.hasOwnProperty.call(options.boost ?? {}, field) ? options.boost![field] : undefined) || 1)
    const fieldIds = fields.map((field) => this._fieldIds[field]!)
    // MiniSearch's default weights under the given ones.
    const fuzzyWeight = Object.assign({ fuzzy: 0.45, prefix: 0.375 }, options.weights).fuzzy
    const { k, b, d } = options.bm25!
    const total = this.scoreBuffer(this._nextId)
    const { docs: postingDocs, freqs } = this.terms.packed
    const byField = this._fieldLength instanceof FieldLengths ? this._fieldLength : null
    const ids: number[] = []
    const quality: number[] = []
    const spec: number[] = []
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!
      const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, i, terms) : (options.fuzzy ?? false)
      const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, i, terms) : 1
      // The data MiniSearch reads for the term, in its order: the term itself, then its fuzzy matches.
      const sources: [FieldTermData, number][] = []
      const exact = this.terms.get(term)
      if (exact) sources.push([exact, 1])
      if (fuzzy) {
        const f = fuzzy === true ? 0.2 : fuzzy
        const maxDistance = f < 1 ? Math.min(options.maxFuzzy!, Math.round(term.length * f)) : f
        if (maxDistance) {
          for (const [found, [data, distance]] of this.terms.fuzzyGet(term, maxDistance)) {
            if (distance) sources.push([data, (fuzzyWeight * found.length) / (found.length + distance)])
          }
        }
      }
      // This term's score per document, as MiniSearch's `termResults` adds it up before combining the terms.
      spec.length = 0
      for (const [data, termWeight] of sources) {
        for (let j = 0; j < fields.length; j++) {
          const postings = data.get(fieldIds[j]!)
          if (postings == null) continue
          const range = packedRange(postings)
          if (range === null) return this.clear(total, ids, spec)
          const matching = range.to - range.from
          const avgFieldLength = this._avgFieldLength[fieldIds[j]!]!
          const invDocFreq = Math.log(1 + (this._documentCount - matching + 0.5) / (matching + 0.5))
          for (let p = range.from; p < range.to; p++) {
            const doc = postingDocs[p]!
            const termFreq = freqs[p]!
            const fieldLength = byField ? byField.lengthOf(doc, fieldIds[j]!) : this._fieldLength.get(doc)?.[fieldIds[j]!]
            // A document gone from the index (a save may keep its postings): MiniSearch's search removes it as it meets it.
            if (fieldLength === undefined || !this._documentIds.has(doc)) return this.clear(total, ids, spec)
            const raw = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)))
            const weighted = termWeight * termBoost * boosts[j]! * 1 * raw
            if (total.mark[doc] !== i + 1) {
              total.mark[doc] = i + 1
              total.term[doc] = weighted
              spec.push(doc)
            } else total.term[doc]! += weighted
          }
        }
      }
      // OR: the terms' scores added in the query's order.
      for (const doc of spec) {
        if (total.at[doc]! < 0) {
          total.at[doc] = ids.length
          ids.push(doc)
          quality.push(1)
          total.sum[doc] = total.term[doc]!
        } else {
          total.sum[doc] = total.sum[doc]! + total.term[doc]!
          quality[total.at[doc]!]!++
        }
      }
    }
    const scores = ids.map((doc, n) => total.sum[doc]! * (quality[n]! || 1))
    this.clear(total, ids, spec)
    for (let i = 0; i < ids.length; i++) ids[i] = this._documentIds.get(ids[i]!) as number
    return { ids, scores }
  }

  /** Leaves the buffer as `scoreBuffer` makes it, for the documents a search touched; returns null. */
  private clear(buffer: ScoreBuffer, ...touched: number[][]): null {
    for (const docs of touched) {
      for (const doc of docs) {
        buffer.at[doc] = -1
        buffer.mark[doc] = 0
      }
    }
    return null
  }

  private buffer: ScoreBuffer | null = null

  /** The scratch of `searchScores`, grown to `n` short ids. */
  private scoreBuffer(n: number): ScoreBuffer {
    if (!this.buffer || this.buffer.sum.length < n) {
      this.buffer = { sum: new Float64Array(n), term: new Float64Array(n), mark: new Int32Array(n), at: new Int32Array(n).fill(-1) }
    }
    return this.buffer
  }

  /** The terms within `distance` edits of `term` that a live document holds, other than `term`, in order. */
  fuzzyTerms(term: string, distance: number): string[] {
    const out: string[] = []
    for (const [found, [data]] of this.terms.fuzzyGet(term, distance)) if (found !== term && this.holdsLive(data)) out.push(found)
    return out
  }

  private holdsLive(data: FieldTermData): boolean {
    for (const postings of data.values()) for (const doc of postings.keys()) if (this._documentIds.has(doc)) return true
    return false
  }

  /** This MiniSearch in arrays, its postings over `vocabulary` (its own, or one extending it). */
  toPacked(vocabulary: readonly string[], ids: ReadonlyMap<string, number>): PackedIndex {
    const F = this.terms.packed.fieldCount
    const shortIds = Uint32Array.from(this._documentIds.keys()).sort()
    const docIds = Int32Array.from(shortIds, (s) => this._documentIds.get(s) as number)
    const fieldLengths = new Uint32Array(shortIds.length * F)
    shortIds.forEach((s, i) => {
      const lengths = this._fieldLength.get(s) ?? []
      for (let f = 0; f < F; f++) fieldLengths[i * F + f] = lengths[f] ?? 0
    })
    const head = { documentCount: this._documentCount, nextId: this._nextId, dirtCount: this._dirtCount, averageFieldLength: [...this._avgFieldLength] }
    return { head, terms: this.terms.pack(vocabulary, ids), shortIds, docIds, fieldLengths }
  }
}

/** Throws unless `packed` is a packed MiniSearch over `v` terms and `fields` fields. */
function check(packed: PackedIndex, v: number, fields: number): void {
  const fail = (what: string) => new Error(`MiniSearch: the packed index is corrupt (${what})`)
  const { head, terms, shortIds, docIds, fieldLengths } = packed
  const { fieldCount: F, start, docs, freqs, sorted, bySuffix } = terms
  if (!head || ![head.documentCount, head.nextId, head.dirtCount].every(Number.isInteger) || !Array.isArray(head.averageFieldLength)) throw fail('head')
  if (F !== fields || head.averageFieldLength.length !== F || !head.averageFieldLength.every(Number.isFinite)) throw fail('fields')
  if (start.length !== v * F + 1 || start[0] !== 0 || start[v * F] !== docs.length || freqs.length !== docs.length) throw fail('postings')
  const nextId = head.nextId
  // Indexed loops: they run once, before the optimiser has seen them.
  for (let r = 0; r < v * F; r++) {
    const to = start[r + 1]!
    if (!(start[r]! <= to)) throw fail('offsets out of order')
    for (let k = start[r]!; k < to; k++) if (!(docs[k]! < nextId && (k === start[r] || docs[k]! > docs[k - 1]!))) throw fail('document out of range or order')
  }
  for (const order of [sorted, bySuffix]) for (let i = 0; i < order.length; i++) if (!(order[i]! >= 0 && order[i]! < v)) throw fail('term out of range')
  if (sorted.length !== bySuffix.length) throw fail('term orders')
  if (shortIds.length !== head.documentCount || docIds.length !== shortIds.length || fieldLengths.length !== F * shortIds.length) throw fail('documents')
  for (let i = 0; i < docIds.length; i++) if (!(docIds[i]! >= 0)) throw fail('document id out of range')
  for (let i = 0; i < shortIds.length; i++) if (!(shortIds[i]! < nextId && (i === 0 || shortIds[i]! > shortIds[i - 1]!))) throw fail('document out of range or order')
}
