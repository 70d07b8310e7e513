import type { SearchIndex } from '../index/searchIndex.js'
import { ABSTAIN_MODEL } from './answerWeights.js'
import type { Question } from './question.js'
import type { Ranked } from './rerank.js'

/** The evidence for answering, as the abstention model sees it. */
export interface EvidenceFeatures {
  /** IDF-weighted share of the question's terms in the top passage. */
  coverage: number
  /** The same in the chosen sentence. */
  sentenceCoverage: number
  /** IDF-weighted share of the question's terms that occur anywhere in the corpus. */
  knownShare: number
  /** Reranker score of the top passage minus the runner-up's. */
  margin: number
  /** BM25 score of the top passage per question term. */
  bm25PerTerm: number
  /** Largest IDF among the question's terms missing from the top passage, over the largest possible IDF. */
  missingIdf: number
  /** 1 when a short answer of the expected type was found. */
  hasShortAnswer: number
  [name: string]: number
}

/** Computes the evidence features for the top-ranked passage. Pure. */
export function evidence(
  index: SearchIndex,
  question: Question,
  ranked: readonly Ranked[],
  sentenceCoverage: number,
  hasShortAnswer: boolean,
): EvidenceFeatures {
  const top = ranked[0]!
  const terms = question.terms.length ? question.terms : [...question.weights.keys()]
  const idfs = terms.map((t) => index.idf(t))
  const total = idfs.reduce((a, b) => a + b, 0) || 1
  const known = terms.reduce((a, t, i) => a + (index.knows(t) ? idfs[i]! : 0), 0)
  const inTop = new Set(index.analysed(top.id).terms)
  const maxIdf = Math.log(1 + (index.stats.docCount + 0.5) / 0.5)
  let missing = 0
  terms.forEach((t, i) => {
    if (!inTop.has(t)) missing = Math.max(missing, idfs[i]!)
  })
  return {
    coverage: top.features.coverage,
    sentenceCoverage,
    knownShare: known / total,
    margin: ranked.length > 1 ? top.score - ranked[1]!.score : top.score,
    bm25PerTerm: top.features.bm25 / Math.max(1, terms.length),
    missingIdf: missing / maxIdf,
    hasShortAnswer: hasShortAnswer ? 1 : 0,
  }
}

/** Probability that the top passage answers the question. */
export function answerProbability(f: EvidenceFeatures): number {
  let z = ABSTAIN_MODEL.intercept
  for (const [name, w] of Object.entries(ABSTAIN_MODEL.weights)) z += w * (f[name] ?? 0)
  return 1 / (1 + Math.exp(-z))
}
