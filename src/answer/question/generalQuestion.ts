// How much a question, read on its own, sounds like general knowledge, advice or help ("how do black holes form",
// "should i overpay my mortgage", "how do i change my discord username") rather than a question about news stories
// ("what did the minister say about the merger"). News questions and general ones share their words ("bank",
// "election", "record"), so the articles' words alone let many general questions through; their form and their
// field tell them apart more often. This is one piece of evidence for the topic model (topic.ts), never a verdict on
// its own: any general question may be the one a corpus is about.
import { isStopword } from '../../index/analyse.js'
import { defaultWordVectors } from '../../index/wordVectors/wordVectors.js'
import { GENERAL_MODEL } from '../models/generalWeights.js'

/** The question's words: lowercase, digits kept, apostrophes straightened. */
const wordsOf = (text: string): string[] => text.toLowerCase().replace(/[‘’]/g, "'").match(/[a-z0-9']+/g) ?? []

/** The question's words and word pairs, as the model counts them. */
export function generalTerms(text: string): string[] {
  const words = wordsOf(text)
  const out = [...words]
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`)
  return out
}

/** The model's inputs: TF-IDF weights of the known terms (sublinear, unit length), and two mean word vectors. */
export interface GeneralInputs {
  /** Known term → its weight. */
  terms: Map<string, number>
  /** Unit mean GloVe vector of every word, then of the content words; zeros when none is known. */
  vectors: Float64Array
}

export function generalInputs(text: string, idf: ReadonlyMap<string, number>): GeneralInputs {
  const counts = new Map<string, number>()
  for (const t of generalTerms(text)) if (idf.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1)
  let norm = 0
  const terms = new Map<string, number>()
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * idf.get(t)!
    terms.set(t, w)
    norm += w * w
  }
  norm = Math.sqrt(norm)
  for (const [t, w] of terms) terms.set(t, w / norm)
  const words = wordsOf(text)
  const vectors = new Float64Array(2 * VECTOR_DIMS)
  const wv = defaultWordVectors()
  const all = wv.meanVector(words)
  const content = wv.meanVector(words.filter((w) => !isStopword(w)))
  if (all) vectors.set(all, 0)
  if (content) vectors.set(content, VECTOR_DIMS)
  return { terms, vectors }
}

const VECTOR_DIMS = 100

const IDF = new Map(Object.entries(GENERAL_MODEL.terms).map(([t, [idf]]) => [t, idf]))
const TERM_WEIGHTS = new Map(Object.entries(GENERAL_MODEL.terms).map(([t, [, w]]) => [t, w]))

/** P(the question is general knowledge, advice or help, not about news), from its text alone. Pure. */
export function generalProbability(text: string): number {
  const { terms, vectors } = generalInputs(text, IDF)
  let z = GENERAL_MODEL.intercept
  for (const [t, x] of terms) z += (TERM_WEIGHTS.get(t) ?? 0) * x
  for (let i = 0; i < vectors.length; i++) z += GENERAL_MODEL.vectors[i]! * vectors[i]!
  return 1 / (1 + Math.exp(-z))
}
