// The paragraph index is MiniSearch, its postings packed (packedMiniSearch.ts): built, saved as typed arrays inside
// the index part, loaded lazily, changed live (add / discard / replace / vacuum), and rebuilt with one log line
// when what was saved cannot be loaded. Its answers are MiniSearch's own: the same as a plain MiniSearch's.
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import type { SearchOptions, SearchResult } from 'minisearch'
import SearchableMap from 'minisearch/SearchableMap'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { Engine } from '../../src/engine.js'
import { analyseTerms } from '../../src/index/analyse.js'
import { decodeIndexFile } from '../../src/index/indexFile.js'
import { fieldTermIds } from '../../src/index/indexParts.js'
import { buildParagraphSearch, MINISEARCH_OPTIONS } from '../../src/index/paragraphSearch.js'
import type { ParagraphDoc, ParagraphSearch } from '../../src/index/paragraphSearch.js'
import { PackedMiniSearch } from '../../src/index/packedMiniSearch.js'
import type { PackedTermIndex } from '../../src/index/packedTerms.js';
import { editDistance } from '../../src/index/packedTerms.js'
import { chunkReuse, MANIFEST_FILE, partFile } from '../../src/index/persist.js'
import { SearchIndex } from '../../src/index/searchIndex.js'
import type { Chunk } from '../../src/types.js'
import { captureLogs } from '../support/logSink.js'
import { SEEDS, tempSeeds } from '../support/tempSeeds.js'

const hitsOf = (index: SearchIndex, question: string) => index.retrieve(analyseTerms(question), 5).map((h) => index.chunks[h.id]!.text)

/** A seeded corpus of `n` articles of a few paragraphs, in the words of the bundled seeds (typos included). */
function generatedTexts(n: number, seed = 7): { file: string; text: string }[] {
  const words = ['000_5a00534109fa55da.txt', '001_ec95834cf9bd06a8.txt', '002_699b818289046363.txt']
    .flatMap((f) => readFileSync(join(SEEDS, f), 'utf8').split(/\s+/))
    .filter((w) => /^[A-Za-z]{3,}$/.test(w))
  let s = seed
  const next = (k: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % k)
  const sentence = (len: number) => Array.from({ length: len }, () => words[next(words.length)]!).join(' ')
  return Array.from({ length: n }, (_, i) => ({
    file: `g${String(i).padStart(3, '0')}.txt`,
    text: [sentence(4), ...Array.from({ length: 1 + next(4) }, () => `${sentence(6 + next(30))}.`)].join('\n\n') + '\n',
  }))
}

/** What MiniSearch indexes of a chunk: the document a plain MiniSearch is given. */
const docOf = (c: Chunk, id = c.id): ParagraphDoc => ({ id, text: c.text, heading: c.heading ?? '', title: c.title ?? '' })

/** A packed MiniSearch of the chunks, as SearchIndex.build makes it. */
function packedOf(chunks: readonly Chunk[]): ParagraphSearch {
  const vocabulary: string[] = []
  const ids = new Map<string, number>()
  const intern = (t: string) => ids.get(t) ?? (ids.set(t, vocabulary.push(t) - 1), vocabulary.length - 1)
  const textIds = chunks.map((c) => Int32Array.from(analyseTerms(c.text), intern))
  return buildParagraphSearch(textIds, fieldTermIds(chunks, vocabulary, ids), vocabulary, ids)
}

const OPTIONS: SearchOptions = { boost: { text: 1, heading: 0.6, title: 0.4 }, bm25: { k: 1.2, b: 0.75, d: 0.5 }, weights: { fuzzy: 0.35, prefix: 0 } }
// Fuzzy matches come in the order of their terms, not of MiniSearch's tree (which follows the order terms were
// first added): a result's terms may be listed in another order, and its score summed in another order.
const plainOf = (r: SearchResult[]) => r.map(({ id, score, terms, match }) => ({ id, score: Number(score.toPrecision(12)), terms: [...terms].sort(), match }))

