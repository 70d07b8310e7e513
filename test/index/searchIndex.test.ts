import { describe, expect, it } from 'vitest'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { analyseTerms } from '../../src/index/analyse.js'
import { buildSearchIndex, INDEX_OPTIONS, SearchIndex } from '../../src/index/searchIndex.js'

const BRIDGE = `Harbor Bridge reopens after repairs

The Harbor Bridge in Port Elland reopened on March 3 after two years of repairs.

Engineer Maria Delgado led the repairs with 1,200 workers.

The bridge carries about 40,000 vehicles a day to the island of Vesta.
`

const MARKET = `Farmers market moves to the rail yard

The weekly farmers market moves to the old rail yard in June.

About 60 stalls sell vegetables, cheese and bread every Saturday.

Zhang Wei, who sells cheese, said the market needs a bridge over the tracks.
`

const texts = [
  { file: 'seeds/bridge.txt', text: BRIDGE },
  { file: 'seeds/market.txt', text: MARKET },
]
const corpus = corpusFromTexts(texts)
const index = buildSearchIndex(corpus.chunks)
const textOf = (id: number) => index.chunks[id]!.text
const top = (terms: string[], weights?: Map<string, number>) => index.retrieve(terms, 5, weights).map((h) => textOf(h.id))

describe('SearchIndex.retrieve', () => {
  it('finds the paragraph holding the terms, best first', () => {
    expect(top(['delgado', 'led'])[0]).toContain('Maria Delgado led')
    expect(top(['chees', 'stall'])[0]).toContain('60 stalls')
  })

  it('returns nothing for terms no chunk holds, and no more hits than asked for', () => {
    expect(index.retrieve(['xylophon'], 5)).toEqual([])
    expect(index.retrieve(['bridg'], 1)).toHaveLength(1)
  })

  it('finds a passage through a typo of a word the corpus lacks ("Delgadoo")', () => {
    expect(top(['delgadoo'])[0]).toContain('Maria Delgado')
  })

  it('never lets a near miss outrank the exact word: a known word is not matched fuzzily', () => {
    // "zhang" is in the corpus, so it is not stretched to "zheng" or anything else one edit away.
    const hits = index.retrieve(['zhang'], 5)
    expect(hits).toHaveLength(1)
    expect(textOf(hits[0]!.id)).toContain('Zhang Wei')
  })

  it('gives a fuzzy match less weight than the same word spelled right', () => {
    const exact = index.retrieve(['vesta'], 1)[0]!
    const typo = index.retrieve(['vestaa'], 1)[0]!
    expect(typo.id).toBe(exact.id)
    expect(typo.bm25).toBeLessThan(exact.bm25)
  })

  it('scores articles as wholes: every paragraph of the article the words are about shares its article score', () => {
    // "bridge" runs through the Harbor Bridge article (title included); the market article says it once.
    const hits = index.retrieve(['bridg'], 10)
    const market = hits.find((h) => textOf(h.id).includes('Zhang'))!
    const bridge = hits.filter((h) => index.articleOf[h.id] !== index.articleOf[market.id])
    expect(bridge.length).toBeGreaterThan(1)
    for (const h of bridge) expect(h.article).toBe(1)
    expect(market.article).toBeLessThan(1)
  })

  it('weighs terms by the weights given', () => {
    const w = new Map([['chees', 5], ['bridg', 0.1]])
    expect(top(['chees', 'bridg'], w)[0]).toContain('cheese')
  })
})

const queries = [['delgado'], ['bridg', 'vesta'], ['chees', 'market'], ['delgadoo']]

describe('SearchIndex persistence', () => {
  it('round-trips through its binary form: same hits, same analysis', () => {
    const loaded = SearchIndex.fromBinary(corpus.chunks, index.toBinary())
    for (const q of queries) expect(loaded.retrieve(q, 5)).toEqual(index.retrieve(q, 5))
    for (let id = 0; id < corpus.chunks.length; id++) expect(loaded.analysed(id)).toEqual(index.analysed(id))
    expect(loaded.idf('bridg')).toBe(index.idf('bridg'))
  })

  it('rejects what is not a serialised index, or one of another corpus, with a clear error', () => {
    expect(() => SearchIndex.fromBinary(corpus.chunks, Buffer.from('{"format":1}'))).toThrow(/not a serialised index/)
    const bytes = index.toBinary()
    expect(() => SearchIndex.fromBinary(corpus.chunks, bytes.subarray(0, bytes.length - 4))).toThrow(/not a serialised index/)
    expect(() => SearchIndex.fromBinary(corpus.chunks.slice(1), bytes)).toThrow(/corpus has/)
    const broken = Buffer.from(bytes)
    // The first term id, after the header and the chunk offsets.
    broken.writeInt32LE(2 ** 30, 8 + broken.readUInt32LE(4) + 4 * (corpus.chunks.length + 1))
    expect(() => SearchIndex.fromBinary(corpus.chunks, broken)).toThrow(/term id out of range/)
  })
})

