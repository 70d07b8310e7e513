// The shape of a benchmark report: what `--json` prints and what table.ts renders.
import type { AnswerSummary, RetrievalSummary } from './evaluate.js'
import type { ThresholdResult } from './metrics.js'
import type { MachineInfo } from './machine.js'
import type { NewsRun } from './news/runNews.js'

export interface SpeedResult {
  /** Building the index from the paragraphs, in memory. */
  buildMs: number
  /** Serialising it (engine: build + save through `Engine.open` with `rebuild`). Null when not measured. */
  saveMs: number | null
  /** Deserialising it (FTS5: reopening the database file). Null when not measured. */
  loadMs: number | null
  /** Size of the serialised index. */
  indexBytes: number | null
  /** Timed queries (after a warm-up). */
  queries: number
  p50Ms: number
  p99Ms: number
  meanMs: number
}

export interface MemoryResult {
  /** Heap retained by the built index (after GC). */
  heapDeltaMB: number
  /** RSS growth over the build (after GC); covers native memory such as SQLite's. */
  rssDeltaMB: number
}

export interface Subsets<T> {
  all: T
  /** The 13 hold-out articles (SQuAD 1.1 only). */
  holdout: T | null
}

export interface EngineResult {
  name: string
  kind: 'engine' | 'peer' | 'cli'
  /** Set when the engine could not run; the other fields are then null. */
  error: string | null
  retrieval: Subsets<RetrievalSummary> | null
  /** Only for engines that answer. */
  answers: Subsets<AnswerSummary> | null
  speed: SpeedResult | null
  memory: MemoryResult | null
  notes: string[]
}

/** A decline rule from one score: answer when the score is at least the threshold fitted on the same data. */
export interface BaselineResult {
  /** Where the score comes from. */
  score: string
  result: ThresholdResult
}

export interface DatasetResult {
  /** `v1.1` or `v2.0`. */
  name: string
  path: string
  articles: number
  paragraphs: number
  /** Questions in the set, and how many were asked (fewer with --quick). */
  questions: number
  asked: number
  answerable: number
  unanswerable: number
  holdoutQuestions: number
  engines: EngineResult[]
  /** Best single threshold on a raw score, for answer-versus-decline (only with unanswerable questions). */
  baselines: BaselineResult[]
}

export interface BenchReport {
  machine: MachineInfo
  mode: 'full' | 'quick'
  gcAvailable: boolean
  runtimeSeconds: number
  rssEndMB: number
  datasets: DatasetResult[]
  notes: string[]
  /** `--quick` only: a few news questions over a slice of the BBC corpus (news/quickNews.ts). */
  news?: NewsRun
}
