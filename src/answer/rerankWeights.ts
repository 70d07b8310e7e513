// The reranker's weights, written by bench/tune/retrievalFit.ts: do not edit by hand, refit instead.
// Fitted on the 35 SQuAD dev-v1.1 articles that dev-v2.0 also holds (6013 questions; the 13 hold-out articles are
// neither indexed nor asked), by listwise softmax regression with non-negative weights scaled to sum to 5.
// Refit: npx tsx bench/tune/retrievalFit.ts --write   (add --folds 2 for a cross-validated check)

/** Linear reranker over the features of `RerankFeatures` (rerank.ts). */
export const RERANK_WEIGHTS: Readonly<Record<string, number>> = {
  bm25n: 0.224,
  article: 0.352,
  coverage: 0,
  textCoverage: 0,
  sentenceCoverage: 0.28,
  proximity: 0.399,
  bigrams: 0.147,
  headingMatch: 0.048,
  exact: 0.301,
  phrasePairs: 0.456,
  window8: 0.136,
  window16: 0.122,
  pairCoverage: 0.096,
  localBm25: 0.169,
  rareHit: 0.092,
  phraseTriples: 0.357,
  looseCoverage: 0.416,
  lm: 0.064,
  anchors: 0.239,
  slm: 0.169,
  context: 0.131,
  shortness: 0.334,
  articleSupport: 0.268,
  typeCue: 0.2,
}
