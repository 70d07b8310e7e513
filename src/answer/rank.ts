import type { SearchIndex } from '../index/searchIndex.js'
import type { Question } from './question.js'
import { rerank } from './rerank.js'
import type { Ranked } from './rerank.js'

/** How many BM25 hits the reranker looks at. */
export const CANDIDATES = 40

/** Retrieval and reranking, shared by `ask()` and `search()` so both rank passages the same way. */
export function rankPassages(index: SearchIndex, question: Question, atLeast: number): Ranked[] {
  const hits = index.retrieve([...question.weights.keys()], Math.max(CANDIDATES, atLeast), question.weights)
  return rerank(index, question, hits)
}
