// The weights of sentence choice and of the decision to answer. How they were obtained and how to refit
// them: README.md › "Tuning"; scripts in bench/.

/** Sentence choice inside the top passage (sentence.ts). */
export const SENTENCE_WEIGHTS = { coverage: 1, closeness: 0.3, position: 0.05 } as const

/**
 * Logistic model of "the top passage answers the question" (abstain.ts): intercept plus one weight per
 * feature of `EvidenceFeatures`.
 */
export const ABSTAIN_MODEL = {
  intercept: -4,
  weights: {
    coverage: 3,
    sentenceCoverage: 3,
    knownShare: 1,
    margin: 1,
    bm25PerTerm: 0.3,
    missingIdf: -0.3,
    hasShortAnswer: 0.5,
  } as Readonly<Record<string, number>>,
  /** Answer when the probability reaches this. */
  threshold: 0.5,
}

/** A declined question offers passages as "maybe related" only from this coverage of its terms up. */
export const RELATED_MIN_COVERAGE = 0.5
