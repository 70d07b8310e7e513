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
  return termsOf(wordsOf(text))
}

function termsOf(words: readonly string[]): string[] {
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
  const words = wordsOf(text)
  const counts = new Map<string, number>()
  for (const t of termsOf(words)) if (idf.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1)
  let norm = 0
  const terms = new Map<string, number>()
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * idf.get(t)!
    terms.set(t, w)
    norm += w * w
  }
  norm = Math.sqrt(norm)
  for (const [t, w] of terms) terms.set(t, w / norm)
  const vectors = new Float64Array(2 * VECTOR_DIMS)
  const wv = defaultWordVectors()
  const all = wv.meanVector(words)
  const content = wv.meanVector(words.filter((w) => !isStopword(w)))
  if (all) vectors.set(all, 0)
  if (content) vectors.set(content, VECTOR_DIMS)
  return { terms, vectors }
}

const VECTOR_DIMS = 100

/** A general-question model: the shipped one (GENERAL_MODEL), or one being fitted (bench/tune/generalFit.ts). */
export interface GeneralModel {
  intercept: number
  /** Term → its IDF: the vocabulary. */
  idf: ReadonlyMap<string, number>
  /** Term → its weight. */
  weights: ReadonlyMap<string, number>
  /** Weights of `GeneralInputs.vectors`. */
  vectors: ArrayLike<number>
}

/** P(the question is general knowledge, advice or help, not about news) under `model`. Pure. */
export function generalScore(model: GeneralModel, text: string): number {
  const { terms, vectors } = generalInputs(text, model.idf)
  let z = model.intercept
  for (const [t, x] of terms) z += (model.weights.get(t) ?? 0) * x
  for (let i = 0; i < vectors.length; i++) z += model.vectors[i]! * vectors[i]!
  return 1 / (1 + Math.exp(-z))
}

const SHIPPED: GeneralModel = {
  intercept: GENERAL_MODEL.intercept,
  idf: new Map(Object.entries(GENERAL_MODEL.terms).map(([t, [idf]]) => [t, idf])),
  weights: new Map(Object.entries(GENERAL_MODEL.terms).map(([t, [, w]]) => [t, w])),
  vectors: GENERAL_MODEL.vectors,
}

/** P(the question is general knowledge, advice or help, not about news), from its text alone. Pure. */
export function generalProbability(text: string): number {
  return generalScore(SHIPPED, text)
}
