import type { SearchIndex } from '../../index/searchIndex.js'
import { termVectors } from '../../index/wordVectors/termVectors.js'
import { profileAll } from '../analysis/passageProfile.js'
import type { Question } from '../question/question.js'
import { rerankByMeaning } from '../rerank/meaning.js'
import { rerank } from '../rerank/rerank.js'
import type { Ranked } from '../rerank/rerank.js'

/** How many first-stage hits the reranker looks at (the gold passage is among 40 for 99% of SQuAD questions; 10 more than 30 gain .002 R@1). */
export const CANDIDATES = 40

/**
 * Retrieval and reranking, shared by `ask()` and `search()` so both rank passages the same way. `exhaustive`
 * scores every chunk holding any term (for search, whose later pages list weaker matches too), not only those
 * holding one of the question's rare terms.
 */
export function rankPassages(index: SearchIndex, question: Question, atLeast: number, exhaustive = false): Ranked[] {
  prepareRanking(index)
  const hits = index.retrieve([...question.weights.keys()], Math.max(CANDIDATES, atLeast), question.weights, !exhaustive)
  return rerankByMeaning(index, question, rerank(index, question, hits))
}

const prepared = new WeakSet<SearchIndex>()

/**
 * Precomputes what reranking reads of every passage (passageProfile.ts, ~0.1 ms a passage), so that no
 * question pays for its candidates' first use. Done on first use; call it after building or loading an index
 * to keep that cost (a fraction of a second per few thousand passages) off the first question.
 */
export function prepareRanking(index: SearchIndex): void {
  if (prepared.has(index)) return
  prepared.add(index)
  profileAll(index)
  // The meaning stage's word vectors for the index's terms (~0.1 s once per process, then a lookup per term).
  termVectors(index)
}
