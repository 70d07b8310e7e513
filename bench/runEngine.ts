// Runs this project's engine on one dataset: `Engine.fromTexts` (one text per article), the persistence round trip
// through `Engine.open` on a temp folder, warm-up, timed `ask()` calls, and retrieval + answer metrics.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../src/engine.js'
import type { Answer } from '../src/types.js'
import { summariseAnswers, summariseRetrieval } from './evaluate.js'
import type { Outcome } from './evaluate.js'
import type { ParagraphLocator } from './mapping.js'
import { dedupe, percentile } from './metrics.js'
import { collectGarbage, snapshot, toMB } from './memory.js'
import type { EngineResult, SpeedResult } from './report.js'
import { failed, subsets } from './runPeer.js'
import type { RunOptions } from './runPeer.js'
import { writeArticles } from './seedsFolder.js'
import type { SquadQuestion, SquadSet } from './squad.js'

export const ENGINE_NAME = 'this engine (ask)'

export type EngineClass = typeof Engine

/** Imports the engine lazily: while it is being written it may not load, and the peers must still run. */
export async function importEngine(): Promise<EngineClass> {
  const mod = await import('../src/engine.js')
  return mod.Engine
}

export interface EngineRunResult {
  result: EngineResult
  /** `citations[0].features.bm25` per asked question (-Infinity without citations); null if the engine has no such feature. */
  bm25Scores: number[] | null
  /** `confidence` per asked question. */
  confidences: number[]
}

/** The ranked paragraphs of an answer: each citation mapped by its chunk's file and start offset. */
export function rankedParagraphs(answer: Answer, locator: ParagraphLocator): { ranked: number[]; unmapped: number } {
  const ids = answer.citations.map((c) => locator.byOffset(c.chunk.file, c.chunk.start))
  return { ranked: dedupe(ids), unmapped: ids.filter((id) => id === null).length }
}

/** Bytes of every file under `dir`. */
export function folderBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size
  }
  return total
}

interface Persistence {
  saveMs: number | null
  loadMs: number | null
  indexBytes: number | null
  notes: string[]
}

/**
 * Saves and reloads the index the way the product does (`Engine.open` with an index folder), on the articles
 * written to a temp seeds folder, and checks the reloaded engine answers like the in-memory one.
 */
async function persistenceRoundTrip(
  EngineCtor: EngineClass, set: SquadSet, reference: Engine, probe: readonly SquadQuestion[],
): Promise<Persistence> {
  const root = mkdtempSync(join(tmpdir(), 'bench-engine-'))
  try {
    const seedsDir = join(root, 'seeds')
    const indexDir = join(root, 'index')
    writeArticles(set, seedsDir)
    const built = await EngineCtor.open({ seedsDir, indexDir, rebuild: true })
    const loaded = await EngineCtor.open({ seedsDir, indexDir })
    const notes: string[] = []
    if (built.origin !== 'built' || loaded.origin !== 'loaded') {
      notes.push(`persistence: expected built then loaded, got ${built.origin} then ${loaded.origin}`)
    }
    let agree = 0
    for (const q of probe) {
      const a = reference.ask(q.question, { k: 10 })
      const b = loaded.ask(q.question, { k: 10 })
      if (a.answer === b.answer && a.citations[0]?.chunk.text === b.citations[0]?.chunk.text) agree++
    }
    if (agree < probe.length) notes.push(`persistence: reloaded index agrees on ${agree}/${probe.length} probe questions`)
    return { saveMs: built.indexMs, loadMs: loaded.indexMs, indexBytes: folderBytes(indexDir), notes }
  } catch (error) {
    return { saveMs: null, loadMs: null, indexBytes: null, notes: [`persistence round trip failed: ${String(error)}`] }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

export async function runEngine(
  EngineCtor: EngineClass, set: SquadSet, questions: readonly SquadQuestion[], locator: ParagraphLocator,
  options: RunOptions,
): Promise<EngineRunResult> {
  try {
    const texts = set.articles.map((a) => ({ file: a.file, text: a.text }))
    const before = snapshot()
    let t = performance.now()
    const engine = EngineCtor.fromTexts(texts)
    const buildMs = performance.now() - t
    const after = snapshot()
    const persisted = await persistenceRoundTrip(EngineCtor, set, engine, questions.slice(0, 20))

    for (const q of questions.slice(0, options.warmup)) engine.ask(q.question, { k: 10 })
    // Every timed loop starts from a collected heap: what earlier engines, builds and reloads left behind is not
    // collected during this one's questions.
    collectGarbage()
    const latencies: number[] = []
    const outcomes: Outcome[] = []
    const confidences: number[] = []
    const bm25: number[] = []
    let withBm25 = 0
    let unmapped = 0
    for (const q of questions) {
      t = performance.now()
      const answer = engine.ask(q.question, { k: 10 })
      latencies.push(performance.now() - t)
      const mapped = rankedParagraphs(answer, locator)
      unmapped += mapped.unmapped
      outcomes.push({
        question: q,
        ranked: mapped.ranked,
        answered: answer.answered,
        answer: answer.answer,
        sentence: answer.citations[0]?.sentence ?? null,
      })
      confidences.push(answer.confidence)
      const score = answer.citations[0]?.features.bm25
      if (typeof score === 'number') withBm25++
      bm25.push(typeof score === 'number' ? score : -Infinity)
    }
    const speed: SpeedResult = {
      buildMs,
      saveMs: persisted.saveMs,
      loadMs: persisted.loadMs,
      indexBytes: persisted.indexBytes,
      queries: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    }
    const notes = [
      'save = build + save through Engine.open({ rebuild: true }) from a temp seeds folder; load = Engine.open from that index',
      ...persisted.notes,
    ]
    if (unmapped > 0) notes.push(`${unmapped} citations did not map to a SQuAD paragraph (title line or unknown file)`)
    options.log(`[${set.name}] ${ENGINE_NAME}: build ${buildMs.toFixed(0)} ms, ${questions.length} questions, p50 ${speed.p50Ms.toFixed(2)} ms`)
    return {
      result: {
        name: ENGINE_NAME,
        kind: 'engine',
        error: null,
        retrieval: subsets(outcomes, summariseRetrieval),
        answers: subsets(outcomes, summariseAnswers),
        speed,
        memory: { heapDeltaMB: toMB(after.heapUsed - before.heapUsed), rssDeltaMB: toMB(after.rss - before.rss) },
        notes,
      },
      bm25Scores: withBm25 > 0 ? bm25 : null,
      confidences,
    }
  } catch (error) {
    options.log(`[${set.name}] ${ENGINE_NAME} failed: ${String(error)}`)
    return { result: failed(ENGINE_NAME, 'engine', error), bm25Scores: null, confidences: [] }
  }
}
