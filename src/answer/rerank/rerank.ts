import type { Retrieved, SearchIndex } from '../../index/searchIndex.js'
import type { AnswerType } from '../../types.js'
import { articleStats } from '../retrieve/articleModel.js'
import { queryProfile } from '../question/queryProfile.js'
import type { Question } from '../question/question.js'
import { candidateFeatures } from './rerankFeatures.js'
import { RERANK_WEIGHTS } from '../models/rerankWeights.js'
import { treeScore } from './rerankBoost.js'
import { RERANK_TREES } from '../models/rerankTrees.js'

/** A retrieved chunk with the signals the reranker combined into its score. */
export interface Ranked {
  id: number
  score: number
  features: RerankFeatures
}

/** The reranker's signals for one passage, each 0..1 unless said otherwise. Computed in rerankFeatures.ts. */
export interface RerankFeatures {
  /** First-stage BM25 score (unbounded), and the same divided by the best one among the candidates. */
  bm25: number
  bm25n: number
  /** BM25 of the passage's article (all its paragraphs as one document) over the best article's. */
  article: number
  /** IDF-weighted share of the question's terms found in the passage (text, heading or title). */
  coverage: number
  /** The same, in the text only. */
  textCoverage: number
  /** IDF-weighted share found in the passage's best single sentence. */
  sentenceCoverage: number
  /** Distinct matched terms divided by the length of the shortest window holding them all (1 = adjacent). */
  proximity: number
  /** Share of consecutive question-term pairs that also stand side by side in the text. */
  bigrams: number
  /** Share of the question's terms found in the heading or title. */
  headingMatch: number
  /** 1 when the best sentence shows a cue of the expected answer type (a date, a number, a name). */
  typeCue: number
  /** IDF-weighted share of the question's terms found as the question writes them (not only the same stem). */
  exact: number
  /** The same as textCoverage, where a term also counts when a word sharing its first letters is found. */
  looseCoverage: number
  /** Share of the question's neighbouring word pairs and triples (stop words included) found in the text. */
  phrasePairs: number
  phraseTriples: number
  /** Largest IDF-weighted share found within 8 and 16 consecutive terms, and within two neighbouring sentences. */
  window8: number
  window16: number
  pairCoverage: number
  /** IDF-weighted share found in the passage or the paragraphs next to it. */
  context: number
  /** Share of the question's names and numbers found. */
  anchors: number
  /** 1 when the question's rarest term is found. */
  rareHit: number
  /** BM25 with IDF among the article's paragraphs, over the best candidate's. */
  localBm25: number
  /** Query likelihood of the passage (and of its best sentence), per term, as a ratio to the best candidate's. */
  lm: number
  slm: number
  /** 1 − length / 150 terms: a brevity prior the coverage signals would otherwise lack. */
  shortness: number
  /** textCoverage and sentenceCoverage with each term's IDF among the article's own paragraphs. */
  localCoverage: number
  localSentence: number
  /** 1 − the largest share of a question term the passage lacks (text, heading and title). */
  noMissing: number
  /** Share of the question's neighbouring term pairs found within 3 terms of each other, in either order. */
  nearPairs: number
  /** Share of the candidates that come from this passage's article (set by rerank()). */
  articleSupport: number
  /** Read by the trees only (rerankBoost.ts): the linear score over the best candidate's, and the question's term count. */
  linearRatio: number
  questionTerms: number
  /** Index of the question's answer type in ANSWER_TYPES, and the best candidate's sentenceCoverage, phrasePairs, looseCoverage and proximity minus this one's. */
  answerType: number
  sentenceGap: number
  phraseGap: number
  looseGap: number
  proximityGap: number
  [name: string]: number
}

// Vocabulary id → index of the question term it stands for (or -1). One per index, cleared after every call.
const slots = new WeakMap<SearchIndex, Int16Array>()

