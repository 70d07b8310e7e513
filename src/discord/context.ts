import type { AutocompleteInteraction, ChatInputCommandInteraction, SharedSlashCommand } from 'discord.js'
import type { Config } from '../config.js'
import type { Engine, ReloadReport } from '../engine.js'
import type { Logger } from '../logger.js'
import { ArticleDesk } from '../corpus/ingest/desk.js'
import { Cooldown } from './cooldown.js'
import { FeedbackLog } from '../feedback/log.js'
import { Followups } from './followups.js'
import { InFlight } from './inflight.js'

/** The part of the engine the bot uses. */
export type QaEngine = Pick<Engine, 'ask' | 'search' | 'suggest' | 'articles' | 'reload' | 'chunks'>

/** Everything a handler needs, made once per client. */
export interface BotContext {
  engine: QaEngine
  config: Readonly<Config>
  logger: Logger
  cooldown: Cooldown
  followups: Followups
  /** Where 👍 / 👎 ratings go. */
  feedback: FeedbackLog
  /** Whether a gateway connection runs beside: mentions, DMs and replies reach the bot (the help says so). */
  gateway: boolean
  inflight: InFlight
  patience: Patience
  /** The bot's own user id, known once the client is ready. */
  botId: () => string | null
  /** Reads the articles folder again (`/reload`): the LiveCorpus's, shared with the watcher, or the engine's. */
  reload: () => Promise<ReloadReport>
  /** Adds and removes articles in SEEDS_DIR (/add, /remove), reloading through `reload`. */
  desk: ArticleDesk
  /** Per-user limit on /add: each one fetches a page from the internet. */
  addLimit: Cooldown
}

/** /add: at most this many per user… */
export const ADDS_PER_WINDOW = 5
/** …every this many minutes. */
export const ADD_WINDOW_MINUTES = 10

/** A slash command, as the discord.js guide lays them out: its definition and what it does. */
export interface Command {
  data: SharedSlashCommand
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>
}

/**
 * Whether the next answer may take more than a moment, from how long recent ones took. `engine.ask` runs
 * synchronously, so a typing indicator or deferral only helps when sent before it: when answers have been slow
 * (a huge corpus, a busy machine), or when an interaction already waited in the queue.
 */
export class Patience {
  private averageMs = 0

  constructor(private readonly slowMs = 800) {}

  record(elapsedMs: number): void {
    // Exponential moving average: follows the machine's current pace, forgets old spikes.
    this.averageMs = this.averageMs === 0 ? elapsedMs : 0.8 * this.averageMs + 0.2 * elapsedMs
  }

  /**
   * True when the answer is expected to be slow. `waitedMs` (time since the user acted) counts for interactions,
   * which Discord drops unless acknowledged within 3 seconds.
   */
  expectSlow(waitedMs = 0): boolean {
    return this.averageMs >= this.slowMs || waitedMs + this.averageMs >= 1500
  }
}

export interface ContextOptions {
  /** Whether a gateway connection runs (default true); false for the HTTP endpoint on its own. */
  gateway?: boolean
  /**
   * Keep follow-up context ("and when was that?" after /ask). Default true. False for the HTTP endpoint: replicas
   * keep nothing between requests, so no replica may answer differently from another.
   */
  followups?: boolean
  /** The process's feedback log, when several contexts share it. Default: one on `config.feedbackFile`. */
  feedback?: FeedbackLog
}

export function createContext(
  engine: QaEngine,
  config: Readonly<Config>,
  logger: Logger,
  botId: () => string | null,
  reload: () => Promise<ReloadReport> = () => engine.reload(),
  options: ContextOptions = {},
): BotContext {
  return {
    engine,
    config,
    logger,
    cooldown: new Cooldown(config.cooldownQuestions, config.cooldownSeconds),
    // Capacity 0 remembers nothing.
    followups: options.followups === false ? new Followups(0) : new Followups(),
    feedback: options.feedback ?? new FeedbackLog(config.feedbackFile, config.feedbackSalt),
    gateway: options.gateway ?? true,
    inflight: new InFlight(),
    patience: new Patience(),
    botId,
    reload,
    desk: new ArticleDesk({ seedsDir: config.seedsDir, library: engine, reload, fetch: { allowPrivate: config.allowPrivateUrls } }),
    addLimit: new Cooldown(ADDS_PER_WINDOW, ADD_WINDOW_MINUTES * 60),
  }
}
