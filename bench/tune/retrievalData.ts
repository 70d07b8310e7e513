// SQuAD dev sets laid out for retrieval tuning: one chunk per paragraph (article title as `title`, one file
// per article, as the product indexes a seeds folder), and each question with its gold chunk.
import { join } from 'node:path'
import { loadSquad } from '../squad.js'
import type { SquadSet } from '../squad.js'
import type { Chunk } from '../../src/types.js'

export const SQUAD_DIR = process.env.SQUAD_DIR ?? join(import.meta.dirname, '../../../shared/squad')

export interface TuneQuestion {
  question: string
  gold: number
  holdout: boolean
}

export interface TuneSet {
  name: string
  chunks: Chunk[]
  questions: TuneQuestion[]
}

/**
 * Loads a dev set. `articles` filters which articles are indexed ('train' = the 35 dev-v1.1 articles that
 * dev-v2.0 also holds, 'holdout' = the other 13); unanswerable questions are always left out.
 */
export function loadTuneSet(version: 'v1.1' | 'v2.0', articles: 'all' | 'train' | 'holdout' = 'all'): TuneSet {
  const set: SquadSet = loadSquad(join(SQUAD_DIR, version === 'v1.1' ? 'dev-v1.1.json' : 'dev-v2.0.json'), version)
  const keep = set.articles.filter((a) => articles === 'all' || (articles === 'holdout') === a.holdout)
  const chunks: Chunk[] = []
  const chunkOf = new Map<number, number>()
  for (const a of keep) {
    for (const pid of a.paragraphs) {
      const p = set.paragraphs[pid]!
      chunkOf.set(pid, chunks.length)
      chunks.push({
        id: chunks.length, file: a.file, title: a.title.replaceAll('_', ' '), source: null, date: null, url: null,
        paragraph: p.index + 1, line: 1, start: p.start, end: p.end, text: p.text, heading: null,
      })
    }
  }
  const questions: TuneQuestion[] = []
  for (const q of set.questions) {
    const gold = chunkOf.get(q.paragraph)
    if (gold !== undefined && !q.impossible) questions.push({ question: q.question, gold, holdout: q.holdout })
  }
  return { name: `${version}/${articles}`, chunks, questions }
}

/** Every `step`-th question, for quick runs (step 1 = all). */
export function every<T>(items: readonly T[], step: number): T[] {
  return items.filter((_, i) => i % Math.max(1, step) === 0)
}
