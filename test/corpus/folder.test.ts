// Walking a folder: recursion, what counts as an article file, and a corpus of hundreds of articles.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { corpusFromTexts, loadCorpus } from '../../src/corpus/loadCorpus.js'
import { article, captureLogs, tempCorpus } from './helpers.js'

let corpus: Awaited<ReturnType<typeof tempCorpus>>
beforeEach(async () => {
  corpus = await tempCorpus('seeds')
})
afterEach(async () => {
  await corpus.cleanup()
})

describe('loadCorpus on a folder', () => {
  it('loads .txt and .md files in subfolders, and skips everything else with one warning each', async () => {
    await corpus.write('top.txt', article('Top Story', 2))
    await corpus.write('asia/china/deep.md', article('Deep Story', 3))
    await corpus.write('asia/UPPER.TXT', article('Upper Story', 1))
    await corpus.write('asia/photo.jpg', 'JPEG')
    await corpus.write('notes.json', '{}')
    await corpus.write('README', 'no extension')
    await corpus.write('.DS_Store', 'hidden')
    await corpus.write('.git/config', 'hidden folder')
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    expect(loaded.articles.map((a) => [a.file, a.title, a.paragraphs])).toEqual([
      ['seeds/asia/UPPER.TXT', 'Upper Story', 1],
      ['seeds/asia/china/deep.md', 'Deep Story', 3],
      ['seeds/top.txt', 'Top Story', 2],
    ])
    const skipped = ['seeds/README', 'seeds/asia/photo.jpg', 'seeds/notes.json']
    expect(loaded.skipped).toEqual(skipped.map((file) => ({ file, reason: 'not a .txt or .md file' })))
    expect(logs.warnings().map((w) => [w.file, w.msg])).toEqual(skipped.map((file) => [file, `Skipped ${file}: not a .txt or .md file`]))
    // Hidden files and folders are passed over quietly.
    const hidden = logs.lines.filter((l) => l.file === 'seeds/.git' || l.file === 'seeds/.DS_Store')
    expect(hidden.map((l) => [l.file, l.level])).toEqual([['seeds/.DS_Store', 20], ['seeds/.git', 20]])
    expect(loaded.skipped.some((s) => s.file.includes('/.'))).toBe(false)
  })

  it('names files by the folder’s own name, whatever the path used to reach it', async () => {
    await corpus.write('a.txt', article('A Story', 1))
    const viaDots = await loadCorpus(`${corpus.dir}/../seeds/`)
    expect(viaDots.articles.map((a) => a.file)).toEqual(['seeds/a.txt'])
  })

  it('loads a folder of 300 articles with 30,000 paragraphs, chunk ids dense and in order', async () => {
    for (let i = 0; i < 300; i++) {
      await corpus.write(`batch${i % 7}/${String(i).padStart(3, '0')}.txt`, article(`Story Number ${i}`, 100, `topic${i}`))
    }
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    expect(loaded.articles).toHaveLength(300)
    expect(loaded.chunks).toHaveLength(30_000)
    expect(loaded.skipped).toEqual([])
    expect(logs.warnings()).toEqual([])
    expect(loaded.chunks.every((c, i) => c.id === i)).toBe(true)
    const files = loaded.articles.map((a) => a.file)
    expect(files).toEqual([...files].sort())
    let at = 0
    for (const a of loaded.articles) {
      const own = loaded.chunks.slice(at, at + a.paragraphs)
      expect(own.every((c) => c.file === a.file)).toBe(true)
      expect(own.map((c) => c.paragraph)).toEqual(own.map((_, k) => k + 1))
      at += a.paragraphs
    }
    expect(logs.lines.at(-1)).toMatchObject({ msg: 'Loaded 300 article(s), 30000 paragraph(s)', articles: 300, chunks: 30000 })
  })
})

describe('corpusFromTexts', () => {
  it('chunks in-memory texts with their metadata, sorted by file, without touching the disk', () => {
    const c = corpusFromTexts([
      { file: 'mem/b.txt', text: article('B Story', 2) },
      { file: 'mem/a.txt', text: '\uFEFFA plain paragraph.', meta: { source: 'Wire', date: '2025-01-01' } },
      { file: 'mem/empty.txt', text: '  \n' },
      { file: 'mem/b.txt', text: 'Duplicate.' },
    ])
    expect(c.articles.map((a) => [a.file, a.title, a.source, a.date, a.paragraphs])).toEqual([
      ['mem/a.txt', null, 'Wire', '2025-01-01', 1],
      ['mem/b.txt', 'B Story', null, null, 2],
    ])
    expect(c.chunks[0]).toMatchObject({ id: 0, text: 'A plain paragraph.', start: 0, source: 'Wire' })
    expect(c.skipped).toEqual([
      { file: 'mem/b.txt', reason: 'duplicate file name' },
      { file: 'mem/empty.txt', reason: 'empty text' },
    ])
    expect(corpusFromTexts([{ file: 'mem/a.txt', text: 'A plain paragraph.', meta: { source: 'Other' } }]).fingerprint).not.toBe(
      corpusFromTexts([{ file: 'mem/a.txt', text: 'A plain paragraph.', meta: { source: 'Wire' } }]).fingerprint,
    )
  })
})
