// SQuAD dev sets laid out for tuning the short-answer and abstention models, exactly as the benchmark indexes
// them (the corpus layer's chunking of one text per article, then `buildSearchIndex`), with each question's gold
// chunks and answers. Tuning data: dev-v2.0, or dev-v1.1's 35 articles that dev-v2.0 also holds ('train');
// the other 13 ('holdout') are only ever reported (../shared/squad/README.md).
import { join } from 'node:path'
import { corpusFromTexts } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import { paragraphLocator } from '../mapping.js'
import { loadSquad } from '../squad.js'
import type { SquadQuestion, SquadSet } from '../squad.js'

export const SQUAD_DIR = process.env.SQUAD_DIR ?? join(import.meta.dirname, '../../../shared/squad')

export interface AnswerCase {
  question: SquadQuestion
  /** Chunks that hold the question's paragraph (one, unless the chunker split it). */
  goldChunks: number[]
}

export interface AnswerSet {
  set: SquadSet
  index: SearchIndex
  /** Paragraph id of each chunk, or null (a title line). */
  chunkParagraph: (number | null)[]
  cases: AnswerCase[]
  buildMs: number
}

/** Loads a dev set, indexes every article, and lists its questions ('train'/'holdout' filter v1.1 questions by article). */
export function loadAnswerSet(version: 'v1.1' | 'v2.0', questions: 'all' | 'train' | 'holdout' = 'all'): AnswerSet {
  const set = loadSquad(join(SQUAD_DIR, version === 'v1.1' ? 'dev-v1.1.json' : 'dev-v2.0.json'), version)
  const corpus = corpusFromTexts(set.articles.map((a) => ({ file: a.file, text: a.text })))
  const t0 = performance.now()
  const index = buildSearchIndex(corpus.chunks)
  const buildMs = performance.now() - t0
  const locator = paragraphLocator(set)
  const chunkParagraph = corpus.chunks.map((c) => locator.byOffset(c.file, c.start))
  const chunksOf = new Map<number, number[]>()
  chunkParagraph.forEach((p, i) => {
    if (p === null) return
    const list = chunksOf.get(p) ?? []
    list.push(i)
    chunksOf.set(p, list)
  })
  const cases = set.questions
    .filter((q) => questions === 'all' || (questions === 'holdout') === q.holdout)
    .map((q) => ({ question: q, goldChunks: chunksOf.get(q.paragraph) ?? [] }))
  return { set, index, chunkParagraph, cases, buildMs }
}

/** Every `step`-th item (step 1 = all), for quick runs. */
export function every<T>(items: readonly T[], step: number): T[] {
  return items.filter((_, i) => i % Math.max(1, step) === 0)
}
