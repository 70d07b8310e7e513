import { analyse } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import type { Citation, CitationRole, Span } from '../../types.js'
import type { Question } from '../question/question.js'
import type { Ranked } from '../rerank/rerank.js'
import { holdsSequence } from '../decide/claim.js'
import { passageAnnotation } from '../analysis/annotate.js'
import { WANTED_KINDS } from '../extract/answerFeatures.js'
import { extractAnswer } from '../extract/extract.js'
import type { QuestionShape } from '../question/questionShape.js'
import { chooseSentence, highlights, roughSentences } from '../analysis/sentence.js'

/** Another article counts as a second source from this share of the top passage's score up. */
const SECOND_SOURCE_MIN = 0.75

/** Builds one citation of a ranked passage; `sentence` is given for the primary, found cheaply otherwise. */
export function citation(
  index: SearchIndex,
  hit: Ranked,
  question: Question,
  role: CitationRole,
  sentence?: Span,
): Citation {
  const chunk = index.chunks[hit.id]!
  const span = sentence ?? chooseSentence(index, hit.id, index.cached(`rough:${hit.id}`, () => roughSentences(chunk.text)), question).span
  return {
    chunk,
    role,
    sentence: chunk.text.slice(span[0], span[1]),
    sentenceSpan: span,
    highlights: highlights(index, hit.id, question),
    score: hit.score,
    // Shared with the ranking, which ends with the answer; ask() gives the primary citation its own copy.
    features: hit.features,
  }
}

/**
 * One flat record of several sets of features, later ones winning. Copied key by key into a fresh object: V8 then
 * follows one chain of hidden classes every time. `Object.assign` of the evidence onto a spread copy of the
 * ranking features made new ones for every answer, which the garbage collector kept alive for a while: ten
 * times the memory it promoted per question, and most of the latency tail.
 */
export function mergedFeatures(...parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of parts) for (const key in part) out[key] = part[key]!
  return out
}

/**
 * The citations after the primary one, best first. A passage of another article that matches about as well is
 * marked 'supports' when it holds the short answer, and 'differs' only when it gives another value of the kind the
 * question asks for (another date, number or name): two articles that merely say different things about a story do
 * not contradict each other. The rest are 'more'.
 */
export function furtherCitations(
  index: SearchIndex,
  ranked: readonly Ranked[],
  question: Question,
  primary: Citation,
  answer: string,
  k: number,
  shape: QuestionShape,
): Citation[] {
  const out: Citation[] = []
  const answerTerms = analyse(answer).terms
  let checked = 0
  for (const hit of ranked.slice(1)) {
    if (out.length >= k - 1) break
    const c = citation(index, hit, question, 'more')
    const close = c.chunk.file !== primary.chunk.file && hit.score >= SECOND_SOURCE_MIN * primary.score
    if (close && holdsSequence(index.analysed(c.chunk.id).terms, answerTerms)) c.role = 'supports'
    else if (close && WANTED_KINDS[shape.coarse] !== undefined && checked++ < MAX_DIFFER_CHECKS && givesOtherValue(index, hit, question, shape, answerTerms)) c.role = 'differs'
    out.push(c)
  }
  return out
}

/** Passages checked for another value per answer: each is tagged, which costs ~0.4 ms. */
const MAX_DIFFER_CHECKS = 2

/** Whether the passage's own short answer to the question is of the wanted kind and not the answer given. */
function givesOtherValue(index: SearchIndex, hit: Ranked, question: Question, shape: QuestionShape, answerTerms: readonly string[]): boolean {
  const text = index.chunks[hit.id]!.text
  const best = extractAnswer(index, text, passageAnnotation(index, hit.id), question, shape).best
  if (!best?.typeMatch) return false
  const other = analyse(best.text).terms
  if (other.length === 0) return false
  return !holdsSequence(other, answerTerms) && !holdsSequence(answerTerms, other)
}
