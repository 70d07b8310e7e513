import { describe, expect, it } from 'vitest'
import { deliberate } from '../../src/answer/ask.js'
import { asker, BRIDGE, indexOf, MARKETS } from './helpers.js'

// Real passages through the real pipeline: corpus layer → index → ask(). The answers are checked as a user reads
// them: the short answer holds the right words, and the cited sentence is the one it comes from. Whether a short
// answer is claimed is the claim model's call: the extractor's candidate is checked whatever it decides.
const index = indexOf([{ file: 'news/bridge.txt', text: BRIDGE }, { file: 'news/market.txt', text: MARKETS }])
const ask = asker(index)
const candidate = (question: string): string | null => {
  const d = deliberate(index, question)
  return d.kind === 'weighed' ? (d.short?.text ?? null) : null
}

const TYPED = [
  ['Who led the project?', 'Maria Delgado'],
  ['When did the Harbor Bridge reopen?', 'March 3, 2024'],
  ['How much did the repairs cost?', '$48 million'],
  ['How many workers took part?', '1,200'],
  ['How many vehicles does the bridge carry a day?', '40,000'],
  ['How many stalls are there?', '60'],
  ['Where is the Harbor Bridge?', 'Port Elland'],
  ['Which island does the bridge connect to?', 'Vesta'],
  ['What did the council vote against?', 'toll'],
  ['Who paid for the repairs?', 'transport authority'],
] as const

describe('short answers by question type', () => {
  it.each(TYPED)('%s → %s', (question, expected) => {
    expect(candidate(question)).toContain(expected)
    const a = ask(question)
    expect(a.outcome).not.toBe('declined')
    if (a.outcome !== 'answer') return
    expect(a.answer).toContain(expected)
    // Short, not the whole sentence, and taken from the cited sentence.
    expect(a.answer!.length).toBeLessThan(a.citations[0]!.sentence.length)
    expect(a.citations[0]!.sentence).toContain(a.answer!)
    expect(a.citations[0]!.role).toBe('primary')
  })

  it('claims most of those answers (each one checked right above)', () => {
    const claimed = TYPED.filter(([q]) => ask(q).outcome === 'answer')
    expect(claimed.length).toBeGreaterThanOrEqual(6)
  })

  it('never answers with words the question already names', () => {
    const a = ask('Who led the project?')
    expect(a.answer).not.toMatch(/project/i)
  })

  it('gives the answer span inside the primary passage', () => {
    const a = ask('How much did the repairs cost?')
    const [start, end] = a.answerSpan!
    expect(a.citations[0]!.chunk.text.slice(start, end)).toBe(a.answer)
  })
})

describe('special forms', () => {
  it('spells out an acronym', () => {
    expect(ask('What is the RTA?').answer).toBe('Regional Transport Authority')
  })

  it('describes a person by the title before the name', () => {
    const a = ask('Who is Maria Delgado?')
    expect(a.answered).toBe(true)
    expect(a.answer).toMatch(/engineer|navy officer/i)
  })

  it('quotes how someone describes something', () => {
    expect(candidate('How does Delgado describe the bridge?')).toBe('the spine of the city')
  })
})

describe('questions a phrase would not answer', () => {
  it('gives a yes/no question the passage, not a phrase', () => {
    const a = ask('Is crossing the bridge free?')
    expect(a.outcome).toBe('passages')
    expect(a.answer).toBeNull()
    expect(a.citations[0]!.sentence).toContain('remains free')
  })

  it('gives a why-question the passage with the reason', () => {
    const a = ask('Why is crossing the bridge free?')
    expect(a.outcome).toBe('passages')
    expect(a.citations[0]!.sentence).toContain('voted against a toll')
  })
})
