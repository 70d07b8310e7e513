import { beforeAll, describe, expect, it } from 'vitest'
import { ask, datedText, deliberate } from '../../src/answer/ask.js'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import { passageAnnotation } from '../../src/answer/analysis/annotate.js'
import { extractAnswer } from '../../src/answer/extract/extract.js'
import { parseQuestion } from '../../src/answer/question/question.js'
import { questionShape } from '../../src/answer/question/questionShape.js'
import { Engine } from '../../src/engine.js'
import { SEEDS } from '../support/tempSeeds.js'
import { indexOf } from './helpers.js'

// "and when was that?" after "who did Xi send?": the date of the event the previous exchange was about, not a
// date in an aside about the person it named ("Han Zheng (formerly … from 2017 to 2022)").
/** The short answer the extractor offers, whether or not the claim model then claims it. */
function candidate(index: SearchIndex, question: string, options: Parameters<typeof deliberate>[2] = {}): string | null {
  const d = deliberate(index, question, options)
  return d.kind === 'weighed' ? (d.short?.text ?? null) : null
}

describe('a date follow-up over the seeds', () => {
  let engine: Engine
  let index: SearchIndex
  beforeAll(async () => {
    engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
    index = buildSearchIndex((await loadCorpus(SEEDS)).chunks)
  })
  const previous = { question: 'who did Xi send?', answer: 'Vice President Han Zheng' }

  it('answers the previous answer as usual', () => {
    expect(engine.ask(previous.question).answer).toBe(previous.answer)
  })

  // The send was announced on the article's date: "Chinese authorities also announced today that Vice President
  // Han Zheng (…) will be attending Trump's inauguration".
  it.each(['and when was that?', 'when was that?', 'and when?', 'when was this announced?'])('%s → the day it was announced', (question) => {
    const a = engine.ask(question, { previous })
    // Claimed or not, the passage that announces the envoy comes first, and "today" is the date it offers.
    expect(a.outcome).not.toBe('declined')
    expect(a.citations.some((c) => c.chunk.text.includes('announced today that Vice President Han Zheng'))).toBe(true)
    if (a.outcome === 'answer') expect(a.answer).toBe('today (2025-01-17)')
  })

  it('never dates the event with the envoy’s term of office', () => {
    expect(candidate(index, 'and when was that?', { previous })).not.toMatch(/2017|2022/)
    expect(engine.ask('and when was that?', { previous }).answer ?? '').not.toMatch(/2017|2022/)
  })

  it('dates the article’s own weekday and "today", and leaves another weekday as written', () => {
    // "The decision, announced Friday in China…" in an article dated Friday 17 January 2025.
    const a = engine.ask('when was the decision announced?')
    expect(a.citations[0]!.chunk.text).toContain('announced Friday')
    if (a.outcome === 'answer') expect(a.answer).toBe('Friday (2025-01-17)')
    const id = index.chunks.findIndex((c) => c.text.includes('announced Friday'))
    expect(index.chunks[id]!.date).toBe('2025-01-17')
    expect(datedText('Friday', { id }, index)).toBe('Friday (2025-01-17)')
    expect(datedText('today', { id }, index)).toBe('today (2025-01-17)')
    expect(datedText('yesterday', { id }, index)).toBe('yesterday (2025-01-16)')
    expect(datedText('Monday', { id }, index)).toBe('Monday')
  })
})

const LIBRARY = `New library opens in Port Elland

date 2024-05-04

Mayor Ann Lee (in office from 2009 to 2015) will open the new library on Saturday, the council said.

The library holds 80,000 books and a children's reading room.
`

describe('a bracketed aside after a name', () => {
  const index = indexOf([{ file: 'news/library.txt', text: LIBRARY }])
  const previous = { question: 'who will open the library?', answer: 'Mayor Ann Lee' }

  it('gives no date to a follow-up about the event', () => {
    for (const q of ['and when is that?', 'when was that?']) {
      expect(candidate(index, q, { previous })).toBe('Saturday')
      expect(ask(index, q, { previous }).answer ?? '').not.toMatch(/2009|2015/)
    }
  })

  it('still answers a question about the person asked on its own', () => {
    expect(candidate(index, 'When was Ann Lee in office?')).toMatch(/^(?:from )?2009(?: to 2015)?$/)
  })

  it('still answers a follow-up whose own words are in the aside', () => {
    const question = 'and when was she in office?'
    const parsed = parseQuestion(question, previous)
    if (!parsed.ok) throw new Error('not parsed')
    const id = index.chunks.findIndex((c) => c.text.includes('Ann Lee'))
    const extraction = extractAnswer(index, index.chunks[id]!.text, passageAnnotation(index, id), parsed.question, questionShape(question))
    // Her term of office, not the library's opening day.
    expect(extraction.best?.text).toMatch(/^(?:from )?2009(?: to 2015)?$/)
  })
})
