import type { Logger } from 'pino'
import { loadCorpus, corpusFromTexts } from './corpus/loadCorpus.js'
import type { LoadedCorpus, SourceText } from './corpus/loadCorpus.js'
import { openIndex } from './index/persist.js'
import type { IndexOrigin } from './index/persist.js'
import { buildSearchIndex } from './index/searchIndex.js'
import type { SearchIndex } from './index/searchIndex.js'
import { ask as runAsk } from './answer/ask.js'
import { prepareRanking } from './answer/retrieve/rank.js'
import { search as runSearch } from './answer/search.js'
import { suggest as runSuggest } from './answer/suggest.js'
import type { Answer, Article, AskOptions, Chunk, SearchHit } from './types.js'

export type { IndexOrigin }

/** Where the engine finds its articles and keeps its index. */
export interface EngineOptions {
  /** Folder of `.txt` / `.md` articles. */
  seedsDir: string
  /** Folder for the persisted index; null keeps it in memory only. */
  indexDir: string | null
  /** Rebuild the index even when the persisted one is current. Default false. */
  rebuild?: boolean
  /** Receives the engine's warnings (skipped files, index rebuilds). Default: silent. */
  logger?: Logger
}

/**
 * The question-answering engine: one corpus, one index, and the operations every front end uses.
 * Create it with `Engine.open()` (files) or `Engine.fromTexts()` (in memory, for benchmarks and tests).
 */
export class Engine {
  readonly articles: readonly Article[]
  readonly chunks: readonly Chunk[]
  /** Whether the index was loaded from disk, built (and saved), or built in memory. */
  readonly origin: IndexOrigin
  /** Milliseconds taken to load or build the index. */
  readonly indexMs: number
  private readonly index: SearchIndex

  private constructor(corpus: LoadedCorpus, index: SearchIndex, origin: IndexOrigin, indexMs: number) {
    this.articles = corpus.articles
    this.chunks = corpus.chunks
    this.index = index
    this.origin = origin
    this.indexMs = indexMs
  }

  /** Loads the articles in `seedsDir`, then loads the persisted index or (re)builds it when stale, missing or corrupt. */
  static async open(options: EngineOptions): Promise<Engine> {
    const corpus = await loadCorpus(options.seedsDir, { logger: options.logger })
    const t0 = performance.now()
    const { index, origin } = await openIndex(corpus, options.indexDir, {
      rebuild: options.rebuild ?? false,
      logger: options.logger,
    })
    // Per-passage ranking data is derived once here, so the first question does not pay for it.
    prepareRanking(index)
    return new Engine(corpus, index, origin, performance.now() - t0)
  }

  /** Builds an in-memory engine from texts that are already loaded (no files, no persistence). */
  static fromTexts(texts: readonly SourceText[]): Engine {
    const corpus = corpusFromTexts(texts)
    const t0 = performance.now()
    const index = buildSearchIndex(corpus.chunks)
    prepareRanking(index)
    return new Engine(corpus, index, 'memory', performance.now() - t0)
  }

  /** Answers one question. Never throws for any string input: bad input comes back as a declined `Answer`. */
  ask(question: string, options: AskOptions = {}): Answer {
    return runAsk(this.index, question, options)
  }

  /** Plain passage search, best first, for `/search` and paging. */
  search(query: string, options: { limit?: number; offset?: number } = {}): { hits: SearchHit[]; total: number } {
    return runSearch(this.index, query, options)
  }

  /** Autocomplete: headings, titles and questions the articles answer well that match what was typed; at most `limit` (≤ 25) strings of ≤ 100 characters. */
  suggest(typed: string, limit = 25): string[] {
    return runSuggest(this.index, this.articles, typed, limit)
  }
}
