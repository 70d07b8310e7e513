// Answer → JSON and Answer → terminal text, on answers from the real engine over the bundled seeds.
import { stripVTControlCharacters } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/engine.js'
import { formatJson, toJson } from '../../src/format/json.js'
import { formatAnswer, formatSources, formatWhy, sourceLine, wantsColor } from '../../src/format/text.js'
import type { Answer } from '../../src/types.js'
import { hasAnsi, HAN_ZHENG_FILE, SEEDS } from './support.js'

let engine: Engine
let hanZheng: Answer

// Removes ANSI escapes: coloured text must read exactly like the plain text.
const strip = stripVTControlCharacters
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

beforeAll(async () => {
  engine = await Engine.open({ seedsDir: SEEDS, indexDir: null })
  hanZheng = engine.ask('who did Xi send?')
})

describe('toJson / formatJson', () => {
  it('maps an answer to exactly the documented keys, citations best first as the engine ranked them', () => {
    const json = toJson(hanZheng)
    expect(Object.keys(json)).toEqual(['question', 'outcome', 'answered', 'answer', 'citations'])
    expect(json).toMatchObject({ question: 'who did Xi send?', outcome: 'answer', answered: true, answer: hanZheng.answer })
    expect(json.citations).toHaveLength(hanZheng.citations.length)
    json.citations.forEach((c, i) => {
      const source = hanZheng.citations[i]!
      expect(Object.keys(c)).toEqual(['file', 'title', 'source', 'date', 'paragraph', 'text', 'sentence', 'score'])
      expect(c).toMatchObject({
        file: source.chunk.file,
        title: source.chunk.title,
        source: source.chunk.source,
        date: source.chunk.date,
        paragraph: source.chunk.paragraph,
        text: source.chunk.text,
        sentence: source.sentence,
      })
      expect(c.score).toBeCloseTo(source.score, 3)
    })
    expect(json.citations.some((c) => c.file.endsWith(HAN_ZHENG_FILE) && c.date === '2025-01-17')).toBe(true)
  })

  it('prints one line that parses back to the same object', () => {
    const line = formatJson(hanZheng)
    expect(line).not.toContain('\n')
    expect(JSON.parse(line)).toEqual(toJson(hanZheng))
  })

  it('gives a decline a null answer and only "maybe related" passages', () => {
    for (const question of ['Who directed the movie Titanic?', 'What is the GDP of China?', 'thanks!', '']) {
      const answer = engine.ask(question)
      const json = toJson(answer)
      expect(json.answered).toBe(false)
      expect(json.answer).toBeNull()
      const related = answer.citations.filter((c) => c.role === 'related')
      expect(json.citations.map((c) => c.text)).toEqual(related.map((c) => c.chunk.text))
    }
  })

  it('keeps "score" a number even when the engine gives a non-finite one', () => {
    const broken: Answer = { ...hanZheng, citations: [{ ...hanZheng.citations[0]!, score: Number.NaN }] }
    expect(JSON.parse(formatJson(broken)).citations[0].score).toBe(0)
  })
})

describe('formatAnswer', () => {
  it('shows the short answer first, then the whole passage and its source line, in plain text', () => {
    const text = formatAnswer(hanZheng)
    const primary = hanZheng.citations[0]!
    expect(hasAnsi(text)).toBe(false)
    expect(text.split('\n')[0]).toBe(hanZheng.answer)
    expect(text).toContain(`  ${primary.chunk.text}\n  — ${sourceLine(primary.chunk)}`)
    expect(sourceLine(primary.chunk)).toMatch(new RegExp(`2025-01-17 · \\S*${HAN_ZHENG_FILE} ¶ ${primary.chunk.paragraph}$`))
  })

  it('in colour, highlights every matched word and reads the same once colours are removed', () => {
    const coloured = formatAnswer(hanZheng, { color: true })
    expect(strip(coloured)).toBe(formatAnswer(hanZheng))
    const primary = hanZheng.citations[0]!
    expect(primary.highlights.length).toBeGreaterThan(0)
    for (const [start, end] of primary.highlights) {
      const word = primary.chunk.text.slice(start, end)
      // Matched words are bold yellow, unless they are part of the short answer (bold green).
      expect(coloured).toMatch(new RegExp(`\\x1b\\[1m\\x1b\\[3[23]m${escape(word)}\\x1b\\[39m`))
    }
    expect(coloured).toContain(`\x1b[1m\x1b[32m${hanZheng.answer}\x1b[39m\x1b[22m`)
  })

  it('says so plainly for each kind of decline', () => {
    const show = (q: string) => formatAnswer(engine.ask(q))
    expect(show('')).toBe('Ask a question about the articles, e.g. "who did Xi send?"')
    expect(show(`what ${'very '.repeat(120)}long question?`)).toBe('That question is too long: please keep it to 500 characters or fewer.')
    expect(show('🙂🙃🎉')).toMatch(/^I need a few words to search for\./)
    expect(show('?!')).toMatch(/^I need a few words to search for\./)
    // The articles are not about these: the decline's message alone, no passages.
    for (const q of ['Who directed the movie Titanic?', 'How tall is Mount Everest?']) {
      const answer = engine.ask(q)
      expect(answer.outcome).toBe('declined')
      expect(formatAnswer(answer)).toBe("The articles don't cover that.")
    }
  })

  it('shows the closest passages, said to be such, when it claims no short answer', () => {
    // About the story, but for a detail no article gives: no short answer, the passages instead.
    const answer = engine.ask('How many guests will attend the inauguration ball?')
    expect(answer.outcome).toBe('passages')
    const text = formatAnswer(answer)
    expect(text.split('\n')[0]).toBe('Not sure — these passages are closest:')
    expect(answer.citations.length).toBeGreaterThan(0)
    for (const c of answer.citations) expect(text).toContain(sourceLine(c.chunk))
    // No short answer is printed in bold or at all.
    expect(text).not.toContain('\x1b[1m\x1b[32m')
  })

  it('lists other articles that agree or differ, each with its source', () => {
    const answer = engine.ask('what did xi and trump talk about', { k: 5 })
    const others = answer.citations.slice(1)
    const text = formatAnswer(answer)
    for (const c of others) expect(text).toContain(sourceLine(c.chunk))
    if (others.some((c) => c.role === 'differs')) expect(text).toContain('Reported differently by:')
    if (others.some((c) => c.role === 'supports')) expect(text).toContain('Also reported by:')
  })
})

