// The chat-style question sets over the BBC News corpus (../shared/eval/news-dev.jsonl and the repo's own fitting
// set): reading them and judging an engine's output against them, shared by the bench and the fitting scripts.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface NewsQuestion {
  q: string
  article: string
  unanswerable: boolean
  passage_any: string[]
  answer_any: string[]
  kind: string
}

/**
 * Our chat-style fitting questions over the BBC corpus, `fit-questions.jsonl` and `fit-chat-*.jsonl` beside this file,
 * in name order: what the fitting scripts learn from (news-dev is only measured).
 */
export function fitChatFiles(): string[] {
  const dir = import.meta.dirname
  return readdirSync(dir).filter((f) => /^fit-(questions|chat-\d+)\.jsonl$/.test(f)).sort().map((f) => join(dir, f))
}

/** Our off-topic questions kept for measuring (`npm run bench -- --news` reports them): never fitted on. */
export const OFF_TOPIC_DEV_FILE = join(import.meta.dirname, 'offtopic-dev.jsonl')

/** Our off-topic fitting questions, `offtopic-*.jsonl` beside this file but `offtopic-dev.jsonl`, in name order. */
export function offTopicFitFiles(): string[] {
  const dir = import.meta.dirname
  return readdirSync(dir).filter((f) => f.startsWith('offtopic-') && f.endsWith('.jsonl')).sort().map((f) => join(dir, f)).filter((f) => f !== OFF_TOPIC_DEV_FILE)
}

/** Reads a JSONL question file; a malformed line names its line number. */
export function loadNewsQuestions(path: string): NewsQuestion[] {
  const out: NewsQuestion[] = []
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    let v: unknown
    try {
      v = JSON.parse(line)
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`)
    }
    const o = v as Partial<NewsQuestion>
    if (typeof o.q !== 'string' || typeof o.article !== 'string' || !Array.isArray(o.passage_any) || !Array.isArray(o.answer_any)) {
      throw new Error(`${path}:${i + 1}: needs q, article, passage_any and answer_any`)
    }
    out.push({ q: o.q, article: o.article, unanswerable: o.unanswerable === true, passage_any: o.passage_any, answer_any: o.answer_any, kind: o.kind ?? 'other' })
  })
  return out
}

/** How passages, answers and question texts are compared: case, curly single quotes and whitespace runs folded. */
export const fold = (s: string): string => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ')

/** A passage is right when it holds one of the question's verbatim strings. */
export function passageMatches(q: NewsQuestion, text: string): boolean {
  const t = fold(text)
  return q.passage_any.some((p) => t.includes(fold(p)))
}

/** A short answer is right when it contains one of the accepted answers (case-insensitive). */
export function answerMatches(q: NewsQuestion, answer: string | null): boolean {
  if (answer === null) return false
  const a = fold(answer)
  return q.answer_any.some((g) => a.includes(fold(g)))
}

const wordsOf = (s: string): number => s.split(/\s+/).filter(Boolean).length

/**
 * A claimed short answer is right when it contains an accepted answer (case-insensitive) and is at most
 * max(12, 3 × that answer's words) words long: containment alone would reward long answers (../shared/eval/README.md).
 */
export function shortAnswerRight(answer: string | null, accepted: readonly string[]): boolean {
  if (answer === null) return false
  const a = fold(answer)
  return accepted.some((g) => a.includes(fold(g)) && wordsOf(answer) <= Math.max(12, 3 * wordsOf(g)))
}

/** What one engine did with one question: the passages it ranked, and (for answering engines) what it claimed. */
export interface NewsOutcome {
  question: NewsQuestion
  passages: string[]
  /** Answering engines only: `answer`, `passages` or `declined`. */
  outcome?: 'answer' | 'passages' | 'declined'
  answer?: string | null
}

/** Counts by question kind: how many, first passage right, short answers claimed and right. */
export interface KindCounts {
  n: number
  p1: number
  claimed: number
  right: number
}

export interface NewsSummary {
  answerable: number
  unanswerable: number
  offTopic: number
  /** Over the answerable questions, whatever the outcome: the first, first three, first five citations. */
  p1: number
  hit3: number
  hit5: number
  /** Answering engines only (NaN where the set has no such question). */
  claimed?: number
  /** Claimed short answers that are right, over all claimed. */
  precision?: number
  /** Right short answers over the answerable questions. */
  coverage?: number
  /** Unanswerable questions (about a story, for a detail it lacks) given a short answer. */
  unanswerableClaimed?: number
  /** Off-topic questions declined (no passages). */
  offTopicDeclined?: number
  /** Answerable questions declined (no passages shown). */
  answerableDeclined?: number
  byKind: Record<string, KindCounts>
}

export function summariseNews(outcomes: readonly NewsOutcome[]): NewsSummary {
  const offTopic = outcomes.filter((o) => o.question.kind === 'offtopic')
  const pos = outcomes.filter((o) => !o.question.unanswerable)
  const neg = outcomes.filter((o) => o.question.unanswerable && o.question.kind !== 'offtopic')
  const share = (xs: readonly NewsOutcome[], f: (o: NewsOutcome) => boolean): number => (xs.length === 0 ? NaN : xs.filter(f).length / xs.length)
  const hit = (n: number) => (o: NewsOutcome): boolean => o.passages.slice(0, n).some((p) => passageMatches(o.question, p))
  const claimed = (o: NewsOutcome): boolean => o.outcome === 'answer'
  const right = (o: NewsOutcome): boolean => claimed(o) && !o.question.unanswerable && shortAnswerRight(o.answer ?? null, o.question.answer_any)
  const byKind: NewsSummary['byKind'] = {}
  for (const o of outcomes) {
    const k = (byKind[o.question.kind] ??= { n: 0, p1: 0, claimed: 0, right: 0 })
    k.n++
    if (!o.question.unanswerable && hit(1)(o)) k.p1++
    if (claimed(o)) k.claimed++
    if (right(o)) k.right++
  }
  const summary: NewsSummary = {
    answerable: pos.length,
    unanswerable: neg.length,
    offTopic: offTopic.length,
    p1: share(pos, hit(1)),
    hit3: share(pos, hit(3)),
    hit5: share(pos, hit(5)),
    byKind,
  }
  if (outcomes.some((o) => o.outcome !== undefined)) {
    const claims = outcomes.filter(claimed)
    summary.claimed = claims.length
    summary.precision = claims.length === 0 ? NaN : claims.filter(right).length / claims.length
    summary.coverage = share(pos, right)
    summary.unanswerableClaimed = share(neg, claimed)
    summary.offTopicDeclined = share(offTopic, (o) => o.outcome === 'declined')
    summary.answerableDeclined = share(pos, (o) => o.outcome === 'declined')
  }
  return summary
}
