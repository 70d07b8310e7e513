import type { SearchIndex } from '../../index/searchIndex.js'
import type { Span } from '../../types.js'
import type { Question } from '../question/question.js'
import { SENTENCE_WEIGHTS } from '../models/answerWeights.js'

/** The sentence of a passage that best supports the answer, with the signals that chose it. */
export interface ChosenSentence {
  /** Index into the sentence list it was chosen from. */
  index: number
  span: Span
  score: number
  /** IDF-weighted share of the question's terms in this sentence. */
  coverage: number
}

/** Spans of the chunk's words that match any searched term (the question's and a follow-up's context). */
export function highlights(index: SearchIndex, id: number, question: Question): Span[] {
  const { terms, spans } = index.analysed(id)
  const out: Span[] = []
  for (let i = 0; i < terms.length; i++) if (question.weights.has(terms[i]!)) out.push(spans[i]!)
  return out
}

/**
 * Picks the sentence that covers most of the question's (IDF-weighted) terms, preferring ones whose
 * matched terms stand close together and, on ties, earlier ones. Pure.
 */
export function chooseSentence(index: SearchIndex, id: number, sentences: readonly Span[], question: Question): ChosenSentence {
  const { terms, spans } = index.analysed(id)
  const weightOf = (t: string) => (question.weights.get(t) ?? 0) * index.idf(t)
  const total = [...question.weights.keys()].reduce((a, t) => a + weightOf(t), 0) || 1
  let best: ChosenSentence | null = null
  let p = 0
  sentences.forEach((span, i) => {
    const seen = new Set<string>()
    let first = -1
    let last = -1
    while (p < terms.length && spans[p]![0] < span[0]) p++
    for (let q = p; q < terms.length && spans[q]![0] < span[1]; q++) {
      if (!question.weights.has(terms[q]!)) continue
      seen.add(terms[q]!)
      if (first < 0) first = q
      last = q
    }
    let weight = 0
    for (const t of seen) weight += weightOf(t)
    const coverage = weight / total
    const closeness = seen.size > 1 ? seen.size / (last - first + 1) : seen.size
    const score =
      SENTENCE_WEIGHTS.coverage * coverage + SENTENCE_WEIGHTS.closeness * closeness - SENTENCE_WEIGHTS.position * (i / Math.max(1, sentences.length))
    if (!best || score > best.score) best = { index: i, span, score, coverage }
  })
  return best ?? { index: 0, span: [0, index.chunks[id]!.text.length], score: 0, coverage: 0 }
}

// A cheap sentence break for passages that are not tagged: punctuation, then space and a capital, digit or quote.
const SENTENCE_END = /[.!?]+["”’')\]]*\s+(?=["“‘([]?[\p{Lu}\p{N}])/gu

/** Character offsets where a new sentence starts (cheap rule, no tagger). */
export function sentenceBreaks(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(SENTENCE_END)) out.push(m.index + m[0].length)
  return out
}

/** Sentences by the cheap rule, trimmed of surrounding spaces. */
export function roughSentences(text: string): Span[] {
  const out: Span[] = []
  let start = 0
  for (const b of [...sentenceBreaks(text), text.length]) {
    let end = b
    while (end > start && /\s/.test(text[end - 1]!)) end--
    if (end > start) out.push([start, end])
    start = b
  }
  return out
}