// Three outlets on one storm, one of them with another death toll, and an article on something else: the
// sections that the seeds never show appear here.
const storm = Engine.fromTexts([
  { file: 'a.txt', text: 'Reuters\n\nThe storm killed 12 people in Lisbon on Monday, civil protection officials said.\n\nRescue teams worked through the night in the old town.\n' },
  { file: 'b.txt', text: 'BBC News\n\nThe storm killed 15 people in Lisbon on Monday, the fire service said.\n\nSchools in the city stayed closed on Tuesday.\n' },
  { file: 'c.txt', text: 'AP\n\nThe storm killed 12 people in Lisbon on Monday, according to the mayor.\n\nThe mayor promised help for families.\n' },
  { file: 'd.txt', text: 'AP\n\nThe harbour in Porto reopened on Wednesday after repairs to the pier.\n' },
])

describe('the sections of an answer, on articles that differ', () => {
  it('puts the agreeing source under "Also reported by:" and the differing one under "Reported differently by:"', () => {
    const text = formatAnswer(storm.ask('how many people did the storm kill in Lisbon?'))
    expect(text).toBe(
      [
        '12',
        '',
        '  The storm killed 12 people in Lisbon on Monday, according to the mayor.',
        '  — AP · c.txt ¶ 1',
        '',
        'Also reported by:',
        '  • "The storm killed 12 people in Lisbon on Monday, civil protection officials said."',
        '    — Reuters · a.txt ¶ 1',
        '',
        'Reported differently by:',
        '  • "The storm killed 15 people in Lisbon on Monday, the fire service said."',
        '    — BBC News · b.txt ¶ 1',
      ].join('\n'),
    )
  })

  it('shows the closest passages, said to be such, when no short answer is claimed', () => {
    // About the storm, for a detail no article gives.
    const text = formatAnswer(storm.ask('how strong were the winds in the Lisbon storm?'))
    expect(text).toBe(
      [
        'Not sure — these passages are closest:',
        '  • "The storm killed 12 people in Lisbon on Monday, according to the mayor."',
        '    — AP · c.txt ¶ 1',
        '  • "The storm killed 15 people in Lisbon on Monday, the fire service said."',
        '    — BBC News · b.txt ¶ 1',
        '  • "The storm killed 12 people in Lisbon on Monday, civil protection officials said."',
        '    — Reuters · a.txt ¶ 1',
      ].join('\n'),
    )
  })
})

describe('sourceLine', () => {
  it('joins outlet, title, date and file ¶ paragraph, leaving out what is unknown', () => {
    const meta = { file: 'seeds/a.txt', title: null, source: 'CNN', date: null, url: null, paragraph: 2 }
    expect(sourceLine(meta)).toBe('CNN · seeds/a.txt ¶ 2')
    expect(sourceLine({ ...meta, title: 'A title', date: '2025-01-17' })).toBe('CNN · A title · 2025-01-17 · seeds/a.txt ¶ 2')
  })
})

describe('formatWhy and formatSources', () => {
  it(':why shows the terms searched, the confidence, and each citation with its features and score', () => {
    const text = formatWhy(hanZheng)
    expect(text).toContain(`Terms searched: ${hanZheng.terms.join(', ')}`)
    expect(text).toContain(`confidence ${hanZheng.confidence.toFixed(3)}`)
    hanZheng.citations.forEach((c, i) => {
      expect(text).toContain(`${i + 1}. ${c.role} · score `)
      // Every non-zero signal by name and value; the zeros are counted.
      const features = Object.entries(c.features)
      for (const [name, value] of features) if (value !== 0) expect(text).toMatch(new RegExp(`\\b${escape(name)} -?[\\d.]+`))
      const zeros = features.filter(([, value]) => value === 0).length
      if (zeros > 0) expect(text).toContain(`(${zeros} more at 0)`)
    })
  })

  it(':sources lists every article with what is known about it', () => {
    const text = formatSources(engine.articles)
    expect(text.split('\n')[0]).toMatch(/^3 articles, \d+ paragraphs:$/)
    for (const article of engine.articles) {
      expect(text).toContain(article.file)
      expect(text).toContain(`${article.paragraphs} paragraph`)
      for (const field of [article.title, article.source, article.date]) if (field) expect(text).toContain(field)
    }
  })
})

describe('wantsColor', () => {
  it('colours a terminal unless NO_COLOR is set, never a pipe unless FORCE_COLOR is', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true)
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
    expect(wantsColor({ isTTY: false }, {})).toBe(false)
    expect(wantsColor({}, { FORCE_COLOR: '1' })).toBe(true)
  })
})
