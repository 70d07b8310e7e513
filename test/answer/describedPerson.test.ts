import { beforeAll, describe, expect, it } from 'vitest'
import { deliberate } from '../../src/answer/ask.js'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { Engine } from '../../src/engine.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import { SEEDS } from '../support/tempSeeds.js'
import { asker, indexOf } from './helpers.js'

// A who-question asked in the words of a person's description (a title before the name, an apposition after it)
// is answered by the name, on the real seed articles.
describe('the person a passage describes in the question’s words', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
  })

  it.each([
    ['which italian leader got an invite', 'Giorgia Meloni'],
    ["who's the president of el salvador", 'Nayib Bukele'],
    ['which argentinian president was invited', 'Javier Milei'],
    ['who runs the china program at stimson', 'Sun Yun'],
  ])('%s → %s', (question, name) => {
    const a = engine.ask(question)
    expect(a.answered).toBe(true)
    expect(a.answer).toBe(name)
    expect(a.citations[0]!.sentence).toContain(name)
  })

  it('leaves a question that names the person to the extractor ("who did Xi send?")', () => {
    expect(engine.ask('who did Xi send?').answer).toBe('Vice President Han Zheng')
  })

  it('reads a surname in the answer’s sentence as the full name the passage gave earlier', async () => {
    // ¶17 says "Sen. Marco Rubio of Florida" once, then "Rubio called China …".
    const a = engine.ask('How did Marco Rubio describe China?')
    // The quotation is the short answer the extractor finds; the claim model decides whether to claim it.
    expect(a.citations[0]!.sentence).toContain('most potent, dangerous and near-peer adversary')
    if (a.outcome === 'answer') expect(a.answer).toContain('most potent, dangerous and near-peer adversary')
    const d = deliberate(buildSearchIndex((await loadCorpus(SEEDS)).chunks), 'How did Marco Rubio describe China?')
    expect(d.kind === 'weighed' && d.short?.text).toContain('most potent, dangerous and near-peer adversary')
  })
})

describe('a role written before the name', () => {
  const ask = asker(
    indexOf([
      {
        file: 'business/timewarner.txt',
        text: `Time Warner profits rise

Time Warner's fourth quarter profits were slightly better than analysts' expectations. "Our financial performance was strong," chairman and chief executive Richard Parsons said.

Its film division saw profits slump 27% to $284m, helped by box-office flops Alexander and Catwoman.
`,
      },
    ]),
  )

  it('answers "Who is the chief executive of Time Warner?" with Richard Parsons', () => {
    const a = ask('Who is the chief executive of Time Warner?')
    expect(a.answer).toBe('Richard Parsons')
  })
})
