import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerMatches, loadNewsQuestions, passageMatches, summariseNews } from '../../bench/news/newsQuestions.js'

const REPO = join(import.meta.dirname, '../..')
const CORPUS = join(REPO, '../shared/news/bbc')

describe('the news question sets', () => {
  it.runIf(existsSync(CORPUS))('every fitting question quotes its article verbatim, none uses a dev article, and the new ones only fit-articles.txt', () => {
    const files = readdirSync(join(REPO, 'bench/news')).filter((f) => /^(fit|offtopic)-.*\.jsonl$/.test(f)).sort().map((f) => `bench/news/${f}`)
    expect(files.length).toBeGreaterThanOrEqual(13)
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/news/checkQuestions.ts', ...files], { cwd: REPO, encoding: 'utf8' })
    expect(out).toMatch(/offtopic-questions.jsonl: 40 questions .*; 0 problem/)
    expect(out).toMatch(/fit-chat-3.jsonl: 635 questions over 180 articles .*; 0 problem/)
    expect(out.trim().split('\n').at(-1)).toBe('OK')
  })

  it('judges passages and answers as the README says: verbatim strings, case-insensitive answers', () => {
    const [q] = loadNewsQuestions(join(REPO, 'bench/news/fit-questions.jsonl'))
    expect(q).toBeDefined()
    expect(passageMatches(q!, `… ${q!.passage_any[0]!.toUpperCase()} …`)).toBe(true)
    expect(passageMatches(q!, 'nothing of the kind')).toBe(false)
    expect(answerMatches(q!, `it was ${q!.answer_any[0]!.toLowerCase()}`)).toBe(true)
    expect(answerMatches(q!, null)).toBe(false)
    const s = summariseNews([{ question: q!, passages: ['nothing', q!.passage_any[0]!], outcome: 'answer', answer: q!.answer_any[0]! }])
    expect(s).toMatchObject({ p1: 0, hit3: 1, hit5: 1, claimed: 1, precision: 1, coverage: 1, answerableDeclined: 0 })
  })

  it('counts a long claim that merely contains the answer as wrong, and each outcome where it belongs', () => {
    const [q] = loadNewsQuestions(join(REPO, 'bench/news/fit-questions.jsonl'))
    const gold = q!.answer_any[0]!
    const long = `${gold} ${'and then many more words were said about it '.repeat(4)}`
    const offTopic = { q: 'hello?', article: '', unanswerable: true, passage_any: [], answer_any: [], kind: 'offtopic' }
    const s = summariseNews([
      { question: q!, passages: [q!.passage_any[0]!], outcome: 'answer', answer: long },
      { question: q!, passages: [], outcome: 'declined', answer: null },
      { question: offTopic, passages: [], outcome: 'declined', answer: null },
    ])
    expect(s).toMatchObject({ claimed: 1, precision: 0, coverage: 0, answerableDeclined: 0.5, offTopicDeclined: 1, offTopic: 1 })
  })
})
