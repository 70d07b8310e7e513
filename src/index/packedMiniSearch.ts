// MiniSearch over packed postings: the subclass the paragraph index is made and loaded as. MiniSearch keeps its
// search, its BM25 and its live add / discard / replace / vacuum; only its term index is a PackedTermIndex
// (packedTerms.ts) instead of the SearchableMap that `loadJS` fills from plain objects, a Map per term and field
// and an entry per posting (most of a load's time and of the index's memory; MiniSearch has no option for another
// store, so the subclass sets its protected fields as `loadJS` does); its per-document maps are typed arrays too
// (docMaps.ts). Saved as typed arrays (`PackedIndex`).
import MiniSearch from 'minisearch'
import type { Options, SearchOptions, SearchResult } from 'minisearch'
import { FieldLengths, IntMap } from './docMaps.js'
import { PackedTermIndex } from './packedTerms.js'
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
