// Live articles for the long-running front ends (the REPL and the Discord bot): watch the articles folder, wait
// for a burst of changes to settle, reload the engine once, and log what changed. `:reload` and `/reload` go
// through here too, so reloads never overlap, and a change that arrives during one is picked up by one more.
import { watchFolder } from './corpus/watchFolder.js'
import type { FolderWatcher } from './corpus/watchFolder.js'
import type { Engine, ReloadReport } from './engine.js'
import type { Logger } from './logger.js'

/** When a burst of changes counts as settled. */
export interface DebounceRules {
  /** Reload once no change has arrived for this long. Default 300 ms: an editor's save is several events. */
  quietMs: number
  /** …or this long after the first change of a batch, so that a steady stream still reloads. Default 1000 ms. */
  maxWaitMs: number
}

export const DEFAULT_DEBOUNCE: Readonly<DebounceRules> = Object.freeze({ quietMs: 300, maxWaitMs: 1000 })

/**
 * The batch of changes not yet reloaded, and when it is due: `quietMs` after its last change or `maxWaitMs`
 * after its first, whichever comes first. Pure: the caller says what time it is.
 */
export class Debounce {
  private first: number | null = null
  private last = 0

  constructor(private readonly rules: DebounceRules) {}

  /** Records a change at `now` (milliseconds). */
  note(now: number): void {
    this.first ??= now
    this.last = now
  }

  /** Milliseconds from `now` until the batch is due (0: it is), or null when no change is waiting. */
  dueIn(now: number): number | null {
    if (this.first === null) return null
    const due = Math.min(this.last + this.rules.quietMs, this.first + this.rules.maxWaitMs)
    return Math.max(0, due - now)
  }

  /** Empties the batch: a reload is starting that will see every change noted so far. */
  take(): void {
    this.first = null
  }
}

export interface LiveCorpusOptions {
  /** Where reloads are logged (module "live"). */
  logger: Logger
  /** The articles folder to watch; null reloads only when asked (WATCH_SEEDS=false). */
  watch: string | null
  /** Default DEFAULT_DEBOUNCE. */
  debounce?: Partial<DebounceRules>
  /**
   * Shows a problem of the watcher or of a reload it started as one line (the REPL prints it above its prompt);
   * the log then gets it at debug level only. Default: the log, at warn or error level, without a stack.
   */
  notify?: (line: string) => void
}

type Trigger = 'watch' | 'request'

/** An engine kept up to date with its folder. Start it with `LiveCorpus.start()`; `close()` it on the way out. */
export class LiveCorpus {
  /** Reloads started so far, by the watcher or on request. */
  reloads = 0
  private readonly batch: Debounce
  private readonly log: Logger
  private watcher: FolderWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  private running: Promise<ReloadReport> | null = null
  /** The one reload waiting for the running one; every later request shares it. */
  private queued: Promise<ReloadReport> | null = null
  private closed = false

  private constructor(
    private readonly engine: Pick<Engine, 'reload'>,
    logger: Logger,
    rules: DebounceRules,
    private readonly notify: ((line: string) => void) | null = null,
  ) {
    this.batch = new Debounce(rules)
    this.log = logger.child({ module: 'live' })
  }

  /** Starts watching `options.watch` (when set); resolves once every folder under it is watched. */
  static async start(engine: Pick<Engine, 'reload'>, options: LiveCorpusOptions): Promise<LiveCorpus> {
    const live = new LiveCorpus(engine, options.logger, { ...DEFAULT_DEBOUNCE, ...options.debounce }, options.notify)
    if (options.watch !== null) {
      live.watcher = await watchFolder(options.watch, (path) => live.noticed(path), {
        onError: (error, folder) =>
          live.problem('warn', error, { folder }, 'cannot watch a folder: changes in it are seen at the next reload (:reload, /reload)'),
      })
      live.log.info({ folder: options.watch, folders: live.watcher.folders.length }, 'watching the articles folder for changes')
    }
    return live
  }

  /** Whether the folder is watched. */
  get watching(): boolean {
    return this.watcher !== null
  }

  /**
   * Reloads now, or right after the reload in progress: the result includes every change made before the call.
   * Rejects when the folder cannot be read; the engine then keeps answering from the articles it has.
   */
  reload(): Promise<ReloadReport> {
    return this.enqueue('request')
  }

  /** Stops watching and waits for a reload in progress to end; nothing reloads afterwards. */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.watcher?.close()
    await Promise.allSettled([this.running, this.queued])
  }

  private noticed(path: string): void {
    if (this.closed) return
    this.log.debug({ path }, 'change noticed')
    this.batch.note(Date.now())
    this.arm()
  }

  /** Sets the timer for the waiting batch, if any. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const due = this.batch.dueIn(Date.now())
    if (due === null || this.closed) return
    this.timer = setTimeout(() => {
      this.timer = null
      // A failed reload is logged in run(); the watcher carries on and tries again at the next change.
      this.enqueue('watch').catch(() => undefined)
    }, due)
    // The timer alone must not keep a finished REPL alive.
    this.timer.unref()
  }

  private enqueue(trigger: Trigger): Promise<ReloadReport> {
    if (!this.running) return this.begin(trigger)
    this.queued ??= this.running.then(settled, settled).then(() => {
      this.queued = null
      return this.begin(trigger)
    })
    return this.queued
  }

  private begin(trigger: Trigger): Promise<ReloadReport> {
    if (this.closed) return Promise.reject(new Error('LiveCorpus: closed'))
    const run = this.run(trigger).finally(() => {
      if (this.running === run) this.running = null
      // Changes that arrived during the reload: one more, when they settle.
      this.arm()
    })
    this.running = run
    return run
  }

  private async run(trigger: Trigger): Promise<ReloadReport> {
    // Synchronously, before anything is read: every change noted so far is covered by this reload.
    this.batch.take()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.reloads += 1
    this.log.debug({ trigger }, 'reloading the articles')
    try {
      // Folders made since the last reload are watched before the engine reads them, so nothing in them is missed.
      await this.watcher?.sync()
      const report = await this.engine.reload()
      const { added, changed, removed, skipped } = report
      const counts = { added: added.length, changed: changed.length, removed: removed.length, skipped: skipped.length }
      const unchanged = counts.added + counts.changed + counts.removed === 0
      this.log.info(
        { trigger, ...counts, articles: report.articles, paragraphs: report.chunks, ms: Math.round(report.ms) },
        unchanged ? 'articles reloaded: no changes' : 'articles reloaded',
      )
      if (!unchanged) this.log.debug({ added, changed, removed }, 'files reloaded')
      return report
    } catch (error) {
      // A reload the user asked for also reports its failure in its reply: only the watcher's goes to notify.
      this.problem('error', error, { trigger }, 'reload failed: answering from the articles loaded before', trigger === 'watch')
      throw error
    }
  }

  /** A problem in one line (notify, or the log without a stack); the stack at debug level. */
  private problem(level: 'warn' | 'error', error: unknown, fields: Record<string, unknown>, message: string, notify = true): void {
    const reason = error instanceof Error ? error.message : String(error)
    this.log.debug({ err: error, ...fields }, message)
    if (this.notify && notify) this.notify(`${message[0]!.toUpperCase()}${message.slice(1)} (${reason}).`)
    else this.log[level]({ ...fields, reason }, message)
  }
}

const settled = (): void => undefined
