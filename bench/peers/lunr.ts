// Peer: lunr 2 with its defaults (trimmer, stop-word filter and stemmer at index time; stemmer at query time).
// The question goes in as lunr's own tokens, each an optional term (OR). Not through `index.search(string)`:
// its query syntax would read ':', '^', '~', '+', '-' and '*' in questions as operators, and it skips the trimmer,
// so "Bowl?" would never match "bowl".
import lunr from 'lunr'
import type { Peer, PeerHit, PeerRun } from './types.js'

function questionTokens(question: string): lunr.Token[] {
  return lunr.tokenizer(question).map((t) => lunr.trimmer(t) as lunr.Token).filter((t) => t.toString() !== '')
}

export const lunrPeer: Peer = {
  name: 'lunr 2',
  create(): PeerRun {
    let index: lunr.Index | null = null
    let saved: string | null = null
    return {
      build(docs) {
        index = lunr(function () {
          this.ref('id')
          this.field('text')
          for (const doc of docs) this.add(doc)
        })
      },
      save() {
        saved = JSON.stringify(index)
        return Buffer.byteLength(saved)
      },
      load() {
        index = lunr.Index.load(JSON.parse(saved ?? 'null'))
        saved = null
      },
      search(question, k): PeerHit {
        const tokens = questionTokens(question)
        if (!index || tokens.length === 0) return { ids: [], topScore: null }
        const results = index.query((q) => {
          q.term(tokens, {})
        })
        return { ids: results.slice(0, k).map((r) => Number(r.ref)), topScore: results[0]?.score ?? null }
      },
      close() {
        index = null
      },
    }
  },
}
