// Runs one peer on one dataset: build, save/load round trip, warm-up, timed bare searches, metrics.
import { summariseRetrieval } from './evaluate.js'
import type { Outcome } from './evaluate.js'
import { percentile } from './metrics.js'
import { collectGarbage, snapshot, toMB } from './memory.js'
import type { Peer } from './peers/index.js'
import type { EngineResult, Subsets } from './report.js'
import type { SquadQuestion, SquadSet } from './squad.js'

export interface RunOptions {
  /** Questions asked, untimed, before timing starts. */
  warmup: number
  /** Progress lines go here (stderr). */
  log: (line: string) => void
}

export interface PeerRunResult {
  result: EngineResult
  /** Top raw score per asked question (-Infinity when nothing matched), in question order. */
  topScores: number[]
}

/** All-set and hold-out summaries of the same outcomes. */
export function subsets<T>(outcomes: readonly Outcome[], summarise: (o: readonly Outcome[]) => T): Subsets<T> {
  const holdout = outcomes.filter((o) => o.question.holdout)
  return { all: summarise(outcomes), holdout: holdout.length > 0 ? summarise(holdout) : null }
}

export function failed(name: string, kind: EngineResult['kind'], error: unknown): EngineResult {
  const message = error instanceof Error ? error.message : String(error)
  return { name, kind, error: message, retrieval: null, answers: null, speed: null, memory: null, notes: [] }
}

export function runPeer(peer: Peer, set: SquadSet, questions: readonly SquadQuestion[], options: RunOptions): PeerRunResult {
  const docs = set.paragraphs.map((p) => ({ id: p.id, text: p.text }))
  const run = peer.create()
  try {
    const before = snapshot()
    let t = performance.now()
    run.build(docs)
    const buildMs = performance.now() - t
    const after = snapshot()
    t = performance.now()
    const indexBytes = run.save()
    const saveMs = performance.now() - t
    t = performance.now()
    run.load()
    const loadMs = performance.now() - t

    for (const q of questions.slice(0, options.warmup)) run.search(q.question, 10)
    // Every timed loop starts from a collected heap: what earlier engines, builds and reloads left behind is not
    // collected during this one's questions.
    collectGarbage()
    const latencies: number[] = []
    const outcomes: Outcome[] = []
    const topScores: number[] = []
    for (const q of questions) {
      const start = performance.now()
      const hit = run.search(q.question, 10)
      latencies.push(performance.now() - start)
      outcomes.push({ question: q, ranked: hit.ids })
      topScores.push(hit.topScore ?? -Infinity)
    }
    const speed = {
      buildMs, saveMs, loadMs, indexBytes,
      queries: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    }
    options.log(`[${set.name}] ${peer.name}: build ${buildMs.toFixed(0)} ms, ${questions.length} questions, p50 ${speed.p50Ms.toFixed(2)} ms`)
    return {
      result: {
        name: peer.name,
        kind: 'peer',
        error: null,
        retrieval: subsets(outcomes, summariseRetrieval),
        answers: null,
        speed,
        memory: { heapDeltaMB: toMB(after.heapUsed - before.heapUsed), rssDeltaMB: toMB(after.rss - before.rss) },
        notes: [],
      },
      topScores,
    }
  } catch (error) {
    options.log(`[${set.name}] ${peer.name} failed: ${String(error)}`)
    return { result: failed(peer.name, 'peer', error), topScores: [] }
  } finally {
    run.close()
  }
}
