import { analyse } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import { formOf, looseIds, pairKey, phraseIds, tripleKey } from '../analysis/passageProfile.js'
import type { Question } from './question.js'

/** The question as the reranker reads it. Index `t` below is the t-th searched term (`question.weights`' order). */
export interface QueryProfile {
  terms: string[]
  /** Vocabulary id per term, -1 when the corpus lacks it. */
  ids: Int32Array
  /** The question's weight per term (1, lower for frame words and borrowed context). */
  weight: Float64Array
  /** weight × IDF per term, over their sum: how much of the question each term is. */
  share: Float64Array
  /** Per term, the index of the term that follows it in the question as written, or -1. */
  next: Int32Array
  /** Number of neighbouring term pairs of the question. */
  pairs: number
  /** Per term, its forms as the question writes them (`formOf`). */
  forms: Set<string>[]
  /** Per term, its loose id (`looseIds`), -1 when the corpus has none. */
  loose: Int32Array
  /** 1 for a name (capitalised past the first word) or a number: the question's anchors. */
  anchor: Uint8Array
  /** The term with the largest share. */
  rarest: number
  /** The question's neighbouring word pairs and triples (stop words included, at least one content word). */
  phrasePairs: Float64Array
  phraseTriples: Float64Array
}

const CAPITALISED = /^\p{Lu}/u
const NUMERIC = /^\p{N}/u

export function queryProfile(index: SearchIndex, question: Question): QueryProfile {
  const terms = [...question.weights.keys()]
  // Typed arrays: a plain array of small integers (all weights 1) and one of fractions differ in V8's eyes,
  // and the scoring code would be recompiled every time it met the other kind.
  const ids = Int32Array.from(terms, (t) => index.termId(t))
  const loose = looseIds(index)
  const weight = Float64Array.from(terms, (t) => question.weights.get(t) ?? 1)
  const share = Float64Array.from(terms, (t, i) => weight[i]! * index.idf(t))
  const total = share.reduce((a, b) => a + b, 0) || 1
  for (let i = 0; i < share.length; i++) share[i]! /= total
  const position = new Map(terms.map((t, i) => [t, i]))
  // Pairs follow the question's own wording, not the borrowed context terms.
  const next = new Int32Array(terms.length).fill(-1)
  for (let i = 0; i + 1 < question.terms.length; i++) next[position.get(question.terms[i]!)!] = position.get(question.terms[i + 1]!)!
  const forms = terms.map(() => new Set<string>())
  const anchor = new Uint8Array(terms.length)
  const own = analyse(question.text)
  own.terms.forEach((term, i) => {
    const t = position.get(term)
    if (t === undefined) return
    const [start, end] = own.spans[i]!
    const written = question.text.slice(start, end)
    forms[t]!.add(formOf(written))
    if ((start > 0 && CAPITALISED.test(written)) || NUMERIC.test(written)) anchor[t] = 1
  })
  const { keys, content } = phraseIds(question.text, own.spans.map((s) => s[0]), own.terms.map((t) => index.termId(t)))
  const phrasePairs: number[] = []
  const phraseTriples: number[] = []
  for (let i = 0; i + 1 < keys.length; i++) {
    if (content[i] || content[i + 1]) phrasePairs.push(pairKey(keys[i]!, keys[i + 1]!))
    if (i + 2 < keys.length && (content[i] || content[i + 1] || content[i + 2])) phraseTriples.push(tripleKey(keys[i]!, keys[i + 1]!, keys[i + 2]!))
  }
  return {
    terms,
    ids,
    weight,
    share,
    next,
    pairs: Math.max(0, question.terms.length - 1),
    forms,
    loose: Int32Array.from(terms, (t, i) => (ids[i]! >= 0 ? loose.byTerm[ids[i]!]! : loose.of(t))),
    anchor,
    rarest: share.indexOf(Math.max(...share)),
    phrasePairs: Float64Array.from(phrasePairs),
    phraseTriples: Float64Array.from(phraseTriples),
  }
}
