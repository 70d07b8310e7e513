// One bot: a discord.js client wired to the engine, logged in and ready. No process-level concerns here (signals,
// exit codes): start.ts owns those, so tests can run several bots in one process.
import { DiscordjsErrorCodes, Events } from 'discord.js'
import type { Client } from 'discord.js'
import type { Config } from '../config.js'
import type { ReloadReport } from '../engine.js'
import type { Logger } from '../logger.js'
import { createClient } from './client.js'
import { createContext } from './context.js'
import type { BotContext, QaEngine } from './context.js'
import { registerEvents } from './events/index.js'
import { fatalForCloseCode, invalidTokenError, missingTokenError } from './fatal.js'
import type { DiscordFatalError } from './fatal.js'

export interface BotOptions {
  engine: QaEngine
  config: Readonly<Config>
  logger: Logger
  /** Called when Discord ends the session for good after start-up (e.g. the token was reset): exit with its message. */
  onFatal?: (error: DiscordFatalError) => void
  /** What `/reload` runs: the LiveCorpus's, shared with the watcher. Default: the engine's reload. */
  reload?: () => Promise<ReloadReport>
}

export interface Bot {
  client: Client<true>
  context: BotContext
  /** Stops taking questions, lets replies in flight finish (up to `graceMs`), then closes the connection. */
  stop(graceMs?: number): Promise<void>
}

/** Logs in and resolves once the client is ready; rejects with a DiscordFatalError for a bad token or intents. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, logger } = options
  if (!config.discordToken) throw missingTokenError()
  const client = createClient(config)
  const context = createContext(options.engine, config, logger, () => client.user?.id ?? null, options.reload)
  registerEvents(client, context)

  let started = false
  const fatal = new Promise<never>((_, reject) => {
    client.on(Events.ShardDisconnect, (event, shardId) => {
      const error = fatalForCloseCode(event.code)
      if (!error) return
      logger.error({ shard: shardId, code: event.code }, 'Discord: gateway closed the session for good')
      if (started) options.onFatal?.(error)
      else reject(error)
    })
  })
  // login() resolves once the gateway connects, before the guilds arrive: "ready" is ClientReady.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()))
  try {
    await Promise.race([client.login(config.discordToken).then(() => ready), fatal])
  } catch (error) {
    await client.destroy().catch(() => undefined)
    const code = (error as { code?: unknown }).code
    if (code === DiscordjsErrorCodes.TokenInvalid) throw invalidTokenError()
    throw error
  }
  started = true

  return {
    client: client as Client<true>,
    context,
    async stop(graceMs = 5000) {
      context.inflight.closing = true
      const pending = context.inflight.size
      const finished = await context.inflight.drain(graceMs)
      if (!finished) logger.warn({ pending: context.inflight.size }, 'Discord: replies still pending at shutdown')
      else if (pending > 0) logger.info({ replies: pending }, 'Discord: finished replies in flight')
      await client.destroy()
    },
  }
}
