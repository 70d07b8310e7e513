import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generalProbability } from '../../src/answer/question/generalQuestion.js'
import { Engine } from '../../src/engine.js'

const BBC = join(import.meta.dirname, '../../../shared/news/bbc')

describe('how general a question reads, on its own', () => {
  it('scores advice, how-to and help above questions about a story', () => {
    const general = ['how do i unblock a kitchen sink', "what's the best way to learn python from scratch", 'How do I reset my router?', 'should i put my savings in an ISA']
    const news = ['what did the minister say about the merger', 'who scored the winner against Chelsea on Saturday?', 'how much did the firm pay for the stake']
    for (const g of general) for (const n of news) expect(generalProbability(g), `${g} / ${n}`).toBeGreaterThan(generalProbability(n))
  })

  it('is a probability, and a pure one', () => {
    for (const q of ['', '???', 'who did Xi send?', 'x'.repeat(500)]) {
      const p = generalProbability(q)
      expect(p).toBeGreaterThan(0)
      expect(p).toBeLessThan(1)
      expect(generalProbability(q)).toBe(p)
    }
  })
})

// The BBC corpus shares its words with many questions it is not about ("capital", "mortgage", "light", "election").
describe.runIf(existsSync(BBC))('over the BBC news corpus', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await Engine.open({ seedsDir: BBC, indexDir: null })
  }, 60_000)

  it.each([
    'should i overpay my mortgage or invest the money instead',
    'What is the capital of Canada?',
    'What is the speed of light in a vacuum?',
    'Who won the 2008 US presidential election?',
  ])('declines %j, which shares its words but not its subject', (q) => {
    const a = engine.ask(q)
    expect(a.outcome).toBe('declined')
    expect(a.citations).toEqual([])
  })

  it.each([
    ['how much did the government say it would spend on the new school buildings', 'passages or answer'],
    ['who did liverpool beat in the champions league', 'passages or answer'],
  ])('still shows passages for %j, a question about its stories', (q) => {
    const a = engine.ask(q)
    expect(a.outcome).not.toBe('declined')
    expect(a.citations.length).toBeGreaterThan(0)
  })
})
