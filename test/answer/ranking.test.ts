import { describe, expect, it } from 'vitest'
import { search } from '../../src/answer/search.js'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'

const HISTORY = `Notes on English history

The Battle of Hastings was fought in 1066 near the town of Battle, in Sussex.

Hastings is a seaside town. A battle of the bands was fought out there in 1990, by local groups.

Duke William of Normandy was crowned in London on Christmas Day.
`

const DIPLOMACY = `Envoys at the inauguration

Xi Jinping will send Vice President Han Zheng to the inauguration.

Trade minister Zhang Ming will visit Paris in May.
`

const BRIDGE = `Harbor Bridge reopens

Workers repainted the steel arches in June, the city said.
`

const MARKET = `Farmers market moves

Workers repainted the market stalls in June, the organisers said.
`

const index = buildSearchIndex(
  corpusFromTexts([
    { file: 'seeds/history.txt', text: HISTORY },
    { file: 'seeds/diplomacy.txt', text: DIPLOMACY },
    { file: 'seeds/bridge.txt', text: BRIDGE },
    { file: 'seeds/market.txt', text: MARKET },
  ]).chunks,
)
const first = (q: string) => search(index, q, { limit: 5 }).hits[0]?.chunk.text ?? ''

describe('passage ranking', () => {
  it('puts the passage with the exact phrase above one with the same words scattered', () => {
    expect(first('Where was the Battle of Hastings fought?')).toContain('The Battle of Hastings was fought in 1066')
  })

  it('still finds the passage when a name is misspelt', () => {
    expect(first('Who will Xi Jinpingg send?')).toContain('Han Zheng')
  })

  it('never lets a misspelling outrank the exact word: "Zhang" finds Zhang, "Zhenng" finds Zheng', () => {
    expect(first('Where will Zhang go?')).toContain('Zhang Ming')
    expect(first('Who is Zhenng?')).toContain('Han Zheng')
  })

  it('uses what the whole article is about: the title tells two otherwise identical paragraphs apart', () => {
    expect(first('When were the Harbor Bridge arches repainted?')).toContain('steel arches')
    expect(first('When did workers repaint the farmers market?')).toContain('market stalls')
  })

  it('gives positive scores, best first, so citations can compare them as ratios', () => {
    const hits = search(index, 'workers repainted in June', { limit: 10 }).hits
    expect(hits.length).toBeGreaterThan(1)
    for (const h of hits) expect(h.score).toBeGreaterThan(0)
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score)
  })
})
