import { analyse } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import type { Citation, CitationRole, Span } from '../../types.js'
import type { Question } from '../question/question.js'
import type { Ranked } from '../rerank/rerank.js'
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
 * The citations after the primary one, best first: passages from other articles that match about as well
 * are marked as agreeing ('supports') or not ('differs') with the answer; the rest are 'more'.
 */
export function furtherCitations(
  index: SearchIndex,
  ranked: readonly Ranked[],
  question: Question,
  primary: Citation,
  answer: string | null,
  k: number,
): Citation[] {
  const out: Citation[] = []
  for (const hit of ranked.slice(1)) {
    if (out.length >= k - 1) break
    const c = citation(index, hit, question, 'more')
    const otherArticle = c.chunk.file !== primary.chunk.file
    if (otherArticle && hit.score >= SECOND_SOURCE_MIN * primary.score) c.role = agrees(index, c, primary, answer, question) ? 'supports' : 'differs'
    out.push(c)
  }
  return out
}

/** A second source agrees when it contains the short answer, or (for sentence answers) says much the same beyond the question's words. */
function agrees(index: SearchIndex, other: Citation, primary: Citation, answer: string | null, question: Question): boolean {
  // The passage's terms as the index analysed them: analysing whole passages again, for up to nine citations,
  // was most of the time of an answer with close sources from other articles.
  if (answer && answer !== primary.sentence) return holdsSequence(index.analysed(other.chunk.id).terms, analyse(answer).terms)
  const own = (s: string) => new Set(analyse(s).terms.filter((t) => !question.weights.has(t)))
  const a = own(primary.sentence)
  const b = own(other.sentence)
  let shared = 0
  for (const t of a) if (b.has(t)) shared++
  return shared / Math.max(1, Math.min(a.size, b.size)) >= 0.5
}

/** Whether `seq` stands in `terms` as consecutive terms (an empty `seq` always does). */
function holdsSequence(terms: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= terms.length; i++) {
    for (let j = 0; j < seq.length; j++) if (terms[i + j] !== seq[j]) continue outer
    return true
  }
  return seq.length === 0
}
