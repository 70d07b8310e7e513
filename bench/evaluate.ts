// Turns per-question outcomes into the reported figures. Shared by the in-process benchmark (main.ts) and the
// CLI reproduction (scoreCli.ts), so both print numbers computed the same way.
import type { SquadQuestion } from './squad.js'
import { containsAnswer, exactMatch, f1Score, maxOverGold, rankOf } from './metrics.js'
import { shortAnswerRight } from './news/newsQuestions.js'

/** What one engine did with one question. */
export interface Outcome {
  question: SquadQuestion
  /** Paragraph ids, best first, repeats removed. */
  ranked: number[]
  /** Answer fields: only for engines that answer (this engine, the CLI). `answered`: a short answer was claimed. */
  answered?: boolean
  answer?: string | null
  /** The top citation's sentence, if there was a citation. */
  sentence?: string | null
}

export interface RetrievalSummary {
  /** Answerable questions scored (gold = the question's own paragraph). */
  n: number
  r1: number
  r5: number
  mrr10: number
}

export interface AnswerSummary {
  /** Answerable questions. */
  answerable: number
  /** Exact match and token F1 on answerable questions, 0..100; a declined or null answer scores 0. */
  em: number
  f1: number
  /** Share of answerable questions whose top citation's sentence contains a gold answer. */
  sentenceContainsAnswer: number
  /** Share of answerable questions given a short answer. */
  answerRate: number
  /** Claimed short answers that are right (hold a gold answer, at most max(12, 3 × its words) words), over all claimed. */
  precision: number
  /** Right claimed short answers over the answerable questions. */
  coverage: number
  /** The rest is only set when the subset holds unanswerable (SQuAD 2.0) questions. */
  unanswerable?: number
  /** Share of unanswerable questions that were declined. */
  declineRate?: number
  /** Mean of answerRate and declineRate. */
  balancedAccuracy?: number
  /** Official SQuAD 2.0 EM/F1 over all questions: declining an unanswerable question scores 100. */
  officialEm?: number
  officialF1?: number
}

export function summariseRetrieval(outcomes: readonly Outcome[]): RetrievalSummary {
  let n = 0
  let r1 = 0
  let r5 = 0
  let mrr = 0
  for (const o of outcomes) {
    if (o.question.impossible) continue
    n++
    const rank = rankOf(o.ranked, o.question.paragraph, 10)
    if (rank === null) continue
    if (rank === 1) r1++
    if (rank <= 5) r5++
    mrr += 1 / rank
  }
  return { n, r1: ratio(r1, n), r5: ratio(r5, n), mrr10: ratio(mrr, n) }
}

export function summariseAnswers(outcomes: readonly Outcome[]): AnswerSummary {
  let answerable = 0
  let em = 0
  let f1 = 0
  let contains = 0
  let answered = 0
  let unanswerable = 0
  let declined = 0
  let claimed = 0
  let right = 0
  for (const o of outcomes) {
    const prediction = o.answered && o.answer ? o.answer : ''
    if (o.answered) claimed++
    if (o.question.impossible) {
      unanswerable++
      if (!o.answered) declined++
      continue
    }
    answerable++
    if (o.answered) answered++
    if (o.answered && shortAnswerRight(o.answer ?? null, o.question.answers)) right++
    if (prediction !== '') {
      em += maxOverGold(exactMatch, prediction, o.question.answers)
      f1 += maxOverGold(f1Score, prediction, o.question.answers)
    }
    if (o.sentence && containsAnswer(o.sentence, o.question.answers)) contains++
  }
  const summary: AnswerSummary = {
    answerable,
    em: 100 * ratio(em, answerable),
    f1: 100 * ratio(f1, answerable),
    sentenceContainsAnswer: ratio(contains, answerable),
    answerRate: ratio(answered, answerable),
    precision: ratio(right, claimed),
    coverage: ratio(right, answerable),
  }
  if (unanswerable > 0) {
    const declineRate = ratio(declined, unanswerable)
    summary.unanswerable = unanswerable
    summary.declineRate = declineRate
    summary.balancedAccuracy = (summary.answerRate + declineRate) / 2
    const total = answerable + unanswerable
    summary.officialEm = (summary.em * answerable + 100 * declined) / total
    summary.officialF1 = (summary.f1 * answerable + 100 * declined) / total
  }
  return summary
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? Number.NaN : part / whole
}
