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
    // At most 10% wrong; a failure names them.
    expect(wrong.length, `questions whose top passage is wrong: ${JSON.stringify(wrong.map((q) => q.q))}`).toBeLessThanOrEqual(
      Math.floor(answerable.length * 0.1),
    )
  })

  it('has the short answer right for at least 75% of those that have one', () => {
    const withAnswer = answerable.filter((q) => q.answer_any)
    const right = withAnswer.filter((q) => includesAny(engine.ask(q.q).answer, q.answer_any!))
    expect(right.length / withAnswer.length).toBeGreaterThanOrEqual(0.75)
  })

  it('answers every answerable question rather than declining it', () => {
    const declined = answerable.filter((q) => !engine.ask(q.q).answered).map((q) => q.q)
    expect(declined).toEqual([])
  })

  it.each(unanswerable.map((q) => q.q))('declines %j', (q) => {
    const answer = engine.ask(q)
    expect(answer.answered).toBe(false)
    expect(answer.answer).toBeNull()
    expect(answer.citations.every((c) => c.role === 'related')).toBe(true)
  })
})
