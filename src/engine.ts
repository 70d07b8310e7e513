import type { Logger } from 'pino'
import { loadCorpus, corpusFromTexts } from './corpus/loadCorpus.js'
import type { LoadedCorpus, SourceText } from './corpus/loadCorpus.js'
import { chunkReuse, openIndex, readSavedIndex, saveStamps, stampsSettled, trySave } from './index/persist.js'
import type { IndexOrigin } from './index/persist.js'
import { buildSearchIndex } from './index/searchIndex.js'
import type { SearchIndex } from './index/searchIndex.js'
import { ask as runAsk } from './answer/ask.js'
import { prepareAnswering } from './answer/prepare.js'
import { warmRanking, withoutWarming } from './answer/retrieve/rank.js'
import { search as runSearch } from './answer/search.js'
import { suggest as runSuggest } from './answer/suggest.js'
import type { Answer, Article, AskOptions, Chunk, SearchHit } from './types.js'

export type { IndexOrigin }

/** How long after the last reload its index is saved. */
const SAVE_DELAY_MS = 2000

/** What a reload found: files by display path. */
export interface ReloadReport {
  added: string[]
  changed: string[]
  removed: string[]
  /** Files that are not loaded, with the reason (also those skipped before, while still skipped). */
  skipped: { file: string; reason: string }[]
  /** Articles and paragraphs after the reload. */
  articles: number
  chunks: number
  /** Milliseconds the reload took. */
  ms: number
}

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
  /**
   * Load the tagger and the word vectors while the saved index is read from disk, for a process about to
   * answer (a CLI question, the REPL, the bot). Default false: `npm run index` never needs them.
   */
  prepare?: boolean
}

/**
 * The question-answering engine: one corpus, one index, and the operations every front end uses.
 * Create it with `Engine.open()` (files) or `Engine.fromTexts()` (in memory, for benchmarks and tests).
 */
export class Engine {
  /** Whether the index was loaded from disk, built (and saved), or built in memory. */
  origin: IndexOrigin
  /** Why the index could not be saved in the index folder at open (origin 'memory'), or null. */
  saveError: string | null = null
  /** Milliseconds taken to load or build the index. */
  indexMs: number
  private corpus: LoadedCorpus
  private index: SearchIndex
  private readonly options: EngineOptions | null
  /** The reload in progress: reloads never overlap, a second caller shares the first one's result. */
  private reloading: Promise<ReloadReport> | null = null
  /** Saves of reloaded indexes, one after another, and the timer of the next one. */
  private saving: Promise<void> = Promise.resolve()
  private saveTimer: NodeJS.Timeout | undefined

  private constructor(corpus: LoadedCorpus, index: SearchIndex, origin: IndexOrigin, indexMs: number, options: EngineOptions | null) {
    this.corpus = corpus
    this.index = index
    this.origin = origin
    this.indexMs = indexMs
    this.options = options
  }

  get articles(): readonly Article[] {
    return this.corpus.articles
  }

  get chunks(): readonly Chunk[] {
    return this.corpus.chunks
  }

  /**
   * Reads `seedsDir` again and brings the index up to date with it: what was added, changed or removed.
   * Questions asked meanwhile are answered from the previous corpus; the new one replaces it in one step.
   * Only for an engine opened on a folder.
   */
  reload(): Promise<ReloadReport> {
    if (!this.options) return Promise.reject(new Error('Engine.reload: this engine was built from texts, not a folder'))
    const options = this.options
    this.reloading ??= withoutWarming(() => this.reloadNow(options)).finally(() => (this.reloading = null))
    return this.reloading
  }

