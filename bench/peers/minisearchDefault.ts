// Peer: MiniSearch 7 with its documented defaults (one field, default tokenizer and term processing, OR query).
import MiniSearch from 'minisearch'
import type { Peer, PeerDoc, PeerHit, PeerRun } from './types.js'

const OPTIONS = { fields: ['text'] }

export const minisearchDefault: Peer = {
  name: 'MiniSearch 7 default',
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
