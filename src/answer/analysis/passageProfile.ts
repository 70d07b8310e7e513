import type { SearchIndex } from '../../index/searchIndex.js'
import { analyseTerms, eachWord } from '../../index/analyse.js'
import { sentenceBreaks } from './sentence.js'
import { cueFlags } from './typeCues.js'

/**
 * What the reranker reads of a passage, mostly as integers: its term ids, the sentence of each, the type cues
 * of each sentence, its heading and title terms, and the word sequences phrase matching needs. Computed once
 * per passage, on first use, from the index's analysis (no word is analysed twice).
 */
export interface PassageProfile {
  ids: Int32Array
  /** `sentenceOf[i]` is the sentence (0-based) that term `i` stands in. */
  sentenceOf: Uint16Array
  /** Number of terms per sentence. */
  sentenceLength: Uint16Array
  /** Per sentence, its cue flags (typeCues.ts). */
  cues: Uint8Array
  /**
   * The term ids of capitalised words past a sentence's first (candidate names and places); sentence `s`
   * has `names[nameStart[s] .. nameStart[s + 1])`.
   */
  names: Int32Array
  nameStart: Uint16Array
  /** Distinct term ids of the heading and the title. */
  fieldIds: Int32Array
  /** Neighbouring words, stop words included (`phraseIds`), as sorted distinct `pairKey`s and `tripleKey`s. */
  pairs: Float64Array
  triples: Float64Array
  /** The sorted distinct loose ids (`looseIds`) of the text's terms. */
  loose: Int32Array
}

// Typed arrays, not Sets or nested arrays: profiles live as long as the index, and a few large arrays per
// passage keep the garbage collector's work (and the latency tail it causes) small.

/** Whether a sorted array holds a value. */
export function sortedHas(sorted: ArrayLike<number>, value: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === value) return true
    if (v < value) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

function sortedDistinct<T extends Float64Array | Int32Array>(values: T): T {
  values.sort()
  let n = 0
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!
  return values.slice(0, n) as T
}

/** How many leading letters of a term make its loose key. */
const LOOSE_LENGTH = 4

/**
 * Loose ids: terms sharing their first letters share one, so that derived forms the stemmer keeps apart meet
 * ("colo" for colonize, colony, colonists). `byTerm[termId]` is a vocabulary term's, `of(term)` any term's
 * (-1 when no vocabulary term has its key).
 */
export interface LooseIds {
  byTerm: Int32Array
  of(term: string): number
}

const looseTables = new WeakMap<SearchIndex, LooseIds>()

export function looseIds(index: SearchIndex): LooseIds {
  let table = looseTables.get(index)
  if (!table) {
    const keys = new Map<string, number>()
    const byTerm = new Int32Array(index.vocabularySize)
    for (let id = 0; id < byTerm.length; id++) {
      const key = index.termOf(id).slice(0, LOOSE_LENGTH)
      let k = keys.get(key)
      if (k === undefined) keys.set(key, (k = keys.size))
      byTerm[id] = k
    }
    table = { byTerm, of: (term) => keys.get(term.slice(0, LOOSE_LENGTH)) ?? -1 }
    looseTables.set(index, table)
  }
  return table
}

const POSSESSIVE = /['’ʼ]s$/
const INFLECTION = /(?:ies|ing|ed|es|e|s)$/

/**
 * A term's written form for matching closer than the stem: lower case, without a possessive or a regular
 * inflection ("talked" and "talks" → "talk", "colonies" → "coloni"), but with the derivation the stemmer
 * drops ("university" stays apart from "universal", both "univers" to the stemmer).
 */
export function formOf(written: string): string {
  const w = written.toLowerCase().replace(POSSESSIVE, '')
  return w.length > 4 && !w.endsWith('ss') ? w.replace(INFLECTION, '') : w
}

// Stop words (and single letters) get negative phrase ids, the same for every passage and question.
const stopIds = new Map<string, number>()
const stopId = (word: string): number => {
  let id = stopIds.get(word)
  if (id === undefined) stopIds.set(word, (id = -1 - stopIds.size))
  return id
}

/**
 * Every word of a text as a phrase id: a content word is its term's id (`ids[i]`, -2^24 when unknown), a stop
 * word a negative id of its own, so "Battle of Hastings" and "battles of Hastings" give the same ids.
 * `content[i]` tells which is which.
 */
export function phraseIds(text: string, termStarts: ArrayLike<number>, ids: ArrayLike<number>): { keys: number[]; content: boolean[] } {
  const keys: number[] = []
  const content: boolean[] = []
  let j = 0
  eachWord(text, (start, end) => {
    while (j < termStarts.length && termStarts[j]! < start) j++
    const isTerm = j < termStarts.length && termStarts[j] === start
    keys.push(isTerm ? (ids[j]! >= 0 ? ids[j]! : -(2 ** 24)) : stopId(text.slice(start, end).toLowerCase()))
    content.push(isTerm)
  })
  return { keys, content }
}

const OFFSET = 2 ** 25
/** A pair of phrase ids as one exact number (ids are above -2^25 and below 2^25). */
export const pairKey = (a: number, b: number): number => (a + OFFSET) * 2 ** 26 + (b + OFFSET)
/** A triple of phrase ids as one 52-bit hash (collisions are vanishingly rare and would only add a match). */
export const tripleKey = (a: number, b: number, c: number): number => {
  const h1 = Math.imul(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d), 0x27d4eb2f) >>> 0
  const h2 = (Math.imul(a + 0x165667b1, 0x2c1b3c6d) ^ Math.imul(b - 0x7feb352d, 0x297a2d39) ^ Math.imul(c, 0x846ca68b)) & 0xfffff
  return h1 * 2 ** 20 + h2
}

