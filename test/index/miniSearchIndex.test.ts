// The paragraph index is MiniSearch: built, saved as its own JSON inside the index part, loaded, changed live
// (add / discard / replace), and rebuilt with one log line when what was saved cannot be loaded.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { Engine } from '../../src/engine.js'
import { analyseTerms } from '../../src/index/analyse.js'
import { decodeIndexFile } from '../../src/index/indexFile.js'
import { chunkReuse, MANIFEST_FILE, partFile } from '../../src/index/persist.js'
import { SearchIndex } from '../../src/index/searchIndex.js'
import { captureLogs } from '../support/logSink.js'
import { tempSeeds } from '../support/tempSeeds.js'

const hitsOf = (index: SearchIndex, question: string) => index.retrieve(analyseTerms(question), 5).map((h) => index.chunks[h.id]!.text)

/** MiniSearch's toJSON as saved in an index's binary form: its lines put together again. */
function savedMiniSearch(bytes: Buffer): string {
  const json = decodeIndexFile(bytes).arrays.get('minisearch')!
  const [head, ...index] = Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8').split('\n')
  return JSON.stringify({ ...(JSON.parse(head!) as object), index: index.flatMap((line) => JSON.parse(line) as unknown[]) })
}

describe('the MiniSearch paragraph index', () => {
  const texts = [
    { file: 'a.txt', text: 'Harbor Bridge reopens\n\nThe Harbor Bridge reopened on March 3 after repairs.\n\nEngineer Maria Delgado led the repairs.\n' },
    { file: 'b.txt', text: 'Market moves\n\nThe farmers market moves to the rail yard in June.\n\nZhang Wei sells cheese there.\n' },
  ]

  it('is saved as MiniSearch JSON that MiniSearch itself loads, and answers the same once loaded', () => {
    const corpus = corpusFromTexts(texts)
    const built = SearchIndex.build(corpus.chunks)
    const bytes = built.toBinary()
    const plain = JSON.parse(savedMiniSearch(bytes)) as { documentCount: number; serializationVersion: number }
    expect(plain).toMatchObject({ documentCount: corpus.chunks.length, serializationVersion: 2 })
    // A plain MiniSearch, given the analysed terms, finds the paragraph too: the saved index is MiniSearch's own.
    const plainSearch = MiniSearch.loadJSON(savedMiniSearch(bytes), { fields: ['text', 'heading', 'title'], idField: 'id' })
    expect(plainSearch.search('delgado').map((r) => corpus.chunks[r.id as number]!.text)).toEqual([expect.stringContaining('Maria Delgado')])
    const loaded = SearchIndex.fromBinary(corpus.chunks, bytes)
    for (const q of ['Delgado repairs', 'cheese market', 'bridge']) expect(hitsOf(loaded, q)).toEqual(hitsOf(built, q))
  })

  it('adds, replaces and discards paragraphs in place, then saves and loads that state', () => {
    const before = corpusFromTexts(texts)
    const index = SearchIndex.build(before.chunks)
    const after = corpusFromTexts([
      { file: 'a.txt', text: 'Harbor Bridge reopens\n\nThe Harbor Bridge reopened on March 3 after repairs.\n\nEngineer Tomas Okafor led the repairs.\n' },
      { file: 'c.txt', text: 'Zeppelin lands\n\nA zeppelin landed at the airfield at dawn.\n' },
    ])
    const updated = index.update(after.chunks, chunkReuse(before, after))
    // Changed: the new engineer is found, the old one is not; removed: the market; added: the zeppelin.
    expect(hitsOf(updated, 'Okafor')).toEqual([expect.stringContaining('Tomas Okafor')])
    expect(hitsOf(updated, 'Delgado')).toEqual([])
    expect(hitsOf(updated, 'cheese market')).toEqual([])
    expect(hitsOf(updated, 'zeppelin')).toEqual([expect.stringContaining('zeppelin landed')])
    expect(JSON.parse(savedMiniSearch(updated.toBinary())).documentCount).toBe(after.chunks.length)
    const loaded = SearchIndex.fromBinary(after.chunks, updated.toBinary())
    for (const q of ['Okafor', 'Delgado', 'zeppelin', 'bridge repairs']) expect(hitsOf(loaded, q)).toEqual(hitsOf(updated, q))
    // The same as a fresh build of the changed corpus.
    const fresh = SearchIndex.build(after.chunks)
    for (const q of ['Okafor', 'zeppelin', 'bridge repairs']) expect(hitsOf(updated, q)).toEqual(hitsOf(fresh, q))
  })
})

describe('a saved MiniSearch index that cannot be used', () => {
  let dirs: Awaited<ReturnType<typeof tempSeeds>>
  beforeEach(async () => {
    dirs = await tempSeeds()
  })
  afterEach(async () => {
    await dirs.cleanup()
  })
  const open = (logger = captureLogs().logger) => Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, logger })
  const indexPart = async () => partFile(dirs.indexDir, 'index', JSON.parse(await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8')).generation)

  it('is rebuilt with one warning when its MiniSearch JSON is corrupt, and answers as before', async () => {
    const first = await open()
    const answer = first.ask('who did Xi send?').answer
    const path = await indexPart()
    const bytes = await readFile(path)
    // Overwrite the start of MiniSearch's JSON (the last array of the file) with bytes that are not JSON.
    const json = decodeIndexFile(bytes).arrays.get('minisearch')!
    Buffer.from(json.buffer, json.byteOffset, 8).write('garbage!')
    await writeFile(path, bytes)
    const { logger, lines } = captureLogs()
    const engine = await open(logger)
    expect(engine.origin).toBe('built')
    const warnings = lines.filter((l) => l.level === 40)
    expect(warnings).toHaveLength(1)
    expect(String(warnings[0]!.msg)).toMatch(/corrupt: rebuilding/)
    expect(String(warnings[0]!.err)).toMatch(/MiniSearch/)
    expect(engine.ask('who did Xi send?').answer).toBe(answer)
    expect((await open()).origin).toBe('loaded')
  })

  it('is rebuilt with one log line when it was saved in an older format', async () => {
    await open()
    const path = join(dirs.indexDir, MANIFEST_FILE)
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), formatVersion: 3 }))
    const { logger, lines } = captureLogs()
    expect((await open(logger)).origin).toBe('built')
    const said = lines.filter((l) => l.module === 'index' && Number(l.level) >= 30 && String(l.msg).includes('rebuild'))
    expect(said).toHaveLength(1)
    expect(String(said[0]!.reason)).toBe('index format 3 → 4')
  })
})
