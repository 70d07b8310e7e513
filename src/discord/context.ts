import type { AutocompleteInteraction, ChatInputCommandInteraction, SharedSlashCommand } from 'discord.js'
import type { Config } from '../config.js'
import type { Engine } from '../engine.js'
import type { Logger } from '../logger.js'
import { Cooldown } from './cooldown.js'
import { Followups } from './followups.js'
import { InFlight } from './inflight.js'
import { PageStore } from './pages.js'

/** The part of the engine the bot uses. */
export type QaEngine = Pick<Engine, 'ask' | 'search' | 'suggest' | 'articles'>

/** Everything a handler needs, made once per client. */
export interface BotContext {
  engine: QaEngine
  config: Readonly<Config>
  logger: Logger
  cooldown: Cooldown
  followups: Followups
  pages: PageStore
  inflight: InFlight
  patience: Patience
  /** The bot's own user id, known once the client is ready. */
  botId: () => string | null
}

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

export function createContext(engine: QaEngine, config: Readonly<Config>, logger: Logger, botId: () => string | null): BotContext {
  return {
    engine,
    config,
    logger,
    cooldown: new Cooldown(config.cooldownQuestions, config.cooldownSeconds),
    followups: new Followups(),
    pages: new PageStore(),
    inflight: new InFlight(),
    patience: new Patience(),
    botId,
  }
}