/** Reorders first-stage hits by how well, and how closely, each covers the question's terms. Pure. */
export function rerank(index: SearchIndex, question: Question, hits: readonly Retrieved[]): Ranked[] {
  if (hits.length === 0) return []
  let slot = slots.get(index)
  if (!slot || slot.length !== index.vocabularySize) slots.set(index, (slot = new Int16Array(index.vocabularySize).fill(-1)))
  const q = queryProfile(index, question)
  const taken: number[] = []
  const take = (id: number, t: number) => {
    if (slot[id]! >= 0) return
    slot[id] = t
    taken.push(id)
  }
  q.ids.forEach((id, t) => {
    if (id >= 0) take(id, t)
    // A term the corpus lacks (a typo) matches its one-edit neighbours, as in retrieval.
    else for (const near of index.nearTerms(q.terms[t]!)) take(near.id, t)
  })
  try {
    const stats = articleStats(index, q, hits)
    const all = hits.map((hit) => candidateFeatures(index, question, q, slot, hit, stats.get(index.articleOf[hit.id]!)!))
    normalise(all)
    const support = new Map<number, number>()
    for (const h of hits) support.set(index.articleOf[h.id]!, (support.get(index.articleOf[h.id]!) ?? 0) + 1)
    hits.forEach((h, i) => (all[i]!.articleSupport = support.get(index.articleOf[h.id]!)! / hits.length))
    const linear = all.map(linearScore)
    let top = 0
    let sentence = 0
    let phrase = 0
    let loose = 0
    let proximity = 0
    for (let i = 0; i < all.length; i++) {
      const f = all[i]!
      top = Math.max(top, linear[i]!)
      sentence = Math.max(sentence, f.sentenceCoverage)
      phrase = Math.max(phrase, f.phrasePairs)
      loose = Math.max(loose, f.looseCoverage)
      proximity = Math.max(proximity, f.proximity)
    }
    top ||= 1
    const answerType = ANSWER_TYPES.indexOf(question.type)
    all.forEach((f, i) => {
      // For the trees only: how the linear model sees this candidate against the best, the question's length
      // and kind, and how far some signals fall short of the best candidate's. Named property reads and writes:
      // reading a number field by a computed name allocates a box for it, thousands per question.
      f.linearRatio = linear[i]! / top
      f.questionTerms = q.ids.length
      f.answerType = answerType
      f.sentenceGap = sentence - f.sentenceCoverage
      f.phraseGap = phrase - f.phrasePairs
      f.looseGap = loose - f.looseCoverage
      f.proximityGap = proximity - f.proximity
    })
    const ranked = hits.map((hit, i): Ranked => ({ id: hit.id, score: positive(linear[i]! + treeScore(all[i]!)), features: all[i]! }))
    return ranked.sort((a, b) => b.score - a.score || a.id - b.id)
  } finally {
    for (const id of taken) slot[id] = -1
  }
}

/** Turns the features that only mean something against the other candidates into ratios to the best one. */
function normalise(all: RerankFeatures[]): void {
  let bm25 = 0
  let local = 0
  let lm = -Infinity
  let slm = -Infinity
  for (const f of all) {
    bm25 = Math.max(bm25, f.bm25)
    local = Math.max(local, f.localBm25)
    lm = Math.max(lm, f.lm)
    slm = Math.max(slm, f.slm)
  }
  for (const f of all) {
    f.bm25n = bm25 > 0 ? f.bm25 / bm25 : 0
    f.localBm25 = local > 0 ? f.localBm25 / local : 0
    // Log-likelihoods per term: their difference is a per-term likelihood ratio, 1 for the best candidate.
    f.lm = Math.exp(f.lm - lm)
    f.slm = Math.exp(f.slm - slm)
  }
}

const WEIGHTS = Object.entries(RERANK_WEIGHTS)
const ANSWER_TYPES: readonly AnswerType[] = ['sentence', 'person', 'place', 'date', 'number']

// The linear score read by position through the trees' generated reader (rerankTrees.ts), which names every
// linear feature: reading a number field by a computed name allocates a box for it, 28 per candidate.
const AT = Int32Array.from(WEIGHTS, ([name]) => RERANK_TREES.features.indexOf(name))
const AT_WEIGHT = Float64Array.from(WEIGHTS, ([, w]) => w)
const BY_NAME = WEIGHTS.filter((_, k) => AT[k]! < 0)
const row = new Float64Array(RERANK_TREES.features.length)

/** The linear score: RERANK_WEIGHTS times the features, summed. */
function linearScore(f: RerankFeatures): number {
  RERANK_TREES.read(f, row)
  let s = 0
  for (let k = 0; k < AT.length; k++) if (AT[k]! >= 0) s += AT_WEIGHT[k]! * row[AT[k]!]!
  for (const [name, w] of BY_NAME) s += w * (f[name] ?? 0)
  return s
}

/**
 * The trees (rerankBoost.ts) correct the linear score, on its scale. Callers compare scores as ratios (a
 * runner-up within 85% of the top one), so the sum must stay positive: below FLOOR it decays smoothly towards 0
 * instead, keeping the order.
 */
const FLOOR = 0.5

function positive(s: number): number {
  return s >= FLOOR ? s : FLOOR * Math.exp(s / FLOOR - 1)
}
