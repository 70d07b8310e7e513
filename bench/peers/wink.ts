// Peer: wink-bm25-text-search with the wink-nlp-utils preparation pipe its README (v3.0.1) shows:
// lower-case, tokenize0, remove stop words, stem, propagate negations. BM25 defaults (k1 1.2, b 0.75).
import { createRequire } from 'node:module'
import type { Peer, PeerHit, PeerRun } from './types.js'

// Neither package ships type declarations: type the few calls we make at this boundary.
interface WinkEngine {
  defineConfig(config: { fldWeights: Record<string, number> }): void
  definePrepTasks(tasks: ((input: unknown) => unknown)[]): number
  addDoc(doc: Record<string, string>, id: number): void
  consolidate(): void
  search(text: string, limit?: number): [id: number | string, score: number][]
  exportJSON(): string
  importJSON(json: string): boolean
}
type PrepTask = (input: unknown) => unknown
interface WinkNlpUtils {
  string: { lowerCase: PrepTask; tokenize0: PrepTask }
  tokens: { removeWords: PrepTask; stem: PrepTask; propagateNegations: PrepTask }
}
const require = createRequire(import.meta.url)
const bm25 = require('wink-bm25-text-search') as () => WinkEngine
const nlp = require('wink-nlp-utils') as WinkNlpUtils

const PREP_TASKS: PrepTask[] = [
  nlp.string.lowerCase,
  nlp.string.tokenize0,
  nlp.tokens.removeWords,
  nlp.tokens.stem,
  nlp.tokens.propagateNegations,
]

function configured(): WinkEngine {
  const engine = bm25()
  engine.defineConfig({ fldWeights: { text: 1 } })
  engine.definePrepTasks(PREP_TASKS)
  return engine
}

export const winkPeer: Peer = {
  name: 'wink-bm25-text-search',
  create(): PeerRun {
    let engine: WinkEngine | null = null
    let saved: string | null = null
    return {
      build(docs) {
        engine = configured()
        for (const doc of docs) engine.addDoc({ text: doc.text }, doc.id)
        engine.consolidate()
      },
      save() {
        saved = engine?.exportJSON() ?? ''
        return Buffer.byteLength(saved)
      },
      load() {
        // importJSON resets the model but keeps the prep tasks, which must be defined first.
        engine = configured()
        engine.importJSON(saved ?? '')
        saved = null
      },
      search(question, k): PeerHit {
        const results = engine?.search(question, k) ?? []
        return { ids: results.map(([id]) => Number(id)), topScore: results[0]?.[1] ?? null }
      },
      close() {
        engine = null
      },
    }
  },
}
