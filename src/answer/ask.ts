import type { SearchIndex } from '../index/searchIndex.js'
import type { Answer, AskOptions, Citation, DeclineReason } from '../types.js'
import { answerProbability, evidence } from './abstain.js'
import { annotate } from './annotate.js'
import type { Annotation } from './annotate.js'
import { citation, furtherCitations } from './cite.js'
import { extractAnswer } from './extract.js'
import { ABSTAIN_MODEL, RELATED_MIN_COVERAGE } from './answerWeights.js'
import { parseQuestion } from './question.js'
import type { Question } from './question.js'
import { rankPassages } from './rank.js'
import { chooseSentence } from './sentence.js'

const DEFAULT_K = 3

/** Answers one question from the index: retrieve, rerank, choose the sentence, extract, decide, cite. Pure. */
export function ask(index: SearchIndex, raw: string, options: AskOptions = {}): Answer {
  const t0 = performance.now()
  const k = Math.max(1, Math.min(50, Math.floor(options.k ?? DEFAULT_K)))
  const parsed = parseQuestion(raw, options.previous)
  if (!parsed.ok) return declined(parsed.text, parsed.reason, [], [], 0, t0)
  const question = parsed.question
  const terms = [...question.weights.keys()]
  const ranked = rankPassages(index, question, Math.max(k, 10))
  if (ranked.length === 0) return declined(question.text, 'not_found', [], terms, 0, t0)

  const top = ranked[0]!
  const ann = annotation(index, top.id)
  const chosen = chooseSentence(index, top.id, ann.sentences, question)
  const short = extractAnswer(index.chunks[top.id]!.text, ann, chosen.index, question)
  const f = evidence(index, question, ranked, chosen.coverage, short !== null)
  const p = answerProbability(f)
  const primary = citation(index, top, question, 'primary', chosen.span)
  Object.assign(primary.features, f, { probability: p })

  if (p < ABSTAIN_MODEL.threshold) {
    const related = ranked
      .filter((r) => r.features.coverage >= RELATED_MIN_COVERAGE)
      .slice(0, k)
      .map((r) => (r === top ? { ...primary, role: 'related' as const } : citation(index, r, question, 'related')))
    return declined(question.text, 'weak_evidence', related, terms, p, t0)
  }

  const answerText = short?.text ?? (question.type === 'sentence' ? primary.sentence : null)
  const answerSpan = short?.span ?? (question.type === 'sentence' ? primary.sentenceSpan : null)
  const citations: Citation[] = [primary, ...furtherCitations(index, ranked, question, primary, answerText, k)]
  return {
    question: question.text,
    answered: true,
    answer: answerText,
    answerSpan,
    answerType: question.type,
    declineReason: null,
    citations,
    confidence: p,
    terms,
    elapsedMs: performance.now() - t0,
  }
}

/** The tagged form of a passage, computed once per passage and kept with the index. */
export function annotation(index: SearchIndex, id: number): Annotation {
  return index.cached(`ann:${id}`, () => annotate(index.chunks[id]!.text))
}

function declined(
  question: string,
  reason: DeclineReason,
  citations: Citation[],
  terms: string[],
  confidence: number,
  t0: number,
): Answer {
  return {
    question,
    answered: false,
    answer: null,
    answerSpan: null,
    answerType: 'sentence',
    declineReason: reason,
    citations,
    confidence,
    terms,
    elapsedMs: performance.now() - t0,
  }
}

export type { Question }