function queriesOf(chunks: readonly Chunk[]): string[] {
  const terms = [...new Set(chunks.flatMap((c) => analyseTerms(c.text)))].sort()
  const queries = terms.filter((_, i) => i % 7 === 0).map((t, i) => `${t} ${terms[(i * 13) % terms.length]} ${terms[(i * 29) % terms.length]}`)
  // Typos: a letter dropped, doubled or changed.
  const typos = terms.filter((t) => t.length >= 5).filter((_, i) => i % 5 === 0).flatMap((t) => [t.slice(1), `${t}${t.at(-1)}`, `${t.slice(0, 2)}q${t.slice(3)}`])
  return [...queries, ...typos]
}

describe('the packed MiniSearch', () => {
  const chunks = corpusFromTexts(generatedTexts(60)).chunks
  const queries = queriesOf(chunks)

  it('answers exactly as a plain MiniSearch loaded from its own serialisation, fuzzy matches included', () => {
    const packed = packedOf(chunks)
    const plain = MiniSearch.loadJSON<ParagraphDoc>(JSON.stringify(packed), MINISEARCH_OPTIONS)
    expect(plain.documentCount).toBe(chunks.length)
    expect(plain.termCount).toBe(packed.termCount)
    for (const q of queries) {
      for (const options of [OPTIONS, { ...OPTIONS, fuzzy: 1 }, { ...OPTIONS, prefix: true }]) expect(plainOf(packed.search(q, options))).toEqual(plainOf(plain.search(q, options)))
    }
  })

  it('ranks as a MiniSearch that was given the same documents one by one', () => {
    const packed = packedOf(chunks)
    const added = new MiniSearch<ParagraphDoc>(MINISEARCH_OPTIONS)
    added.addAll(chunks.map((c) => docOf(c)))
    for (const q of queries.slice(0, 40)) {
      const a = packed.search(q, OPTIONS)
      const b = added.search(q, OPTIONS)
      expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id))
      a.forEach((r, i) => expect(r.score).toBeCloseTo(b[i]!.score, 9))
    }
  })

  it('finds the terms one edit away as MiniSearch\'s own tree does', () => {
    const packed = packedOf(chunks)
    const tree = new SearchableMap<number>()
    for (const c of chunks) for (const t of analyseTerms(c.text)) tree.set(t, 1)
    for (const q of queries.concat(['', 'a', 'zz'])) {
      for (const d of [1, 2]) {
        const mine = [...(packed as unknown as { terms: PackedTermIndex }).terms.fuzzyGet(q, d)].map(([t, [, dist]]) => [t, dist])
        const theirs = [...tree.fuzzyGet(q, d)].map(([t, [, dist]]) => [t, dist]).sort()
        // Heading and title terms are in the packed index too: compare over the text terms.
        expect(mine.filter(([t]) => tree.has(t as string))).toEqual(theirs)
      }
    }
    expect(editDistance('kitten', 'sitting', 3)).toBe(3)
    expect(editDistance('kitten', 'sitting', 2)).toBe(3)
  })

  it('scores in searchScores exactly what search scores, fuzzy matches and term boosts included, or leaves it to search', () => {
    const packed = packedOf(chunks)
    const same = (q: string, options: SearchOptions) => {
      const lean = packed.searchScores(q, options)
      expect(lean).not.toBeNull()
      const full = packed.search(q, options)
      expect(new Map(lean!.ids.map((id, i) => [id, lean!.scores[i]]))).toEqual(new Map(full.map((r) => [r.id as number, r.score])))
    }
    const boostTerm = (term: string) => 0.5 + (term.length % 3) / 4
    // A term given twice is left to search (it counts once in a result's quality, twice in its score).
    const once = queries.filter((q) => new Set(q.split(' ')).size === q.split(' ').length)
    expect(once.length).toBeGreaterThan(queries.length / 2)
    for (const q of once) for (const options of [OPTIONS, { ...OPTIONS, fuzzy: 1 }, { ...OPTIONS, fuzzy: 0.2, boostTerm }]) same(q, options)
    expect(packed.searchScores('film film', OPTIONS)).toBeNull()
    expect(packed.searchScores(queries[0]!, { ...OPTIONS, prefix: true })).toBeNull()
    expect(packed.searchScores(queries[0]!, { ...OPTIONS, boostDocument: () => 1 })).toBeNull()
    // A discarded document still in the postings: MiniSearch's search removes it as it meets it.
    packed.discard(chunks[0]!.id)
    expect(packed.searchScores(queries[0]!, OPTIONS)).toBeNull()
  })

  it('reads only the given documents in searchWithin, with the scores a full search gives them', () => {
    const packed = packedOf(chunks)
    const chosen = new Set([3, 17, 40, 41, 90].filter((id) => id < chunks.length))
    const boostDocument = (id: number) => (chosen.has(id) ? 1 : 0)
    for (const q of queries.slice(0, 60)) expect(plainOf(packed.searchWithin(chosen, q, { ...OPTIONS, boostDocument }))).toEqual(plainOf(packed.search(q, { ...OPTIONS, boostDocument })))
  })

  it('adds, discards, replaces and vacuums after a lazy load as a plain MiniSearch does, and packs that state again', async () => {
    const packed = packedOf(chunks)
    const plain = MiniSearch.loadJSON<ParagraphDoc>(JSON.stringify(packed), MINISEARCH_OPTIONS)
    // Searched first, so that some terms are read in place and others are not.
    for (const q of queries.slice(0, 20)) packed.search(q, OPTIONS)
    const more = corpusFromTexts(generatedTexts(10, 99)).chunks
    const ops: ((m: MiniSearch<ParagraphDoc>) => void)[] = [
      ...chunks.filter((_, i) => i % 3 === 0).map((c) => (m: MiniSearch<ParagraphDoc>) => m.discard(c.id)),
      ...more.map((c, i) => (m: MiniSearch<ParagraphDoc>) => m.add(docOf(c, 1000 + i))),
      ...more.slice(0, 5).map((c, i) => (m: MiniSearch<ParagraphDoc>) => m.replace(docOf(c, 1 + 3 * i))),
    ]
    for (const op of ops) {
      op(packed)
      op(plain)
    }
    const same = () => {
      for (const q of queries.slice(0, 80)) for (const options of [OPTIONS, { ...OPTIONS, fuzzy: 1 }]) expect(plainOf(packed.search(q, options))).toEqual(plainOf(plain.search(q, options)))
    }
    same()
    // Discarded documents still in the postings are read by searchWithin, as a full search reads them.
    const chosen = new Set([1, 2, 4, 1003])
    const boostDocument = (id: number) => (chosen.has(id) ? 1 : 0)
    for (const q of queries.slice(80, 120)) expect(plainOf(packed.searchWithin(chosen, q, { ...OPTIONS, boostDocument }))).toEqual(plainOf(plain.search(q, { ...OPTIONS, boostDocument })))
    await Promise.all([packed.vacuum(), plain.vacuum()])
    expect(packed.dirtCount).toBe(0)
    same()
    // The same state, terms aside in another order.
    const state = (m: MiniSearch<ParagraphDoc>) => {
      const js = m.toJSON()
      return { ...js, index: js.index.sort((a, b) => (a[0] < b[0] ? -1 : 1)) }
    }
    expect(JSON.parse(JSON.stringify(state(packed)))).toEqual(JSON.parse(JSON.stringify(state(plain))))
  })
})

