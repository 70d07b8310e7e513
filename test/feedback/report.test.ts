// What `npm run feedback` makes of the ratings: counts that take a user's latest rating of an answer, and the 👎
// questions as lines of a question set (../shared/eval/README.md) with the expected answers left to fill in.
import { describe, expect, it } from 'vitest'
import type { FeedbackRecord } from '../../src/feedback/record.js'
import { badQuestionLines, renderFeedbackSummary, summariseFeedback } from '../../src/feedback/report.js'

let clock = 0
const rating = (question: string, verdict: 'good' | 'bad', user: string | null, message: string | null, answered = true): FeedbackRecord => ({
  v: 1,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  verdict,
  from: user === null ? 'repl' : 'discord',
  question,
  answer: answered ? `answer to ${question}` : null,
  answered,
  citations: [{ file: 'seeds/a.txt', paragraph: 3, text: 'passage' }],
  user,
  message,
})

describe('summariseFeedback', () => {
  it('counts each user’s latest rating of an answer, and groups questions case- and space-insensitively', () => {
    const records = [
      rating('who did Xi send?', 'good', 'u1', 'm1'),
      rating('who did Xi send?', 'bad', 'u1', 'm1'), // changed mind: replaces the first
      rating('Who did  Xi send?', 'bad', 'u2', 'm2'),
      rating('What is the JCCIC?', 'good', 'u1', 'm3'),
      rating('Who directed Titanic?', 'bad', null, null, false),
    ]
    const summary = summariseFeedback(records)
    expect([summary.ratings, summary.good, summary.bad]).toEqual([4, 1, 3])
    expect(summary.declines).toEqual({ good: 0, bad: 1 })
    expect(summary.questions.map((q) => [q.question, q.good, q.bad])).toEqual([
      ['Who did  Xi send?', 0, 2],
      ['Who directed Titanic?', 0, 1],
      ['What is the JCCIC?', 1, 0],
    ])
  })
})

describe('badQuestionLines', () => {
  it('writes each 👎 question once, with exactly the question set’s keys, the expected answers left empty', () => {
    const summary = summariseFeedback([
      rating('who did Xi send?', 'bad', 'u1', 'm1'),
      rating('who did xi send?', 'bad', 'u2', 'm2'),
      rating('What is the JCCIC?', 'good', 'u1', 'm3'),
    ])
    const lines = badQuestionLines(summary).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toEqual([{ q: 'who did xi send?', article: '', unanswerable: false, passage_any: [], answer_any: [], kind: '' }])
    expect(Object.keys(lines[0]!)).toEqual(['q', 'article', 'unanswerable', 'passage_any', 'answer_any', 'kind'])
  })
})

describe('renderFeedbackSummary', () => {
  it('gives the counts and lists the bad answers with what the bot said and cited', () => {
    const text = renderFeedbackSummary(
      summariseFeedback([rating('who did Xi send?', 'bad', 'u1', 'm1'), rating('Who is Titanic’s director?', 'bad', 'u1', 'm2', false)]),
    )
    expect(text).toContain('2 ratings of 2 questions: 👍 0 good, 👎 2 bad (of declines: 👍 0, 👎 1)')
    expect(text).toContain('"who did Xi send?" → answered "answer to who did Xi send?" · seeds/a.txt ¶ 3')
    expect(text).toContain('"Who is Titanic’s director?" → declined')
  })
})
