// What `--scale` measures: something that builds a persisted index from a corpus and answers from it.
import type { ScaleDoc } from '../types.js'

export interface BuildInput {
  seedsDir: string
  indexDir: string
  /** The engine's chunks as documents; empty for the engine itself, which reads its seeds folder. */
  docs: readonly ScaleDoc[]
}

export interface Built {
  paragraphs: number
  /** Articles, when the subject knows them. */
  articles?: number
  /** The documents the peers index (only the engine, which splits the articles, gives them). */
  docs?: () => ScaleDoc[]
}

export interface Opened {
  /** Answers one question (engine: `ask()`; peers: the top 10 of a bare search). */
  answer: (question: string) => unknown
  /** How the index was obtained, when the subject says. */
  origin?: string
}

export interface ScaleSubject {
  name: string
  /** Needs the engine's documents to build from. */
  needsDocs: boolean
  /** Builds the index and persists it under `indexDir`. */
  build(input: BuildInput): Promise<Built>
  /** Opens the index persisted under `indexDir`. */
  open(input: { seedsDir: string; indexDir: string }): Promise<Opened>
}
