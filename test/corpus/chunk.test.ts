// chunkArticle on the shapes articles come in: paragraphs, wrapping, line ends, headings, long paragraphs.

import { describe, expect, it } from 'vitest'
import { chunkArticle } from '../../src/corpus/chunk.js'
import { MAX_CHUNK_CHARS } from '../../src/corpus/splitLong.js'

const texts = (text: string) => chunkArticle('a.txt', text).chunks.map((c) => c.text)

function expectRoundTrip(text: string): void {
  for (const c of chunkArticle('a.txt', text).chunks) expect(text.slice(c.start, c.end)).toBe(c.text)
}

const WRAPPED = [
  'The two leaders spoke by phone on Friday, according to a statement from the',
  'Chinese foreign ministry, which said the call covered trade and Taiwan. The',
  'White House did not comment.',
  '',
  'Officials in Beijing said the talks were constructive and that both sides',
  'agreed to keep in touch. Analysts said the tone was warmer than in 2017 and',
  'that markets reacted calmly.',
].join('\n')

describe('paragraphs', () => {
  it('joins hard-wrapped lines inside a blank-line block into one paragraph', () => {
    const chunks = chunkArticle('a.txt', WRAPPED).chunks
    expect(chunks.map((c) => [c.paragraph, c.line])).toEqual([[1, 1], [2, 5]])
    expect(chunks[0]!.text).toBe(WRAPPED.split('\n\n')[0])
    expectRoundTrip(WRAPPED)
  })

  it('joins a wrapped line that happens to end a sentence at full width', () => {
    const text = [
      'The ministry said the call lasted about an hour and covered several topics.',
      'Both sides agreed that their teams would keep talking in the coming weeks,',
      'and a spokesman added that no date had been set for a meeting in person.',
    ].join('\n')
    expect(texts(text)).toEqual([text])
  })

  it('splits wrapped text without blank lines where a short line ends a sentence', () => {
    const text = [
      'The ministry said the call lasted about an hour and covered a number of',
      'topics, from trade to the war in Ukraine.',
      'A second statement, released later that evening, said the two men had',
      'agreed to meet.',
    ].join('\n')
    expect(texts(text)).toEqual([
      'The ministry said the call lasted about an hour and covered a number of\ntopics, from trade to the war in Ukraine.',
      'A second statement, released later that evening, said the two men had\nagreed to meet.',
    ])
  })

  it('keeps short one-line paragraphs apart when every line ends a sentence', () => {
    expect(texts('Trump spoke first.\nXi answered.\nThe call ended at noon.\n')).toEqual([
      'Trump spoke first.',
      'Xi answered.',
      'The call ended at noon.',
    ])
  })

  it('keeps list items apart', () => {
    expect(texts('The call covered:\n- trade\n- fentanyl\n- TikTok\n')).toEqual(['The call covered:', '- trade', '- fentanyl', '- TikTok'])
  })

  it('handles CRLF line ends, keeping offsets into the text as written', () => {
    const crlf = WRAPPED.replace(/\n/g, '\r\n')
    const chunks = chunkArticle('a.txt', crlf).chunks
    expect(chunks).toHaveLength(2)
    expect(chunks[1]!.line).toBe(5)
    expect(chunks[0]!.text).toContain('\r\n')
    expectRoundTrip(crlf)
    expect(texts('First line here.\r\nSecond line here.\r\n')).toEqual(['First line here.', 'Second line here.'])
  })

  it('handles old Mac line ends (lone CR)', () => {
    expect(texts('First line here.\rSecond line here.')).toEqual(['First line here.', 'Second line here.'])
  })

  it('does not start a chunk with a byte-order mark left in the text', () => {
    const chunks = chunkArticle('a.txt', '\uFEFFThe call lasted an hour.').chunks
    expect(chunks[0]).toMatchObject({ text: 'The call lasted an hour.', start: 1 })
  })

  it('numbers paragraphs among text paragraphs only and records the starting line', () => {
    const text = 'Title Of The Piece\n\nAdvertisement\n\nFirst paragraph here.\n\n## Background\n\nSecond paragraph here.'
    const chunks = chunkArticle('a.md', text).chunks
    expect(chunks.map((c) => [c.paragraph, c.line, c.heading])).toEqual([[1, 5, null], [2, 9, 'Background']])
  })
})

describe('headings', () => {
  it('attaches each heading to the paragraphs under it until the next heading', () => {
    const text = [
      'Lead paragraph of the story.',
      '',
      'What The Call Covered',
      '',
      'They discussed trade.',
      '',
      'They discussed Taiwan.',
      '',
      'What Comes Next',
      '',
      'A meeting is planned.',
    ].join('\n')
    const chunks = chunkArticle('a.txt', text).chunks
    expect(chunks.map((c) => [c.text, c.heading])).toEqual([
      ['Lead paragraph of the story.', null],
      ['They discussed trade.', 'What The Call Covered'],
      ['They discussed Taiwan.', 'What The Call Covered'],
      ['A meeting is planned.', 'What Comes Next'],
    ])
  })

  it('reads Markdown # headings (without the #) and takes a top-level # heading as the title', () => {
    const text = '# Xi Sends Deputy\n\nThe first paragraph.\n\n## Reaction in Beijing ##\n\nThe second paragraph.\n'
    const { meta, chunks } = chunkArticle('a.md', text)
    expect(meta.title).toBe('Xi Sends Deputy')
    expect(chunks.map((c) => [c.text, c.heading])).toEqual([
      ['The first paragraph.', null],
      ['The second paragraph.', 'Reaction in Beijing'],
    ])
  })

  it('reads setext headings', () => {
    const { meta, chunks } = chunkArticle('a.md', 'The Title\n=========\n\nBody text here.\n\nA Section\n---------\n\nMore text here.')
    expect(meta.title).toBe('The Title')
    expect(chunks.map((c) => [c.text, c.heading])).toEqual([['Body text here.', null], ['More text here.', 'A Section']])
  })

  it('does not take a wrapped sentence fragment in Title Case for a heading', () => {
    const text = [
      'The statement was issued jointly by the foreign ministry and the',
      'New York Times Reporters Who Covered It',
      'were not given any further details about the call.',
    ].join('\n')
    expect(texts(text)).toEqual([text])
  })
})

