import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../src/engine.js'
import { SEEDS } from './support/tempSeeds.js'

let engine: Engine
beforeAll(async () => {
  engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
})

describe('ask', () => {
  it('answers "who did Xi send?" with Han Zheng, quoting and dating the 001 article', () => {
    const a = engine.ask('who did Xi send?')
    expect(a.answered).toBe(true)
    expect(a.answer).toContain('Han Zheng')
    const top = a.citations[0]!
    expect(top.role).toBe('primary')
    expect(top.chunk.file).toBe('seeds/001_ec95834cf9bd06a8.txt')
    expect(top.chunk.date).toBe('2025-01-17')
    expect(top.sentence).toContain('Han Zheng')
    expect(top.chunk.text).toContain(top.sentence)
    expect(top.chunk.text.slice(...top.sentenceSpan)).toBe(top.sentence)
    expect(top.chunk.text.slice(...a.answerSpan!)).toBe(a.answer)
  })

  it('highlights the matched words of the passage', () => {
    const top = engine.ask('who did Xi send?').citations[0]!
    const words = top.highlights.map(([s, e]) => top.chunk.text.slice(s, e).toLowerCase())
    expect(words).toContain('xi')
    expect(words.some((w) => w.startsWith('send'))).toBe(true)
  })

  it('cites another article when it also holds the answer, or gives another value of what was asked', () => {
    // 002 also says the call was on Friday; another of its passages dates the previous contact (2021).
    const a = engine.ask('when were trump and xi on the phone', { k: 5 })
    expect(a.outcome).toBe('answer')
    expect(a.citations[0]!.chunk.file).toContain('001_')
    const others = a.citations.slice(1)
    const supports = others.filter((c) => c.role === 'supports')
    expect(supports.length).toBeGreaterThan(0)
    for (const c of supports) expect(c.chunk.text).toContain('Friday')
    for (const c of others.filter((c) => c.role === 'differs')) expect(c.chunk.text).not.toContain('Friday')
  })

  it('shows passages from several articles when it claims no short answer', () => {
    const a = engine.ask('what did trump and xi discuss on the phone', { k: 5 })
    expect(a.outcome).toBe('passages')
    expect(new Set(a.citations.map((c) => c.chunk.file)).size).toBeGreaterThan(1)
    expect(a.citations.every((c) => c.role === 'related')).toBe(true)
  })

  it('matches words whatever their accents, quotes and possessives', () => {
    expect(engine.ask('Santiago Pena').citations[0]?.chunk.text).toContain('Santiago Peña')
    expect(engine.search("Trump's inauguration").hits.length).toBeGreaterThan(0)
    expect(engine.ask('“Meet the Press”').citations[0]?.chunk.text).toContain('Meet the Press')
  })

  it('finds a passage despite a typo', () => {
    expect(engine.ask('who is Danny Russell?').citations[0]?.chunk.text).toContain('Danny Russel')
  })

  it('leans on the previous question for a follow-up', () => {
    const first = engine.ask('who did Xi send?')
    const follow = engine.ask('and when was that announced?', { previous: { question: first.question, answer: first.answer } })
    expect(follow.outcome).not.toBe('declined')
    expect(follow.citations[0]?.chunk.text).toMatch(/Han/)
  })
})

describe('question hygiene', () => {
  it('returns the empty reason for an empty or blank question', () => {
    for (const q of ['', '   ', '\n\t', '\u200b\u200d']) expect(engine.ask(q).declineReason).toBe('empty')
  })
  it('rejects a question over 500 characters', () => {
    const a = engine.ask('who did Xi send? '.repeat(40))
    expect(a.answered).toBe(false)
    expect(a.declineReason).toBe('too_long')
  })
  it('accepts exactly 500 characters', () => {
    expect(engine.ask('x'.repeat(490) + ' Han Zheng').declineReason).not.toBe('too_long')
  })
  it('declines punctuation-only, emoji-only and stop-word-only questions', () => {
    for (const q of ['???', '…!!', '🙂🎉', 'what is it?', 'who are they']) {
      const a = engine.ask(q)
      expect(a.answered, q).toBe(false)
      expect(a.declineReason, q).toBe('no_terms')
    }
  })
  it('declines an emoji, punctuation or stop words after a question instead of treating them as a follow-up', () => {
    const first = engine.ask('who did Xi send?')
    const previous = { question: first.question, answer: first.answer }
    for (const q of ['🙂🙃🎉', '?!', 'the of and is']) expect(engine.ask(q, { previous }).declineReason, q).toBe('no_terms')
    expect(engine.ask('and when was that?', { previous }).outcome).not.toBe('declined')
  })
  it('cleans whitespace and control characters', () => {
    const a = engine.ask('  who\u0000 did\t\tXi\u202e   send?\n')
    expect(a.question).toBe('who did Xi send?')
    expect(a.answer).toContain('Han Zheng')
  })
  it('never throws on odd input', () => {
    for (const q of ['\ud800\udfff\ud800', 'Z̴̧͖a̷l̶g̵o', '@everyone <@&123>', '<script>', '\u0000'.repeat(600), 42 as unknown as string]) {
      expect(() => engine.ask(q)).not.toThrow()
    }
  })
  it('declines what the articles are not about, offering no passages', () => {
    const a = engine.ask('Who directed the movie Titanic?')
    expect(a.outcome).toBe('declined')
    expect(a.declineReason).toBe('not_found')
    expect(a.citations).toEqual([])
  })
})

describe('search, sources and suggest', () => {
  it('pages through passages without overlap', () => {
    const p1 = engine.search('Trump inauguration', { limit: 5 })
    const p2 = engine.search('Trump inauguration', { limit: 5, offset: 5 })
    expect(p1.hits).toHaveLength(5)
    const ids = new Set(p1.hits.map((h) => h.chunk.id))
    expect(p2.hits.every((h) => !ids.has(h.chunk.id))).toBe(true)
    expect(p1.total).toBeGreaterThanOrEqual(10)
  })
  it('lists the articles with their metadata', () => {
    expect(engine.articles.map((a) => a.file)).toEqual([
      'seeds/000_5a00534109fa55da.txt',
      'seeds/001_ec95834cf9bd06a8.txt',
      'seeds/002_699b818289046363.txt',
    ])
    expect(engine.articles[0]!.source).toBe('CNN')
    expect(engine.articles[2]!.title).toBe('Xi and Trump Speak Via Phone')
  })
  it('suggests headings, titles and answerable questions within Discord limits', () => {
    const all = engine.suggest('', 25)
    expect(all.length).toBeGreaterThan(0)
    expect(all.length).toBeLessThanOrEqual(25)
    expect(all.every((s) => s.length <= 100)).toBe(true)
    expect(engine.suggest('special repr')).toContain("Jinping Will Send Special Representative to Trump's Inauguration")
    expect(engine.suggest('leavitt')).toContain('Who is Karoline Leavitt?')
    expect(engine.suggest('zzzz-no-such-thing')).toEqual([])
  })
})
