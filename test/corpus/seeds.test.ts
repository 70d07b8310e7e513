// The three real seed articles, loaded from the repository's seeds/ folder exactly as the bot loads them.

import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusFromTexts, loadCorpus } from '../../src/corpus/loadCorpus.js'
import type { LoadedCorpus } from '../../src/corpus/loadCorpus.js'
import { captureLogs } from './helpers.js'

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url))
const F000 = 'seeds/000_5a00534109fa55da.txt'
const F001 = 'seeds/001_ec95834cf9bd06a8.txt'
const F002 = 'seeds/002_699b818289046363.txt'

let corpus: LoadedCorpus
let warnings: ReturnType<typeof captureLogs>['warnings']
const texts = new Map<string, string>()

beforeAll(async () => {
  const logs = captureLogs()
  warnings = logs.warnings
  corpus = await loadCorpus(SEEDS, { logger: logs.logger })
  for (const file of [F000, F001, F002]) texts.set(file, await readFile(new URL(`../../${file}`, import.meta.url), 'utf8'))
})

const chunksOf = (file: string) => corpus.chunks.filter((c) => c.file === file)
const articleOf = (file: string) => corpus.articles.find((a) => a.file === file)!

describe('loadCorpus on the seeds', () => {
  it('loads the three articles, sorted, with display paths relative to the folder name', () => {
    expect(corpus.articles.map((a) => a.file)).toEqual([F000, F001, F002])
    expect(corpus.skipped).toEqual([])
    expect(warnings()).toEqual([])
  })

  it('numbers chunks densely in file then paragraph order', () => {
    expect(corpus.chunks.map((c) => c.id)).toEqual(corpus.chunks.map((_, i) => i))
    const order = corpus.chunks.map((c) => `${c.file}#${String(c.paragraph).padStart(4, '0')}`)
    expect(order).toEqual([...order].sort())
    for (const a of corpus.articles) expect(a.paragraphs).toBe(chunksOf(a.file).length)
  })

  it('gives offsets into the file text that reproduce every chunk, and the right line numbers', () => {
    for (const chunk of corpus.chunks) {
      const text = texts.get(chunk.file)!
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text)
      expect(text.slice(0, chunk.start).split('\n').length).toBe(chunk.line)
    }
  })

  it('hashes each file’s bytes', async () => {
    const { createHash } = await import('node:crypto')
    const bytes = await readFile(new URL(`../../${F001}`, import.meta.url))
    expect(articleOf(F001).sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('gives the same fingerprint on every load', async () => {
    expect(corpus.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect((await loadCorpus(SEEDS)).fingerprint).toBe(corpus.fingerprint)
  })
})

describe('000 (CNN, one paragraph per line)', () => {
  it('reads the outlet line and invents neither title nor date', () => {
    expect(articleOf(F000)).toMatchObject({ source: 'CNN', title: null, date: null, url: null })
  })

  it('starts at the first sentence: the "CNN" and "—" lines are not chunks', () => {
    const chunks = chunksOf(F000)
    expect(chunks[0]!.text.startsWith('Donald Trump, eager to turn')).toBe(true)
    expect(chunks[0]).toMatchObject({ paragraph: 1, line: 3, heading: null, source: 'CNN' })
    expect(chunks.some((c) => c.text === 'CNN' || c.text === '—')).toBe(false)
  })

  it('keeps each line a paragraph of its own, short ones too', () => {
    const chunks = chunksOf(F000)
    expect(chunks).toHaveLength(27)
    expect(chunks.find((c) => c.text.startsWith('Now, he is looking'))!.text).toBe(
      'Now, he is looking to turn his inauguration into a similar must-attend affair.',
    )
  })

  it('keeps the contributor line as the last paragraph', () => {
    expect(chunksOf(F000).at(-1)!.text).toBe('CNN’s David Culver and Kayla Tausche contributed to this report.')
  })
})

describe('001 (blank-line paragraphs, date marker, heading)', () => {
  it('reads the date from the " date 2025-01-17 " marker', () => {
    expect(articleOf(F001)).toMatchObject({ date: '2025-01-17', title: null, source: null })
  })

  it('starts the first chunk after the marker, at "Beijing:"', () => {
    const first = chunksOf(F001)[0]!
    expect(first.text.startsWith('Beijing: US President-elect Donald Trump')).toBe(true)
    expect(first.start).toBe(' date 2025-01-17 '.length)
    expect(first).toMatchObject({ paragraph: 1, line: 1, date: '2025-01-17' })
  })

  it('attaches the heading to the paragraphs under it, and does not make it a chunk', () => {
    const heading = "Jinping Will Send Special Representative to Trump's Inauguration"
    const chunks = chunksOf(F001)
    const han = chunks.find((c) => c.text.startsWith('Chinese President Xi Jinping will not attend'))!
    expect(han.text).toContain('Vice President Han Zheng as his special representative')
    expect(han).toMatchObject({ heading, paragraph: 9, line: 19 })
    expect(chunks.at(-1)!.heading).toBe(heading)
    expect(chunks.filter((c) => c.paragraph < 9).every((c) => c.heading === null)).toBe(true)
    expect(chunks.some((c) => c.text === heading)).toBe(false)
    expect(chunks).toHaveLength(18)
  })
})

describe('002 (CFR blog post)', () => {
  it('reads the title line and the date line', () => {
    expect(articleOf(F002)).toMatchObject({ title: 'Xi and Trump Speak Via Phone', date: '2025-01-17', source: null })
  })

  it('keeps the dek and the body, but not the title, date, "- Post", disclaimer or "More on:" lines', () => {
    const texts = chunksOf(F002).map((c) => c.text)
    expect(texts).toHaveLength(5)
    expect(texts[0]!.startsWith('General Secretary Xi Jinping and President-elect Donald Trump held a call')).toBe(true)
    expect(texts[1]!.startsWith('On Friday, January 17, General Secretary')).toBe(true)
    for (const text of texts) {
      expect(text).not.toMatch(/^(?:- Post|More on:|- Blog posts|January 17, 2025 4:06|Xi and Trump Speak Via Phone$)/)
    }
    expect(chunksOf(F002).every((c) => c.title === 'Xi and Trump Speak Via Phone' && c.heading === null)).toBe(true)
  })

  it('does not take a date from the body ("December 2, 2016")', () => {
    expect(chunksOf(F002).some((c) => c.text.includes('December 2, 2016'))).toBe(true)
    expect(articleOf(F002).date).toBe('2025-01-17')
  })
})

describe('corpusFromTexts', () => {
  it('chunks in-memory texts exactly as loadCorpus chunks the files', () => {
    const memory = corpusFromTexts([...texts].reverse().map(([file, text]) => ({ file, text })))
    expect(memory.chunks).toEqual(corpus.chunks)
    expect(memory.articles).toEqual(corpus.articles)
    expect(memory.skipped).toEqual([])
  })
})