describe('long paragraphs', () => {
  const sentence = (i: number) => `Sentence number ${i} says that the delegation arrived in Washington on time.`
  const long = Array.from({ length: 80 }, (_, i) => sentence(i + 1)).join(' ')

  it('splits a paragraph over the limit at sentence ends into chunks that share its paragraph number', () => {
    const text = `Short first paragraph.\n\n${long}\n\nShort last paragraph.`
    const chunks = chunkArticle('a.txt', text).chunks
    const pieces = chunks.filter((c) => c.paragraph === 2)
    expect(long.length).toBeGreaterThan(2 * MAX_CHUNK_CHARS)
    // About equal pieces: at most one more than the minimum, none a sliver.
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(long.length / MAX_CHUNK_CHARS))
    expect(pieces.length).toBeLessThanOrEqual(Math.ceil(long.length / MAX_CHUNK_CHARS) + 1)
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS)
      expect(p.text.length).toBeGreaterThan(MAX_CHUNK_CHARS / 4)
      expect(p.text).toMatch(/^Sentence number \d+ .*on time\.$/)
    }
    expect(pieces.map((p) => p.text).join(' ')).toBe(long)
    expect(chunks.at(-1)).toMatchObject({ paragraph: 3, text: 'Short last paragraph.' })
    expectRoundTrip(text)
  })

  it('splits text without sentence ends at spaces, and text without spaces anywhere', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ')
    const wordChunks = chunkArticle('a.txt', words).chunks
    expect(wordChunks.length).toBeGreaterThan(1)
    expect(wordChunks.map((c) => c.text).join(' ')).toBe(words)
    const blob = 'x\u{1D49C}'.repeat(2000)
    const blobChunks = chunkArticle('a.txt', blob).chunks
    expect(blobChunks.map((c) => c.text).join('')).toBe(blob)
    for (const c of blobChunks) {
      expect(c.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS)
      // No lone surrogate at either end: the cut never falls inside a character.
      expect(c.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/)
    }
    expectRoundTrip(words)
    expectRoundTrip(blob)
  })
})

describe('invariants on generated articles', () => {
  // A small seeded generator (mulberry32) so a failure reproduces.
  function random(seed: number): () => number {
    let a = seed
    return () => {
      a = (a + 0x6d2b79f5) | 0
      let t = Math.imul(a ^ (a >>> 15), 1 | a)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const PIECES = [
    '', '', 'CNN', '—', '---', '- Post', 'More on:', 'Advertisement', 'January 17, 2025 4:06 pm (EST)',
    ' date 2025-01-17 Beijing: officials said the call went well.', '# A Markdown Heading', 'A Heading In Title Case',
    'A short sentence.', 'a line that continues a wrapped sentence and ends without a stop', '\uFEFFStray mark.',
    'The ministry said the call lasted about an hour and covered a number of', 'topics, from trade to the war.',
    '   indented line of text.', '“A quoted sentence,” he said.', 'Long sentence number one. '.repeat(120).trim(),
    '\t', '12:30', 'x'.repeat(2500), 'Emoji \u{1F600} and accents: Peña, Zürich.',
  ]
  it('keeps offsets, numbering and trimming consistent on 300 random articles', () => {
    const next = random(42)
    for (let n = 0; n < 300; n++) {
      const eol = ['\n', '\r\n', '\r'][Math.floor(next() * 3)]!
      const lines = Array.from({ length: 1 + Math.floor(next() * 40) }, () => PIECES[Math.floor(next() * PIECES.length)]!)
      const text = lines.join(eol)
      const { chunks } = chunkArticle('gen.txt', text)
      let paragraph = 0
      let lastEnd = 0
      chunks.forEach((c, i) => {
        expect(c.id).toBe(i)
        expect(text.slice(c.start, c.end)).toBe(c.text)
        expect(c.text).toBe(c.text.trim())
        expect(c.text.startsWith('\uFEFF')).toBe(false)
        expect(c.text).toMatch(/\p{L}/u)
        expect(c.text.length).toBeLessThanOrEqual(2000)
        expect(c.start).toBeGreaterThanOrEqual(lastEnd)
        expect([paragraph, paragraph + 1]).toContain(c.paragraph)
        expect(text.slice(0, c.start).split(/\r\n|\n|\r/).length).toBe(c.line)
        paragraph = c.paragraph
        lastEnd = c.end
      })
      if (chunks.length > 0) expect(chunks[0]!.paragraph).toBe(1)
    }
  })
})
