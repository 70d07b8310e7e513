// The optional metadata.json sidecar: set, correct and clear metadata; a broken one is ignored with a warning.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { captureLogs, tempCorpus } from './helpers.js'

const A = 'CNN\nXi Sends Deputy To Washington\nJanuary 17, 2025\nThe vice president will attend in place of Xi.\n'
const B = 'The two leaders spoke by phone on Friday, officials said.\n'

let corpus: Awaited<ReturnType<typeof tempCorpus>>
beforeEach(async () => {
  corpus = await tempCorpus('news')
  await corpus.write('a.txt', A)
  await corpus.write('world/b.md', B)
})
afterEach(async () => {
  await corpus.cleanup()
})

async function load() {
  const logs = captureLogs()
  const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
  const meta = (file: string) => {
    const { title, source, date, url } = loaded.articles.find((a) => a.file === file)!
    return { title, source, date, url }
  }
  return { loaded, meta, warnings: logs.warnings() }
}

describe('metadata.json sidecar', () => {
  it('without a sidecar, articles keep what the text says', async () => {
    const { meta, loaded } = await load()
    expect(meta('news/a.txt')).toEqual({ title: 'Xi Sends Deputy To Washington', source: 'CNN', date: '2025-01-17', url: null })
    expect(meta('news/world/b.md')).toEqual({ title: null, source: null, date: null, url: null })
    expect(loaded.articles.map((a) => a.file)).toEqual(['news/a.txt', 'news/world/b.md'])
  })

  it('sets, overrides and clears fields per file, on the articles and on every chunk', async () => {
    await corpus.write(
      'metadata.json',
      JSON.stringify({
        'a.txt': { source: 'CNN International', title: null, url: 'https://edition.cnn.com/a' },
        'world/b.md': { title: 'Leaders Speak', source: 'Reuters', date: '2025-01-18' },
      }),
    )
    const { meta, loaded, warnings } = await load()
    expect(warnings).toEqual([])
    expect(meta('news/a.txt')).toEqual({ title: null, source: 'CNN International', date: '2025-01-17', url: 'https://edition.cnn.com/a' })
    expect(meta('news/world/b.md')).toEqual({ title: 'Leaders Speak', source: 'Reuters', date: '2025-01-18', url: null })
    const chunk = loaded.chunks.find((c) => c.file === 'news/world/b.md')!
    expect(chunk).toMatchObject({ title: 'Leaders Speak', source: 'Reuters', date: '2025-01-18' })
    // The sidecar is not an article.
    expect(loaded.articles).toHaveLength(2)
    expect(loaded.skipped).toEqual([])
  })

  it('accepts the displayed path as a key too', async () => {
    await corpus.write('metadata.json', JSON.stringify({ 'news/world/b.md': { source: 'AP' } }))
    expect((await load()).meta('news/world/b.md').source).toBe('AP')
  })

  it.each([
    ['invalid JSON', '{ "a.txt": { "source": "CNN" ', /not valid JSON/],
    ['a wrong date', JSON.stringify({ 'a.txt': { date: '2025-02-30' } }), /"a\.txt"\.date: must be a real date written YYYY-MM-DD/],
    ['an unknown field', JSON.stringify({ 'a.txt': { titel: 'Typo' } }), /"a\.txt"\.titel: is not a field \(title, source, date or url\)/],
    ['a non-http URL', JSON.stringify({ 'a.txt': { url: 'javascript:alert(1)' } }), /"a\.txt"\.url: must be an http\(s\) URL/],
    ['an array', '[]', /expected an object that maps file paths to metadata/],
  ])('ignores a sidecar with %s, with one warning, and keeps detected metadata', async (_, json, reason) => {
    await corpus.write('metadata.json', json)
    const { meta, warnings, loaded } = await load()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ file: 'news/metadata.json' })
    expect(warnings[0]!.reason).toMatch(reason)
    expect(meta('news/a.txt')).toEqual({ title: 'Xi Sends Deputy To Washington', source: 'CNN', date: '2025-01-17', url: null })
    expect(loaded.articles).toHaveLength(2)
  })

  it('warns once about entries for files that were not loaded', async () => {
    await corpus.write('metadata.json', JSON.stringify({ 'a.txt': { source: 'X' }, 'missing.txt': { source: 'Y' }, 'typo.md': {} }))
    const { warnings, meta } = await load()
    expect(meta('news/a.txt').source).toBe('X')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.msg).toBe('news/metadata.json: no loaded article for "missing.txt", "typo.md"')
  })

  it('changes the fingerprint when the sidecar or an article changes, and only then', async () => {
    const first = (await load()).loaded.fingerprint
    expect((await load()).loaded.fingerprint).toBe(first)
    await corpus.write('metadata.json', JSON.stringify({ 'a.txt': { source: 'CNN' } }))
    const withSidecar = (await load()).loaded.fingerprint
    expect(withSidecar).not.toBe(first)
    await corpus.write('metadata.json', JSON.stringify({ 'a.txt': { source: 'BBC' } }))
    const edited = (await load()).loaded.fingerprint
    expect(edited).not.toBe(withSidecar)
    await corpus.write('world/b.md', `${B}One more sentence.\n`)
    expect((await load()).loaded.fingerprint).not.toBe(edited)
    // A skipped file is not part of the corpus.
    const before = (await load()).loaded.fingerprint
    await corpus.write('image.png', 'not an article')
    expect((await load()).loaded.fingerprint).toBe(before)
  })
})
