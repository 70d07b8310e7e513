import type { SearchIndex } from '../../index/searchIndex.js'
import { termVectors } from '../../index/wordVectors/termVectors.js'
import { warmTagger } from '../analysis/annotate.js'
import { carryProfiles, profileAll, profileSome } from '../analysis/passageProfile.js'
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
  const hits = index.retrieve([...question.weights.keys()], Math.max(CANDIDATES, atLeast), question.weights, !exhaustive)
  return rerankByMeaning(index, question, rerank(index, question, hits))
}

const prepared = new WeakSet<SearchIndex>()

/**
 * Precomputes what reranking reads of every passage (passageProfile.ts, ~0.1 ms a passage) and the meaning
 * stage's word vectors, now: for benchmarks, which time questions, not start-up. Without it each passage is
 * profiled on its first use (see `warmRanking`).
 */
export function prepareRanking(index: SearchIndex): void {
  if (prepared.has(index)) return
  prepared.add(index)
  profileAll(index)
  termVectors(index)
}

/** Indexes `warmRanking` has started on (apart from `prepared`: warming one must not make `prepareRanking` skip it). */
const warming = new WeakSet<SearchIndex>()

/** Passages profiled per step of `warmRanking`: a few milliseconds, so a question waits at most that long. */
const WARM_BATCH = 50
/** Warming starts this long after the index opens: a question piped in at start-up is answered first. */
const WARM_DELAY_MS = 300
/** While above 0 (a reload is reading files), warming waits: its steps would run between every two reads. */
let paused = 0

/** Runs `work` with background warming paused. */
export async function withoutWarming<T>(work: () => Promise<T>): Promise<T> {
  paused++
  try {
    return await work()
  } finally {
    paused--
  }
}

/**
 * Profiles every passage in the background, a batch at a time whenever the process is idle, so that start-up
 * does not wait for it (a second on ten thousand passages) and later questions do not pay for first uses. The
 * timers do not keep the process alive: a one-shot question exits as soon as it is answered.
 */
export function warmRanking(index: SearchIndex, before?: { index: SearchIndex; reuse: Int32Array }): void {
  if (warming.has(index)) return
  warming.add(index)
  // An updated index keeps the profiles of the passages it kept.
  if (before) carryProfiles(before.index, index, before.reuse)
  let next = 0
  const step = () => {
    // An index replaced by a reload is no longer asked: leave it to the garbage collector.
    if (index.replaced) return
    if (paused > 0) {
      setTimeout(step, 20).unref()
      return
    }
    // The tagger first (~0.3 s to load): a bot's first question should not pay for it.
    if (next === 0) warmTagger()
    next = profileSome(index, next, WARM_BATCH)
    if (next < index.chunks.length) setTimeout(step, 0).unref()
    else termVectors(index)
  }
  setTimeout(step, WARM_DELAY_MS).unref()
}
