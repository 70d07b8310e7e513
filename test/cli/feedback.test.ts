// Feedback from the terminal: `:good` / `:bad` in the REPL, and `npm run feedback`, which summarises the ratings and
// writes the bad ones as a question file for the maintainer to complete.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFeedback } from '../../src/feedback/log.js'
import { makeWorkspace, run } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
let feedbackFile: string
beforeAll(() => {
  ws = makeWorkspace()
  feedbackFile = join(ws.dir, 'ratings', 'feedback.jsonl')
})
afterAll(() => ws?.remove())

describe('the REPL’s :good and :bad', () => {
  it('rate the last answer; a second rating of the same answer replaces the first', async () => {
    const input = [':good', 'who did Xi send?', ':good', ':bad', 'Who directed the movie Titanic?', ':bad', ':quit'].join('\n')
    const result = await run('main', [], { input, env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, FEEDBACK_FILE: feedbackFile } })
    expect(result.code).toBe(0)
    const replies = result.stdout.trim().split('\n\n')
    expect(replies[0]).toBe('Nothing to rate yet: ask a question first.')
    expect(result.stdout).toContain(`Noted: 👍 a good answer to "who did Xi send?" (saved to ${feedbackFile}).`)
    expect(result.stdout).toContain(`Noted: 👎 a bad answer to "who did Xi send?" (saved to ${feedbackFile}).`)
    expect(result.stdout).toContain('Noted: 👎 a bad answer to "Who directed the movie Titanic?"')

    const { records } = readFeedback(feedbackFile)
    expect(records.map((r) => [r.verdict, r.question, r.answered])).toEqual([
      ['good', 'who did Xi send?', true],
      ['bad', 'who did Xi send?', true],
      ['bad', 'Who directed the movie Titanic?', false],
    ])
    expect(records[0]).toMatchObject({ from: 'repl', user: null, answer: 'Vice President Han Zheng' })
    expect(records[0]!.message).toBe(records[1]!.message)
    expect(records[0]!.citations![0]!.text).toContain('sending Vice President Han Zheng')
  })
})

describe('npm run feedback', () => {
  it('summarises the ratings and writes the 👎 questions in the question-set format', async () => {
    const result = await run('feedback', [], { env: { FEEDBACK_FILE: feedbackFile } })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('2 ratings of 2 questions: 👍 0 good, 👎 2 bad (of declines: 👍 0, 👎 1)')
    expect(result.stdout).toContain('"who did Xi send?" → answered "Vice President Han Zheng"')
    const out = join(ws.dir, 'ratings', 'feedback-questions.jsonl')
    expect(result.stdout).toContain(`Wrote 2 questions to ${out}.`)
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((l) => l.q).sort()).toEqual(['Who directed the movie Titanic?', 'who did Xi send?'])
    for (const line of lines) expect(line).toEqual({ q: line.q, article: '', unanswerable: false, passage_any: [], answer_any: [], kind: '' })
  })

  it('reads several files (one per replica) and writes where --out says', async () => {
    const out = join(ws.dir, 'cases.jsonl')
    const result = await run('feedback', [feedbackFile, feedbackFile, '--out', out], { env: {} })
    expect(result.code).toBe(0)
    // The same ratings twice: each user's latest rating of an answer counts once.
    expect(result.stdout).toContain('2 ratings of 2 questions')
    expect(existsSync(out)).toBe(true)
  })

  it('says so when there are no ratings yet', async () => {
    const result = await run('feedback', [], { env: { FEEDBACK_FILE: join(ws.dir, 'none.jsonl') } })
    expect([result.code, result.stdout]).toEqual([0, `No ratings yet in ${join(ws.dir, 'none.jsonl')}.\n`])
  })
})
