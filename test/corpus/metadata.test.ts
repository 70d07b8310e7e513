// What chunkArticle reads as title, outlet and date, and which lines it keeps out of the chunks.

import { describe, expect, it } from 'vitest'
import { chunkArticle } from '../../src/corpus/chunk.js'

const BODY = 'The two leaders spoke by phone on Friday, the foreign ministry said in a statement.'
const meta = (text: string, file = 'a.txt') => chunkArticle(file, text).meta
const texts = (text: string) => chunkArticle('a.txt', text).chunks.map((c) => c.text)

describe('dates', () => {
  it.each([
    ['January 17, 2025 4:06 pm (EST)', '2025-01-17'],
    ['Updated 4:06 PM EST, Fri January 17, 2025', '2025-01-17'],
    ['Published: 17 Jan 2025', '2025-01-17'],
    ['Friday, January 17th, 2025', '2025-01-17'],
    ['2025-01-17T16:06:00Z', '2025-01-17'],
    ['Posted on Sept. 3, 2024 at 9:15 a.m. ET', '2024-09-03'],
  ])('reads the header date line "%s"', (line, date) => {
    const text = `Some Headline Here\n${line}\n${BODY}`
    expect(meta(text).date).toBe(date)
    expect(texts(text)).toEqual([BODY])
  })

  it('reads a " date YYYY-MM-DD " marker and starts the chunk after it', () => {
    const text = ` date 2024-03-05 Washington: ${BODY}`
    const chunk = chunkArticle('a.txt', text).chunks[0]!
    expect(meta(text).date).toBe('2024-03-05')
    expect(chunk.text).toBe(`Washington: ${BODY}`)
    expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text)
  })

  it('takes no date from a sentence, from the body, or from an impossible or ambiguous date', () => {
    expect(meta(`On January 17, 2025, the two leaders spoke.\n${BODY}`).date).toBeNull()
    const late = ['First.', 'Second.', 'Third.', 'January 20, 2025', 'Fourth.'].map((s) => (s.length < 10 ? `${s} ${BODY}` : s))
    expect(meta(late.join('\n')).date).toBeNull()
    expect(meta(`February 30, 2025\n${BODY}`).date).toBeNull()
    expect(meta(`1/2/2025\n${BODY}`).date).toBeNull()
    expect(meta(` date 2025-13-45 ${BODY}`).date).toBeNull()
  })

  it('keeps a later date line out of the chunks without taking it as the date', () => {
    const text = `${BODY}\n${BODY}\n${BODY}\nUpdated January 20, 2025\n${BODY}`
    expect(meta(text).date).toBeNull()
    expect(texts(text)).toEqual([BODY, BODY, BODY, BODY])
  })
})

describe('outlet and title', () => {
  it('reads a leading outlet line, known or an acronym', () => {
    expect(meta(`Reuters\n${BODY}`).source).toBe('Reuters')
    expect(meta(`NPR\n${BODY}`).source).toBe('NPR')
    expect(meta(`The Washington Post\n${BODY}`).source).toBe('The Washington Post')
    expect(texts(`Reuters\n${BODY}`)).toEqual([BODY])
  })

  it('reads the outlet from "Source:", a byline or a wire dateline', () => {
    expect(meta(`Source: Caixin Global\n${BODY}`).source).toBe('Caixin Global')
    const byline = `Xi Sends Deputy\nBy Jane Doe and John Roe, Reuters\n${BODY}`
    expect(meta(byline)).toMatchObject({ source: 'Reuters', title: 'Xi Sends Deputy' })
    expect(texts(byline)).toEqual([BODY])
    expect(meta(`BEIJING (Reuters) - ${BODY}`).source).toBe('Reuters')
  })

  it('does not take an unknown word or an all-caps label for an outlet', () => {
    expect(meta(`BREAKING\n${BODY}`).source).toBeNull()
    expect(meta(`LIVE\n${BODY}`).source).toBeNull()
    expect(meta(`${BODY}\n${BODY}\n${BODY}\nCNN\n${BODY}`).source).toBeNull()
    expect(texts(`${BODY}\n${BODY}\n${BODY}\nCNN\n${BODY}`)).toHaveLength(4)
  })

  it('takes a sentence-case headline that stands apart as the title', () => {
    expect(meta(`Xi sends deputy to Trump inauguration\n\n${BODY}`).title).toBe('Xi sends deputy to Trump inauguration')
    expect(meta(`Xi sends deputy to Trump inauguration\n${BODY} ${BODY}`).title).toBe('Xi sends deputy to Trump inauguration')
  })

  it('never invents a title: not from the file name, not from a first sentence', () => {
    expect(meta(BODY, 'seeds/Xi Sends Deputy.txt').title).toBeNull()
    expect(meta(`${BODY}\n${BODY}`).title).toBeNull()
    // A one-line file is its own text, not a title over nothing.
    expect(texts('Xi sends deputy to Trump inauguration')).toEqual(['Xi sends deputy to Trump inauguration'])
  })
})