describe('the paragraph index, saved and loaded', () => {
  const texts = [
    { file: 'a.txt', text: 'Harbor Bridge reopens\n\nThe Harbor Bridge reopened on March 3 after repairs.\n\nEngineer Maria Delgado led the repairs.\n' },
    { file: 'b.txt', text: 'Market moves\n\nThe farmers market moves to the rail yard in June.\n\nZhang Wei sells cheese there.\n' },
  ]

  it('gives a fresh build\'s results once loaded, typos included', () => {
    const corpus = corpusFromTexts(generatedTexts(80, 3))
    const built = SearchIndex.build(corpus.chunks)
    const loaded = SearchIndex.fromBinary(corpus.chunks, built.toBinary())
    for (const q of queriesOf(corpus.chunks)) expect(loaded.retrieve(analyseTerms(q), 10)).toEqual(built.retrieve(analyseTerms(q), 10))
    expect(loaded.toBinary()).toEqual(built.toBinary())
  })

  it('adds, replaces and discards paragraphs in place after a load, then saves and loads that state', () => {
    const before = corpusFromTexts(texts)
    const index = SearchIndex.fromBinary(before.chunks, SearchIndex.build(before.chunks).toBinary())
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
    expect(hitsOf(updated, 'zeppelim')).toEqual([expect.stringContaining('zeppelin landed')])
    expect(decodeIndexFile(updated.toBinary()).header.minisearch.documentCount).toBe(after.chunks.length)
    const loaded = SearchIndex.fromBinary(after.chunks, updated.toBinary())
    for (const q of ['Okafor', 'Delgado', 'zeppelin', 'bridge repairs', 'zeppelim']) expect(hitsOf(loaded, q)).toEqual(hitsOf(updated, q))
    // The same as a fresh build of the changed corpus.
    const fresh = SearchIndex.build(after.chunks)
    for (const q of ['Okafor', 'zeppelin', 'bridge repairs']) expect(hitsOf(updated, q)).toEqual(hitsOf(fresh, q))
  })

  it('is a PackedMiniSearch, loaded from the arrays of the file', () => {
    const corpus = corpusFromTexts(texts)
    const { arrays } = decodeIndexFile(SearchIndex.build(corpus.chunks).toBinary())
    expect([...arrays.keys()].filter((k) => k.startsWith('ms.'))).toEqual(['ms.start', 'ms.docs', 'ms.freqs', 'ms.sorted', 'ms.bySuffix', 'ms.shortIds', 'ms.docIds', 'ms.fieldLengths'])
    expect(packedOf(corpus.chunks)).toBeInstanceOf(PackedMiniSearch)
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

  for (const [name, corrupt] of [
    ['a document id past the last', (a: Uint32Array) => a.fill(0xffffffff, 0, 4)],
    ['postings out of order', (a: Uint32Array) => a.reverse()],
  ] as const) {
    it(`is rebuilt with one warning when its packed postings are corrupt (${name}), and answers as before`, async () => {
      const first = await open()
      const answer = first.ask('who did Xi send?').answer
      const path = await indexPart()
      const bytes = await readFile(path)
      corrupt(decodeIndexFile(bytes).arrays.get('ms.docs') as Uint32Array)
      await writeFile(path, bytes)
      const { logger, lines } = captureLogs()
      const engine = await open(logger)
      expect(engine.origin).toBe('built')
      const warnings = lines.filter((l) => l.level === 40)
      expect(warnings).toHaveLength(1)
      expect(String(warnings[0]!.msg)).toMatch(/corrupt: rebuilding/)
      expect(String(warnings[0]!.err)).toMatch(/MiniSearch: the packed index is corrupt/)
      expect(engine.ask('who did Xi send?').answer).toBe(answer)
      expect((await open()).origin).toBe('loaded')
    })
  }

  it('is rebuilt with one log line when it was saved in an older format', async () => {
    await open()
    const path = join(dirs.indexDir, MANIFEST_FILE)
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), formatVersion: 4 }))
    const { logger, lines } = captureLogs()
    expect((await open(logger)).origin).toBe('built')
    const said = lines.filter((l) => l.module === 'index' && Number(l.level) >= 30 && String(l.msg).includes('rebuild'))
    expect(said).toHaveLength(1)
    expect(String(said[0]!.reason)).toBe('index format 4 → 5')
  })
})
