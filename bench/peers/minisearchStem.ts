// Peer: MiniSearch 7 with English stop words (the `stopword` package's list) and the Porter stemmer (`stemmer`),
// applied at index and query time through `processTerm`. Otherwise defaults. Its top score is also the
// raw-BM25 baseline for declining on SQuAD 2.0.
import MiniSearch from 'minisearch'
import { stemmer } from 'stemmer'
import { createRequire } from 'node:module'
import type { Peer, PeerDoc, PeerHit, PeerRun } from './types.js'

// `stopword` ships no type declarations; load its CommonJS build and type the one list we use.
const { eng } = createRequire(import.meta.url)('stopword') as { eng: string[] }
const STOP_WORDS = new Set(eng.map((w) => w.toLowerCase()))

function processTerm(term: string): string | null {
  const lower = term.toLowerCase()
  return STOP_WORDS.has(lower) ? null : stemmer(lower)
}

const OPTIONS = { fields: ['text'], processTerm }

export const minisearchStem: Peer = {
  name: 'MiniSearch 7 + stop words + Porter',
  create(): PeerRun {
    let index: MiniSearch<PeerDoc> | null = null
    let saved: string | null = null
    return {
      build(docs) {
        index = new MiniSearch<PeerDoc>(OPTIONS)
        index.addAll(docs)
      },
      save() {
        saved = JSON.stringify(index)
        return Buffer.byteLength(saved)
      },
      load() {
        index = MiniSearch.loadJSON<PeerDoc>(saved ?? '', OPTIONS)
        saved = null
      },
      search(question, k): PeerHit {
        const results = index?.search(question) ?? []
        return { ids: results.slice(0, k).map((r) => Number(r.id)), topScore: results[0]?.score ?? null }
      },
      close() {
        index = null
      },
    }
  },
}
