// The shapes `--scale` passes between its parent and its child processes, and what it reports.
import type { MachineInfo } from '../machine.js'

/** One document a peer indexes: an engine chunk, its headline prepended (as the news benchmark does). */
export interface ScaleDoc {
  id: number
  text: string
}

/** What a child process is asked to do (its one command-line argument, as JSON). */
export interface ChildJob {
  phase: 'build' | 'serve'
  subject: string
  seedsDir: string
  indexDir: string
  /** The peers' documents: written by the engine's build child, read by the peers' build children. */
  docsFile: string
  /** JSON array of questions: the first is the first answer; all of them are timed. */
  questionsFile: string
}

/** The last line a build child prints. */
export interface BuildReport {
  buildMs: number
  paragraphs: number
  /** Articles loaded, when the subject reads articles (the engine). */
  articles?: number
}

/** The line a serve child prints right after its first answer. */
export interface FirstAnswerReport {
  /** Opening the persisted index, in the child. */
  loadMs: number
  /** The first question alone: what a fresh index still prepares lazily shows here. */
  firstAskMs: number
  /** process.resourceUsage().maxRSS so far, in MB. */
  peakRssMB: number
  /** How the engine got its index (`loaded` when the persisted one was used as it is). */
  origin?: string
}

/** The last line a serve child prints: `ask()` (engine) or bare search (peers), after a warm-up. */
export interface LatencyReport {
  asked: number
  /** Calls it meant to time: fewer were asked when the time budget ran out. */
  wanted: number
  p50Ms: number
  p99Ms: number
}

export interface ScaleRow {
  name: string
  paragraphs: number | null
  buildMs: number | null
  /** Size of the persisted index on disk. */
  indexMB: number | null
  loadMs: number | null
  /** The first `ask()` (or search) alone, in that child. */
  firstAskMs: number | null
  /** Spawn of a fresh child process to its first answer, measured by the parent. */
  firstAnswerMs: number | null
  peakRssMB: number | null
  p50Ms: number | null
  p99Ms: number | null
  error: string | null
  notes: string[]
}

export interface ScaleCorpusResult {
  name: string
  /** Where its articles come from. */
  source: string
  articles: number | null
  questions: number
  rows: ScaleRow[]
}

export interface ScaleReport {
  machine: MachineInfo
  runtimeSeconds: number
  corpora: ScaleCorpusResult[]
}
