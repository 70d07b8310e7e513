import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../src/engine.js'
import { SEEDS } from './support/tempSeeds.js'

// A copy of ../shared/eval/seed-questions.jsonl, so that a clone without ../shared still tests it.
interface SeedQuestion {
  q: string
  passage_any?: string[]
  answer_any?: string[] | null
  unanswerable?: boolean
}
const questions: SeedQuestion[] = readFileSync(resolve(import.meta.dirname, 'fixtures/seed-questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as SeedQuestion)

const includesAny = (text: string | null | undefined, any: readonly string[]) =>
  !!text && any.some((s) => text.toLowerCase().includes(s.toLowerCase()))

describe('the sample questions about the seeds', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
  })
  const answerable = questions.filter((q) => !q.unanswerable)
  const unanswerable = questions.filter((q) => q.unanswerable)

  it('has the top passage right for at least 90% of the answerable ones', () => {
    const wrong = answerable.filter((q) => !includesAny(engine.ask(q.q).citations[0]?.chunk.text, q.passage_any ?? []))
    expect(wrong.length / answerable.length, `top passage wrong: ${wrong.map((q) => q.q).join(' | ')}`).toBeLessThanOrEqual(0.1)
  })

  it('claims short answers only when they are right, and claims some', () => {
    const withAnswer = answerable.filter((q) => q.answer_any)
    const claimed = withAnswer.map((q) => ({ q, a: engine.ask(q.q) })).filter(({ a }) => a.outcome === 'answer')
    const wrong = claimed.filter(({ q, a }) => !includesAny(a.answer, q.answer_any!)).map(({ q, a }) => `${q.q} → ${a.answer}`)
    expect(wrong).toEqual([])
    // "who did Xi send?", the JCCIC, Bukele, the tariffs, the day of the inauguration at least.
    expect(claimed.length).toBeGreaterThanOrEqual(5)
  })

  it('for "how does X describe Y", cites the passage quoting a description of Y over one that only names it', () => {
    // "… has also in the past praised his relationship with Xi" ranks first on its words; the quotation is the answer.
    const a = engine.ask('How does Trump describe his relationship with Xi?')
    expect(a.citations[0]!.sentence).toContain('a very good relationship')
    if (a.outcome === 'answer') expect(a.answer).toContain('very good relationship')
  })

  it('shows passages for every answerable question rather than declining it', () => {
    const declined = answerable.filter((q) => engine.ask(q.q).outcome === 'declined').map((q) => q.q)
    expect(declined).toEqual([])
  })

  it.each(unanswerable.map((q) => q.q))('claims no short answer to %j', (q) => {
    const answer = engine.ask(q)
    expect(answer.outcome).not.toBe('answer')
    expect(answer.answered).toBe(false)
    expect(answer.answer).toBeNull()
    expect(answer.citations.every((c) => c.role === 'related')).toBe(true)
  })
})