describe('front matter', () => {
  it('honours title, source, date and url, and keeps the block out of the chunks', () => {
    const text = [
      '---',
      'title: "Xi to Send Han Zheng"',
      'source: CNBC',
      'date: 2025-01-17T10:00:00Z',
      'url: https://example.com/a',
      'tags:',
      '  - china',
      '---',
      '',
      BODY,
    ].join('\n')
    expect(meta(text, 'a.md')).toEqual({ file: 'a.md', title: 'Xi to Send Han Zheng', source: 'CNBC', date: '2025-01-17', url: 'https://example.com/a' })
    expect(texts(text)).toEqual([BODY])
  })

  it('prefers front matter over what the lines say, and reports an unreadable date', () => {
    const text = `---\ntitle: The Real Title\ndate: soon\n---\nCNN\nJanuary 17, 2025\n${BODY}`
    const { meta: m, problems, chunks } = chunkArticle('a.md', text)
    expect(m).toMatchObject({ title: 'The Real Title', source: 'CNN', date: '2025-01-17' })
    expect(problems).toEqual(['front matter date "soon" is not a date; ignored'])
    expect(chunks.map((c) => c.text)).toEqual([BODY])
  })

  it('treats a "---" rule above ordinary text as a rule, not front matter', () => {
    expect(texts(`---\n${BODY}\n---\n${BODY}`)).toEqual([BODY, BODY])
  })
})

describe('page furniture', () => {
  it.each([
    'Advertisement', 'ADVERTISEMENT', 'Share', '- Post', 'More on:', 'Read more', 'Read more: Xi declines invitation',
    '—', '---', '* * *', '© 2025 Cable News Network. All rights reserved.', 'Copyright 2025 Reuters',
    'Blog posts represent the views of CFR fellows and staff and not those of CFR, which takes no institutional positions.',
    'The views expressed in this article are the author’s own.', 'Photo: Getty Images', '5 min read',
    'Sign up for our daily newsletter', '![map](map.png)', '<!-- note -->', 'https://example.com/story',
    'Story continues below advertisement', 'Follow us on X',
  ])('drops "%s"', (line) => {
    expect(texts(`${BODY}\n${line}\n${BODY}`)).toEqual([BODY, BODY])
  })

  it.each([
    'Copyright law was at the heart of the dispute.',
    'Share prices in Shanghai rose after the call.',
    'Read more about the talks in the ministry’s statement, officials said.',
    'The spokesman said the statement does not necessarily reflect the final position.',
    'Advertisement revenue fell sharply last year.',
    'By Monday, officials had confirmed the visit.',
  ])('keeps the sentence "%s"', (line) => {
    expect(texts(`${BODY}\n${line}\n${BODY}`)).toEqual([BODY, line, BODY])
  })
})
