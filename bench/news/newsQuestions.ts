// The chat-style question sets over the BBC News corpus (../shared/eval/news-dev.jsonl and the repo's own fitting
// set): reading them and judging an engine's output against them, shared by the bench and the fitting scripts.
import { readFileSync } from 'node:fs'

export interface NewsQuestion {
  q: string
  article: string
  unanswerable: boolean
  passage_any: string[]
  answer_any: string[]
  kind: string
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

/** What one engine did with one question: the passages it ranked, and (for answering engines) its answer. */
export interface NewsOutcome {
  question: NewsQuestion
  passages: string[]
  answered?: boolean
  answer?: string | null
}

export interface NewsSummary {
  answerable: number
  unanswerable: number
  p1: number
  hit5: number
  /** Answering engines only. */
  answerRight?: number
  unanswerableDeclined?: number
  answerableDeclined?: number
  byKind: Record<string, { n: number; p1: number }>
}

export function summariseNews(outcomes: readonly NewsOutcome[]): NewsSummary {
  const pos = outcomes.filter((o) => !o.question.unanswerable)
  const neg = outcomes.filter((o) => o.question.unanswerable)
  const share = (xs: readonly NewsOutcome[], f: (o: NewsOutcome) => boolean): number => (xs.length === 0 ? 0 : xs.filter(f).length / xs.length)
  const top1 = (o: NewsOutcome): boolean => o.passages.length > 0 && passageMatches(o.question, o.passages[0]!)
  const byKind: NewsSummary['byKind'] = {}
  for (const o of pos) {
    const k = (byKind[o.question.kind] ??= { n: 0, p1: 0 })
    k.n++
    if (top1(o)) k.p1++
  }
  const summary: NewsSummary = {
    answerable: pos.length,
    unanswerable: neg.length,
    p1: share(pos, top1),
    hit5: share(pos, (o) => o.passages.slice(0, 5).some((p) => passageMatches(o.question, p))),
    byKind,
  }
  if (outcomes.some((o) => o.answered !== undefined)) {
    summary.answerRight = share(pos, (o) => o.answered === true && answerMatches(o.question, o.answer ?? null))
    summary.unanswerableDeclined = share(neg, (o) => o.answered === false)
    summary.answerableDeclined = share(pos, (o) => o.answered === false)
  }
  return summary
}