const profiles = new WeakMap<SearchIndex, (PassageProfile | undefined)[]>()
const FIRST_WORD = /[\p{L}\p{N}]/gu

/** The profile of passage `id`, memoised with the index. */
export function profileOf(index: SearchIndex, id: number): PassageProfile {
  return (profilesOf(index)[id] ??= build(index, id))
}

/**
 * Profiles every passage now (about 0.1 ms each), so that no question pays for its candidates' first use:
 * a question touching 30 unseen passages would otherwise take 3 ms more.
 */
export function profileAll(index: SearchIndex): void {
  const all = profilesOf(index)
  for (let id = 0; id < all.length; id++) all[id] ??= build(index, id)
}

/**
 * Gives an updated index the profiles of the passages it kept from `before` (`reuse[i]` is passage i's id
 * there, -1 if new). Valid because an update only appends to the vocabulary: term ids, loose ids and field
 * ids of a kept passage are the same in both.
 */
export function carryProfiles(before: SearchIndex, after: SearchIndex, reuse: Int32Array): void {
  const old = profiles.get(before)
  if (!old) return
  const all = profilesOf(after)
  for (let i = 0; i < reuse.length; i++) if (reuse[i]! >= 0) all[i] ??= old[reuse[i]!]
}

/** Profiles passages `from` .. `from + count - 1` (those not done yet); returns where the next batch starts. */
export function profileSome(index: SearchIndex, from: number, count: number): number {
  const all = profilesOf(index)
  const end = Math.min(all.length, from + count)
  for (let id = from; id < end; id++) all[id] ??= build(index, id)
  return end
}

function profilesOf(index: SearchIndex): (PassageProfile | undefined)[] {
  let all = profiles.get(index)
  if (!all) profiles.set(index, (all = new Array(index.chunks.length)))
  return all
}

function build(index: SearchIndex, id: number): PassageProfile {
  const chunk = index.chunks[id]!
  const text = chunk.text
  const spans = index.spansOf(id)
  const ids = index.termIds(id)
  const starts = [0, ...sentenceBreaks(text)]
  const sentenceOf = new Uint16Array(ids.length)
  const sentenceLength = new Uint16Array(starts.length)
  const names: number[] = []
  const nameStart = new Uint16Array(starts.length + 1)
  const firstWord = starts.map((start) => {
    FIRST_WORD.lastIndex = start
    return FIRST_WORD.exec(text)?.index ?? start
  })
  let s = 0
  for (let i = 0; i < ids.length; i++) {
    const at = spans[2 * i]!
    while (s + 1 < starts.length && at >= starts[s + 1]!) nameStart[++s] = names.length
    sentenceOf[i] = s
    sentenceLength[s]!++
    const first = text[at]!
    if (at > firstWord[s]! && first !== first.toLowerCase()) names.push(ids[i]!)
  }
  while (s < starts.length) nameStart[++s] = names.length
  const cues = Uint8Array.from(starts, (start, j) => cueFlags(text.slice(start, starts[j + 1] ?? text.length)))
  const { keys } = phraseIds(text, Int32Array.from(ids, (_, i) => spans[2 * i]!), ids)
  const pairs = new Float64Array(Math.max(0, keys.length - 1))
  const triples = new Float64Array(Math.max(0, keys.length - 2))
  for (let i = 0; i + 1 < keys.length; i++) {
    pairs[i] = pairKey(keys[i]!, keys[i + 1]!)
    if (i + 2 < keys.length) triples[i] = tripleKey(keys[i]!, keys[i + 1]!, keys[i + 2]!)
  }
  const loose = looseIds(index).byTerm
  return {
    ids,
    sentenceOf,
    sentenceLength,
    cues,
    names: Int32Array.from(names),
    nameStart,
    fieldIds: fieldIds(index, chunk.heading, chunk.title),
    pairs: sortedDistinct(pairs),
    triples: sortedDistinct(triples),
    loose: sortedDistinct(Int32Array.from(ids, (id) => loose[id]!)),
  }
}

function fieldIds(index: SearchIndex, heading: string | null, title: string | null): Int32Array {
  return index.cached(`fieldIds:${heading ?? ''}\u0000${title ?? ''}`, () => {
    const terms = [...analyseTerms(heading ?? ''), ...analyseTerms(title ?? '')]
    return Int32Array.from(new Set(terms.map((t) => index.termId(t)).filter((t) => t >= 0)))
  })
}
