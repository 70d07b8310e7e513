// One 👍 / 👎 rating, as one line of the feedback file (FEEDBACK_FILE, default index/feedback.jsonl).
import type { Answer, Outcome } from '../types.js'

export type Verdict = 'good' | 'bad'

/** A passage shown with the rated answer. */
export interface RatedPassage {
  /** The article, as `seeds/…`. */
  file: string
  /** 1-based paragraph number in the article. */
  paragraph: number
  /** The whole paragraph, as written. */
  text: string
}

/** One rating. Field order is the order written. */
export interface FeedbackRecord {
  /** Format version of the line. */
  v: 1
  /** When it was given (ISO 8601, UTC). */
  at: string
  verdict: Verdict
  /** Where it was given. */
  from: 'discord' | 'repl'
  /** The question as shown with the answer (Discord titles hold 256 characters: longer questions come back cut). */
  question: string
  /** The short answer shown in bold; null when none was claimed. */
  answer: string | null
  /** What was claimed: a short answer, the closest passages, or nothing (a rating written before outcomes: absent). */
  outcome?: Outcome
  answered: boolean
  /** The passages shown, the answer's own first; null when they can no longer be told (the articles changed since). */
  citations: RatedPassage[] | null
  /** HMAC-SHA256 of the Discord user id with this install's salt (32 hex digits); null in the REPL. Never the raw id. */
  user: string | null
  /** What was rated: a Discord message id, or `repl:…` for a REPL answer. Per user and message the latest rating counts. */
  message: string | null
}

export const VERDICTS: readonly Verdict[] = ['good', 'bad']

/** A rating of an answer the REPL showed: the whole answer is at hand there. */
export function replRecord(answer: Answer, verdict: Verdict, at = new Date()): FeedbackRecord {
  const shown = answer.citations
  return {
    v: 1,
    at: at.toISOString(),
    verdict,
    from: 'repl',
    question: answer.question,
    answer: answer.answer,
    outcome: answer.outcome,
    answered: answer.answered,
    citations: shown.map((c) => ({ file: c.chunk.file, paragraph: c.chunk.paragraph, text: c.chunk.text })),
    user: null,
    message: null,
  }
}

/** Whether a parsed line is a record this version can read. */
export function isFeedbackRecord(value: unknown): value is FeedbackRecord {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Partial<Record<keyof FeedbackRecord, unknown>>
  return (
    r.v === 1 &&
    typeof r.at === 'string' &&
    (r.verdict === 'good' || r.verdict === 'bad') &&
    typeof r.question === 'string' &&
    (r.answer === null || typeof r.answer === 'string') &&
    typeof r.answered === 'boolean' &&
    (r.outcome === undefined || r.outcome === 'answer' || r.outcome === 'passages' || r.outcome === 'declined') &&
    (r.citations === null || Array.isArray(r.citations)) &&
    (r.user === null || typeof r.user === 'string') &&
    (r.message === null || typeof r.message === 'string')
  )
}
