// The reranker's weights. How they were obtained and how to refit them: README.md › "Tuning"; scripts in bench/.

/** Linear reranker over the features of `RerankFeatures` (rerank.ts). */
export const RERANK_WEIGHTS: Readonly<Record<string, number>> = {
  bm25n: 0.736,
  article: 0.762,
  articleCoverage: 0,
  coverage: 0.368,
  textCoverage: 0.017,
  sentenceCoverage: 0.782,
  proximity: 0.56,
  bigrams: 0.32,
  headingMatch: 1.031,
  exact: 0,
  wordPairs: 0,
  window8: 0,
  window16: 0,
  typeCue: 0.423,
}
