// Answer → the documented JSON object of `npm run ask -- --json`. Scripts and the benchmark read it, so the keys,
// their order and their types are a contract: nothing more, nothing less (docs/architecture.md, "The Answer value and --json").
import type { Answer, Citation } from '../types.js'
import { jsonLine } from './sanitize.js'

/** One cited passage, as `--json` prints it. */
export interface JsonCitation {
  /** Path of the article as shown to users, e.g. `seeds/001_ec95834cf9bd06a8.txt`. */
  file: string
  title: string | null
  /** The outlet. */
  source: string | null
  /** `YYYY-MM-DD`. */
  date: string | null
  /** 1-based paragraph number within the article. */
  paragraph: number
  /** The whole paragraph, as written. */
  text: string
  /** The supporting sentence, as written. */
  sentence: string
  /** Ranking score; comparable within one answer only. */
  score: number
}

/** One answer, as `--json` prints it: one object per question. */
export interface JsonAnswer {
  question: string
  /** `answer`: a short answer is claimed; `passages`: no claim, the closest passages; `declined`: the articles are not about it. */
  outcome: Answer['outcome']
  /** True exactly when `outcome` is `answer`. */
  answered: boolean
  answer: string | null
  /** Best first: the answer's passage first, or the closest passages (outcome `passages`); none when declined. */
  citations: JsonCitation[]
  /** Question words the corpus lacks, corrected before searching; present only when some were. */
  corrections?: { from: string; to: string }[]
}

/** Maps an engine `Answer` to the JSON object, keys in the documented order. */
export function toJson(answer: Answer): JsonAnswer {
  // A decline cites nothing; checking here keeps the documented promise even if that ever slips.
  const citations = answer.outcome === 'declined' ? [] : answer.citations
  return {
    question: answer.question,
    outcome: answer.outcome,
    answered: answer.answered,
    answer: answer.answered ? answer.answer : null,
    citations: citations.map(toJsonCitation),
    ...(answer.corrections ? { corrections: answer.corrections } : {}),
  }
}

/** The JSON object as one line of text (no trailing newline), no control character raw in it. */
export function formatJson(answer: Answer): string {
  return jsonLine(toJson(answer))
}

function toJsonCitation(citation: Citation): JsonCitation {
  const { chunk } = citation
  return {
    file: chunk.file,
    title: chunk.title,
    source: chunk.source,
    date: chunk.date,
    paragraph: chunk.paragraph,
    text: chunk.text,
    sentence: citation.sentence,
    score: roundScore(citation.score),
  }
}

// Four decimals keep ten thousand answers compact without changing any order that matters; a non-finite score
// would become `null` in JSON and break the "score is a number" promise.
function roundScore(score: number): number {
  return Number.isFinite(score) ? Math.round(score * 1e4) / 1e4 : 0
}
