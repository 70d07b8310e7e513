import { describe, expect, it } from 'vitest'
import { deliberate } from '../../src/answer/ask.js'
import { swappedOpposites } from '../../src/answer/extract/antonyms.js'
import { asker, BRIDGE, indexOf, MARKETS, OTHER } from './helpers.js'

const ask = asker(indexOf([{ file: 'news/bridge.txt', text: BRIDGE }, { file: 'news/market.txt', text: MARKETS }]))

describe('declining what the articles do not say', () => {
  it.each(['Who directed the movie Titanic?', 'What is the GDP of China?', 'How tall is Mount Everest?'])(
    'declines %j, offering nothing as related',
    (question) => {
      const a = ask(question)
      expect(a.answered).toBe(false)
      expect(a.answer).toBeNull()
      expect(a.answerSpan).toBeNull()
      expect(['not_found', 'weak_evidence']).toContain(a.declineReason)
      expect(a.citations).toEqual([])
    },
  )

  it.each([
    'thanks!', 'Thank you so much', 'hi there', '🙂 !!', 'what is the', 'lmao', 'u still there?', "cheers, that's all i needed",
    'so what sorts of questions do you handle', 'what can you do?', 'who made you',
  ])('declines %j as having nothing to search for', (question) => {
    const a = ask(question)
    expect(a.answered).toBe(false)
    expect(a.declineReason).toBe('no_terms')
    expect(a.citations).toEqual([])
  })

  it('says why for an empty or an overlong question', () => {
    expect(ask('   ').declineReason).toBe('empty')
    expect(ask('why '.repeat(200)).declineReason).toBe('too_long')
  })

  it('claims nothing for a question about the right topic that the passages do not answer, and shows the closest', () => {
    const a = ask('How many lanes does the Harbor Bridge have?')
    expect(a.outcome).toBe('passages')
    expect(a.answered).toBe(false)
    expect(a.answer).toBeNull()
    expect(a.declineReason).toBe('weak_evidence')
    expect(a.citations.length).toBeGreaterThan(0)
    for (const c of a.citations) expect(c.role).toBe('related')
    expect(a.citations[0]!.chunk.text).toContain('Harbor Bridge')
  })

  it('offers the passages it found as related when the evidence is weak but on topic', () => {
    const seeded = asker(indexOf([{ file: 'news/bridge.txt', text: BRIDGE }, { file: 'news/market.txt', text: MARKETS }, { file: 'news/other.txt', text: OTHER }]))
    // The passage is about exams before the winter break, but gives no number of them.
    const a = seeded('How many exams are before the winter break?')
    expect(a.answered).toBe(false)
    expect(a.declineReason).toBe('weak_evidence')
    expect(a.citations.length).toBeGreaterThan(0)
    expect(a.citations[0]!.role).toBe('related')
    expect(a.citations[0]!.chunk.text).toContain('winter break')
  })

  it('keeps confidence below that of a well-supported answer', () => {
    expect(ask('How many lanes does the Harbor Bridge have?').confidence).toBeLessThan(ask('How much did the repairs cost?').confidence)
  })

  it('never declines the questions the passages do answer', () => {
    for (const q of ['Where will the farmers market move?', 'What do the stalls sell?', 'Who voted against a toll?']) {
      const a = ask(q)
      expect(a.outcome, q).not.toBe('declined')
      if (a.outcome === 'answer') expect(a.citations[0]!.role).toBe('primary')
    }
    // Claimed or not, the answering passage comes first.
    const market = ask('Where will the farmers market move?')
    expect(market.citations[0]!.chunk.text).toContain('Dock Street')
    if (market.outcome === 'answer') expect(market.answer).toContain('Dock Street')
  })
})

describe('typed questions', () => {
  it('never claims a span of another kind for a date question, however the rest of the evidence looks', () => {
    // The passage that names the engineer holds no date: its best span is her name, which is no answer to "when".
    const d = deliberate(indexOf([{ file: 'news/bridge.txt', text: BRIDGE }, { file: 'news/market.txt', text: MARKETS }]), 'When did Maria Delgado lead the project?')
    if (d.kind !== 'weighed') throw new Error('not weighed')
    expect(d.short?.typeMatch).toBe(false)
    expect(d.claim).toBeLessThanOrEqual(0.2)
    expect(ask('When did Maria Delgado lead the project?').outcome).not.toBe('answer')
  })

  it('claims a number for a number question the passage answers', () => {
    const a = ask('How many workers took part?')
    expect(a.citations[0]!.chunk.text).toContain('1,200 workers')
    if (a.outcome === 'answer') expect(a.answer).toBe('1,200')
  })
})

describe('opposites', () => {
  it('notices a question that swaps a word of the sentence for its opposite', () => {
    expect(swappedOpposites(['who', 'was', 'the', 'last', 'king'], new Set(['the', 'first', 'king', 'was']))).toBe(1)
    expect(swappedOpposites(['when', 'was', 'it', 'unofficially', 'launched'], new Set(['officially', 'launched']))).toBe(1)
  })

  it('does not count a word the sentence holds as well', () => {
    expect(swappedOpposites(['first', 'and', 'last'], new Set(['first', 'last']))).toBe(0)
    expect(swappedOpposites(['the', 'king'], new Set(['the', 'queen']))).toBe(0)
  })
})