  private async reloadNow(options: EngineOptions): Promise<ReloadReport> {
    const t0 = performance.now()
    const before = this.corpus
    // Only files whose size or time changed are read; only articles whose text changed are analysed.
    const corpus = await loadCorpus(options.seedsDir, { logger: options.logger, previous: before })
    const old = new Map(before.articles.map((a) => [a.file, a.sha256]))
    const now = new Map(corpus.articles.map((a) => [a.file, a.sha256]))
    const added = [...now.keys()].filter((f) => !old.has(f))
    const changed = [...now].filter(([f, sha]) => old.has(f) && old.get(f) !== sha).map(([f]) => f)
    const removed = [...old.keys()].filter((f) => !now.has(f))
    if (corpus.fingerprint !== before.fingerprint || corpus.chunks.length !== before.chunks.length) {
      const reuse = chunkReuse(before, corpus)
      const previous = this.index
      const index = previous.update(corpus.chunks, reuse)
      this.corpus = corpus
      this.index = index
      warmRanking(index, { index: previous, reuse })
      this.scheduleSave()
    } else {
      // Touched files keep their chunks; their new stamps spare the next reload from hashing them again.
      this.corpus = { ...before, stamps: corpus.stamps, skipped: corpus.skipped }
    }
    const ms = performance.now() - t0
    return { added, changed, removed, skipped: corpus.skipped, articles: corpus.articles.length, chunks: corpus.chunks.length, ms }
  }

  /**
   * Saves the reloaded index a moment after the last reload: a burst of changes is written once, and writing
   * (about a second of work on ten thousand paragraphs) never delays the reload's answer. Until then a
   * restart finds the previous save and updates it for the changed articles, so nothing is lost.
   */
  private scheduleSave(): void {
    if (this.options?.indexDir == null) return
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS)
    this.saveTimer.unref()
  }

  private saveNow(): Promise<void> {
    clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    const indexDir = this.options?.indexDir
    if (indexDir == null) return this.saving
    const { corpus, index } = this
    const log = this.options?.logger?.child({ module: 'index' })
    this.saving = this.saving.then(async () => {
      if (this.index === index) await trySave(corpus, index, indexDir, log)
    })
    return this.saving
  }

  /** Resolves once the reload in progress has finished and its index is saved (for shutdown and tests). */
  async settled(): Promise<void> {
    await this.reloading?.catch(() => undefined)
    if (this.saveTimer !== undefined) await this.saveNow()
    await this.saving
  }

  /** Loads the articles in `seedsDir`, then the persisted index: as it is when current, updated for the changed articles, or rebuilt. */
  static async open(options: EngineOptions): Promise<Engine> {
    const reading = options.indexDir !== null && !options.rebuild ? readSavedIndex(options.indexDir, options.logger) : null
    // The saved index's parts are being read by now: load what answering needs meanwhile, not after.
    if (options.prepare) prepareAnswering()
    const saved = await reading
    // The saved corpus spares reading and chunking every file whose size and time are unchanged.
    const corpus = await loadCorpus(options.seedsDir, { logger: options.logger, previous: saved?.corpus, repeatWarnings: true })
    const t0 = performance.now()
    const { index, origin, saveError } = await openIndex(corpus, options.indexDir, { rebuild: options.rebuild ?? false, logger: options.logger, saved })
    warmRanking(index)
    const engine = new Engine(corpus, index, origin, performance.now() - t0, options)
    engine.saveError = saveError ?? null
    if (origin === 'loaded' && saved && options.indexDir !== null && stampsSettled(saved, corpus)) {
      const { indexDir } = options
      // Queued like a save; it also takes the folder's lock, and writes only while that generation is current.
      engine.saving = engine.saving.then(() => saveStamps(saved.manifest.generation, corpus, indexDir, options.logger?.child({ module: 'index' })))
    }
    return engine
  }

  /** Builds an in-memory engine from texts that are already loaded (no files, no persistence). */
  static fromTexts(texts: readonly SourceText[]): Engine {
    const corpus = corpusFromTexts(texts)
    const t0 = performance.now()
    const index = buildSearchIndex(corpus.chunks)
    warmRanking(index)
    return new Engine(corpus, index, 'memory', performance.now() - t0, null)
  }

  /** Answers one question. Never throws for any string input: bad input comes back as a declined `Answer`. */
  ask(question: string, options: AskOptions = {}): Answer {
    const answer = runAsk(this.index, question, options)
    // With no articles at all, "not found" would hide the reason: say that there is nothing to search.
    if (this.corpus.chunks.length === 0 && (answer.declineReason === 'not_found' || answer.declineReason === 'weak_evidence')) {
      return { ...answer, declineReason: 'no_articles' }
    }
    return answer
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
