// The reranker's weights, written by bench/tune/retrievalFit.ts: do not edit by hand, refit instead.
// Fitted on the 35 SQuAD dev-v1.1 articles that dev-v2.0 also holds (6013 questions; the 13 hold-out articles are
// neither indexed nor asked), by listwise softmax regression with non-negative weights scaled to sum to 5.
// Refit: npx tsx bench/tune/retrievalFit.ts --write   (add --folds 2 for a cross-validated check)

/** Linear reranker over the features of `RerankFeatures` (rerank.ts). */
export const RERANK_WEIGHTS: Readonly<Record<string, number>> = {
  bm25n: 0.222,
  article: 0.256,
  coverage: 0,
  textCoverage: 0,
  sentenceCoverage: 0.29,
  proximity: 0.392,
  bigrams: 0.108,
  headingMatch: 0.069,
  exact: 0.303,
  phrasePairs: 0.448,
  window8: 0.181,
  window16: 0.15,
  pairCoverage: 0.11,
  localBm25: 0.124,
  rareHit: 0.082,
  phraseTriples: 0.327,
  looseCoverage: 0.421,
  lm: 0.08,
  anchors: 0.25,
  slm: 0.195,
  context: 0.133,
  shortness: 0.34,
  articleSupport: 0.315,
  typeCue: 0.203,
  localCoverage: 0,
  localSentence: 0,
  noMissing: 0,
  nearPairs: 0,
}
