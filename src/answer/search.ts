import type { SearchIndex } from '../index/searchIndex.js'
import type { SearchHit } from '../types.js'
import { parseQuestion } from './question/question.js'
import { correctSpelling } from './question/spelling.js'
import { rankPassages } from './retrieve/rank.js'
import { highlights } from './analysis/sentence.js'

/** Passages for a query, ranked as `ask()` ranks them, one page at a time. */
export function search(
  index: SearchIndex,
  query: string,
  options: { limit?: number; offset?: number } = {},
): { hits: SearchHit[]; total: number } {
  const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 5)))
  const offset = Math.max(0, Math.floor(options.offset ?? 0))
  const parsed = parseQuestion(correctSpelling(index, typeof query === 'string' ? query : '').text)
  if (!parsed.ok) return { hits: [], total: 0 }
  const ranked = rankPassages(index, parsed.question, offset + limit, true)
  const hits = ranked.slice(offset, offset + limit).map((r) => ({
    chunk: index.chunks[r.id]!,
    score: r.score,
    highlights: highlights(index, r.id, parsed.question),
  }))
  return { hits, total: ranked.length }
}
