import { describe, expect, it } from 'vitest'
import { parseQuestion } from '../../src/answer/question/question.js'
import { rankPassages } from '../../src/answer/retrieve/rank.js'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { Engine } from '../../src/engine.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'

// The meaning stage: a question in other words than the article's still finds the paragraph that answers it.
const ROBOT = `Hitachi shows off its walking robot

Japanese electronics giant Hitachi has unveiled a robot called Emiew that can walk and talk with people in offices and hospitals, the company said on Monday.

The robot stands 1.3m (4.2ft) in height and weighs about 13kg, and it moves on two wheels at up to 6km/h.

Hitachi said the robot could be working as a guide in shops within five years.
`

const BANK = `Bank raises interest rates again

The Bank of England has raised interest rates to 4.75%, the fifth rise since November 2003.

The Bank's governor Mervyn King said the rise was needed to keep inflation in check as house prices climbed.
`

describe('rerankByMeaning (through ask)', () => {
  const engine = Engine.fromTexts([
    { file: 'tech/robot.txt', text: ROBOT },
    { file: 'business/bank.txt', text: BANK },
  ])

  it('credits a passage for words that mean what the question says ("boss" for "governor")', () => {
    const answer = engine.ask('who is the boss of the bank of england')
    const top = answer.citations[0]!
    expect(top.chunk.file).toBe('business/bank.txt')
    // "boss" is in no article: only its meaning can match, so the soft coverage exceeds the exact one.
    expect(top.features.soft).toBeGreaterThan(0)
    expect(top.features.softSentence).toBeGreaterThan(0)
  })

  it('sees the kind of value a question asks for ("how tall" → a measure)', () => {
    // Read from the ranking itself: whether ask() answers from a two-article corpus is the decline model's call.
    const index = buildSearchIndex(corpusFromTexts([{ file: 'tech/robot.txt', text: ROBOT }]).chunks)
    const parsed = parseQuestion('how tall is the emiew robot hitachi made')
    if (!parsed.ok) throw new Error('question not parsed')
    const ranked = rankPassages(index, parsed.question, 5)
    const height = ranked.find((r) => index.chunks[r.id]!.paragraph === 2)
    const lead = ranked.find((r) => index.chunks[r.id]!.paragraph === 1)
    expect(height?.features.cueFit).toBeGreaterThan(0)
    expect(lead?.features.cueFit).toBe(0)
    expect(index.chunks[ranked[0]!.id]!.paragraph).toBe(2)
  })

  it('leaves a question that copies the article to the first stage', () => {
    const answer = engine.ask('The Bank of England has raised interest rates to what?')
    expect(answer.citations[0]?.chunk.paragraph).toBe(1)
    expect(answer.citations[0]?.features.soft).toBe(0)
  })
})