describe('SearchIndex updates', () => {
  it('answers like an index built from scratch after articles are added, changed and removed', async () => {
    const { corpusFromTexts } = await import('../../src/corpus/loadCorpus.js')
    const { chunkReuse } = await import('../../src/index/persist.js')
    const texts = corpus.articles.map((a) => ({ file: a.file, text: corpus.chunks.filter((c) => c.file === a.file).map((c) => c.text).join('\n\n') }))
    const before = corpusFromTexts(texts)
    const old = SearchIndex.build(before.chunks)
    const after = corpusFromTexts([
      ...texts.slice(1).map((t, i) => (i === 0 ? { ...t, text: `${t.text}\n\nThe zeppelin landed at dawn.` } : t)),
      { file: 'zz-new.txt', text: 'A quarry near the harbour closed after the flood.' },
    ])
    const updated = old.update(after.chunks, chunkReuse(before, after))
    const fresh = SearchIndex.build(after.chunks)
    for (const q of [...queries, ['zeppelin'], ['quarri', 'harbour'], [texts[0]!.text.split(' ')[0]!.toLowerCase()]]) {
      expect(updated.retrieve(q, 5).map((h) => h.id)).toEqual(fresh.retrieve(q, 5).map((h) => h.id))
    }
    expect(updated.knows('zeppelin')).toBe(true)
    expect(old.replaced).toBe(true)
    expect(() => old.retrieve(['zeppelin'], 5)).toThrow(/updated/)
  })

  it('stays in use when an update fails', () => {
    const old = SearchIndex.build(corpus.chunks)
    const before = old.retrieve(['bridg'], 5)
    const misnumbered = corpus.chunks.map((c, i) => ({ ...c, id: i + 1 }))
    expect(() => old.update(misnumbered, new Int32Array(misnumbered.length).fill(-1))).toThrow(/dense/)
    expect(old.replaced).toBe(false)
    expect(old.retrieve(['bridg'], 5)).toEqual(before)
  })
})

describe('SearchIndex selective first stage', () => {
  // 60 council reports, two of which mention the quarry permit: "council" is in every chunk, "quarry" in two.
  const reports = Array.from({ length: 60 }, (_, i) =>
    i === 17 || i === 42
      ? `Report ${i}\n\nThe council heard objections to the quarry permit from ${i} residents.\n`
      : `Report ${i}\n\nThe council met on day ${i} and approved the minutes.\n`,
  )
  // A small town: the share alone says what is common here, not the count kept for small corpora.
  const options = { ...INDEX_OPTIONS, selective: { ...INDEX_OPTIONS.selective, minCount: 0 } }
  const town = buildSearchIndex(corpusFromTexts(reports.map((text, i) => ({ file: `seeds/r${i}.txt`, text }))).chunks, options)
  const terms = analyseTerms('council quarry permit')
  const textOfTown = (id: number) => town.chunks[id]!.text

  it('leaves the common words out of the search: only the chunks holding a rare word, scored as scoring them all does', () => {
    const selective = town.retrieve(terms, 30)
    const exhaustive = town.retrieve(terms, 30, undefined, false)
    expect(selective.map((h) => textOfTown(h.id))).toEqual([expect.stringMatching(/quarry/), expect.stringMatching(/quarry/)])
    expect(exhaustive).toHaveLength(30)
    // The hits chosen are scored again with every term ("council" included): the same scores as scoring all.
    expect(exhaustive.slice(0, 2)).toEqual(selective)
  })

  it('scores every matching chunk when all of the question is common words', () => {
    expect(town.retrieve(analyseTerms('council minutes'), 100)).toHaveLength(60)
  })
})
