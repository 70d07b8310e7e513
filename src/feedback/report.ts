// `npm run feedback`: what the ratings say, and the 👎 ones as question-set lines (the format of
// ../shared/eval/news-dev.jsonl, described in ../shared/eval/README.md) for the maintainer to complete, so that bad
// answers become test cases. Pure: records in, figures and lines out.
import type { FeedbackRecord, RatedPassage } from './record.js'

/** One question as rated: its latest answer and how many ratings of each kind it got. */
export interface RatedQuestion {
  question: string
  answer: string | null
  answered: boolean
  citations: RatedPassage[] | null
  good: number
  bad: number
  /** Time of the latest rating. */
  last: string
}

export interface FeedbackSummary {
  /** Ratings that count: per user and message the latest (a changed mind replaces the first click); REPL ones each. */
  ratings: number
  good: number
  bad: number
  /** Ratings that counted, of declines ("I couldn't find that"). */
  declines: { good: number; bad: number }
  /** Each question once, the most 👎 first, then the most recent. */
  questions: RatedQuestion[]
}

/** The comparison key of a question: case and whitespace folded, as the question sets compare them. */
const fold = (question: string): string => question.toLowerCase().replace(/\s+/g, ' ').trim()

export function summariseFeedback(records: readonly FeedbackRecord[]): FeedbackSummary {
  // Later lines are later ratings: the last one per user and message (or REPL answer) wins.
  const counted = new Map<string, FeedbackRecord>()
  records.forEach((record, i) => {
    const key = record.message !== null ? `${record.user ?? '-'}:${record.message}` : `#${i}`
    counted.delete(key)
    counted.set(key, record)
  })
  const byQuestion = new Map<string, RatedQuestion>()
  const summary: FeedbackSummary = { ratings: 0, good: 0, bad: 0, declines: { good: 0, bad: 0 }, questions: [] }
  for (const record of [...counted.values()].sort((a, b) => a.at.localeCompare(b.at))) {
    summary.ratings++
    summary[record.verdict]++
    if (!record.answered) summary.declines[record.verdict]++
    const key = fold(record.question)
    const entry = byQuestion.get(key) ?? { ...shown(record), good: 0, bad: 0, last: record.at }
    Object.assign(entry, shown(record), { last: record.at })
    entry[record.verdict]++
    byQuestion.set(key, entry)
  }
  summary.questions = [...byQuestion.values()].sort((a, b) => b.bad - a.bad || b.last.localeCompare(a.last))
  return summary
}

function shown(record: FeedbackRecord): Pick<RatedQuestion, 'question' | 'answer' | 'answered' | 'citations'> {
  return { question: record.question, answer: record.answer, answered: record.answered, citations: record.citations }
}

/**
 * The questions with a 👎, one line each, with exactly the question set's keys. What the right answer is stays for
 * the maintainer to fill in: `article`, `passage_any`, `answer_any` and `kind` (and `unanswerable` to check).
 */
export function badQuestionLines(summary: FeedbackSummary): string[] {
  return summary.questions
    .filter((q) => q.bad > 0)
    .map((q) => JSON.stringify({ q: q.question, article: '', unanswerable: false, passage_any: [], answer_any: [], kind: '' }))
}

/** The summary as text, for the terminal. */
export function renderFeedbackSummary(summary: FeedbackSummary, limit = 20): string {
  const lines = [
    `${summary.ratings} rating${summary.ratings === 1 ? '' : 's'} of ${summary.questions.length} question${summary.questions.length === 1 ? '' : 's'}: ` +
      `👍 ${summary.good} good, 👎 ${summary.bad} bad` +
      (summary.declines.good + summary.declines.bad > 0
        ? ` (of declines: 👍 ${summary.declines.good}, 👎 ${summary.declines.bad})`
        : ''),
  ]
  const bad = summary.questions.filter((q) => q.bad > 0)
  if (bad.length > 0) lines.push('', 'Rated bad (most 👎 first):')
  for (const q of bad.slice(0, limit)) {
    const said = q.answered ? (q.answer === null ? 'answered' : `answered "${q.answer}"`) : 'declined'
    const source = q.citations?.[0] ? ` · ${q.citations[0].file} ¶ ${q.citations[0].paragraph}` : ''
    lines.push(`  👎 ${q.bad}${q.good > 0 ? ` 👍 ${q.good}` : ''}  "${q.question}" → ${said}${source}`)
  }
  if (bad.length > limit) lines.push(`  … and ${bad.length - limit} more`)
  return lines.join('\n')
}
