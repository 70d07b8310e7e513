import type { SearchIndex } from '../index/searchIndex.js'
import { analyseTerms, foldWord, termOf, words } from '../index/analyse.js'
import { sentenceBreaks } from './sentence.js'
import { cueFlags } from './typeCues.js'

/**
 * What the reranker reads of a passage, as integers: its term ids, the sentence of each, the type cues of each
 * sentence, and its heading and title terms. Computed once per passage, on first use.
 */
export interface PassageProfile {
  ids: Int32Array
  /** `sentenceOf[i]` is the sentence (0-based) that term `i` stands in. */
  sentenceOf: Uint16Array
  sentences: number
  /** Per sentence, its cue flags (typeCues.ts). */
  cues: Uint8Array
  /** Per sentence, the term ids of its capitalised words after the first: candidate names and places. */
  names: Int32Array[]
  /** Distinct term ids of the heading and the title. */
  fieldIds: Int32Array
  /** Per term, the word as written, folded but not stemmed ("battles", not "battl"). */
  folded: string[]
  /** Every pair of neighbouring words, stop words included, as `wordKey`s joined by a space. */
  wordPairs: Set<string>
}

/** A word's comparison key when stop words count: its index term, or the folded stop word itself. */
export function wordKey(word: string): string {
  const folded = foldWord(word)
  return termOf(folded, word) ?? folded
}

const profiles = new WeakMap<SearchIndex, (PassageProfile | undefined)[]>()
const FIRST_WORD = /[\p{L}\p{N}]/u
const CAPITAL = /^\p{Lu}/u

/** The profile of passage `id`, memoised with the index. */
export function profileOf(index: SearchIndex, id: number): PassageProfile {
  let all = profiles.get(index)
  if (!all) profiles.set(index, (all = new Array(index.chunks.length)))
  return (all[id] ??= build(index, id))
}

function build(index: SearchIndex, id: number): PassageProfile {
  const chunk = index.chunks[id]!
  const text = chunk.text
  const { spans } = index.analysed(id)
  const ids = index.termIds(id)
  const starts = [0, ...sentenceBreaks(text)]
  const sentenceOf = new Uint16Array(ids.length)
  const names: number[][] = starts.map(() => [])
  const firstWord = starts.map((start) => start + Math.max(0, text.slice(start).search(FIRST_WORD)))
  let s = 0
  for (let i = 0; i < ids.length; i++) {
    const at = spans[i]![0]
    while (s + 1 < starts.length && at >= starts[s + 1]!) s++
    sentenceOf[i] = s
    if (at > firstWord[s]! && CAPITAL.test(text.slice(at, at + 1))) names[s]!.push(ids[i]!)
  }
  const cues = Uint8Array.from(starts, (start, j) => cueFlags(text.slice(start, starts[j + 1] ?? text.length)))
  const fields = index.cached(`fieldIds:${chunk.heading ?? ''}\u0000${chunk.title ?? ''}`, () => {
    const terms = [...analyseTerms(chunk.heading ?? ''), ...analyseTerms(chunk.title ?? '')]
    return Int32Array.from(new Set(terms.map((t) => index.termId(t)).filter((t) => t >= 0)))
  })
  const folded = spans.map(([a, b]) => foldWord(text.slice(a, b)))
  const keys = words(text).map((w) => wordKey(w.word))
  const wordPairs = new Set<string>()
  for (let i = 0; i + 1 < keys.length; i++) wordPairs.add(keys[i] + ' ' + keys[i + 1])
  return { ids, sentenceOf, sentences: starts.length, cues, names: names.map((n) => Int32Array.from(n)), fieldIds: fields, folded, wordPairs }
}
