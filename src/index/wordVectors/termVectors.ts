import { termOf as analysedTerm } from '../analyse.js'
import type { SearchIndex } from '../searchIndex.js'
import { defaultWordVectors } from './wordVectors.js'
import type { WordVectors } from './wordVectors.js'

/**
 * Word vectors for index terms. Terms are stems ("inaugur"), GloVe rows are words ("inauguration"): a stem takes
 * the vector of its most frequent word, which is the first row whose word analyses to it (rows are in frequency order).
 */
export interface TermVectors {
  vectors: WordVectors
  /** GloVe row of each vocabulary id, -1 when none of its words is in the table. */
  rowOfId: Int32Array
  /** GloVe row of a stem, for question terms the corpus lacks. */
  rowOf(term: string): number
}

let stems: Map<string, number> | undefined
const perIndex = new WeakMap<SearchIndex, TermVectors>()

/** Stem → row over the whole table; built once per process (~50 ms), shared by every index. */
function stemRows(vectors: WordVectors): Map<string, number> {
  if (stems) return stems
  stems = new Map()
  for (let row = 0; row < vectors.size; row++) {
    const word = vectors.word(row)!
    const term = analysedTerm(word, word)
    if (term !== null && !stems.has(term)) stems.set(term, row)
  }
  return stems
}

/** Names a table well enough to tell whether rows saved with an index still point into it. */
export function vectorTableId(vectors: WordVectors): string {
  return `${vectors.size}x${vectors.dims}:${vectors.word(0)}:${vectors.word(vectors.size - 1)}`
}

/**
 * The term vectors of an index, built on first use and kept with it. A loaded index brings its terms' rows;
 * the stem table (stemming all 50,000 words, ~0.1 s) is then built only when a question has a word the corpus lacks.
 */
export function termVectors(index: SearchIndex): TermVectors {
  let tv = perIndex.get(index)
  if (tv) return tv
  const vectors = defaultWordVectors()
  const saved = index.savedVectorRows(vectorTableId(vectors))
  let rowOfId = saved
  if (!rowOfId) {
    const byStem = stemRows(vectors)
    rowOfId = new Int32Array(index.vocabularySize)
    for (let id = 0; id < rowOfId.length; id++) rowOfId[id] = byStem.get(index.termOf(id)) ?? -1
  }
  tv = { vectors, rowOfId, rowOf: (term) => stemRows(vectors).get(term) ?? -1 }
  perIndex.set(index, tv)
  return tv
}

/** Cosine of two rows, 0 when either is missing. */
export function rowCosine(vectors: WordVectors, a: number, b: number): number {
  if (a < 0 || b < 0) return 0
  if (a === b) return 1
  return vectors.dot(a, b) / (vectors.norm(a) * vectors.norm(b))
}
