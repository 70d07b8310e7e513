// `npm start` with DISCORD_TOKEN set: open the engine, log in, and own the process: signals, exit codes, and
// the clear message for a token Discord rejects.
import { GatewayIntentBits } from 'discord.js'
import type { Config } from '../config.js'
import { Engine } from '../engine.js'
import type { Logger } from '../logger.js'
import { startBot } from './bot.js'
import type { Bot } from './bot.js'
import { intentsFor } from './client.js'
import { exitWith } from './exit.js'
import { DiscordFatalError, missingTokenError } from './fatal.js'
import { startSharded } from './sharding.js'

/** How long shutdown waits for replies in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 5000

/** Starts the Discord front end. Resolves once the bot is ready; the process then lives until a signal. */
export async function startDiscord(config: Readonly<Config>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'discord' })
  if (!config.discordToken) exitWith(log, 1, missingTokenError().message)
  // A stray rejection inside a library must not take the bot down; it is logged and the bot carries on.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'))
  if (config.shards !== null) {
    await startSharded(config, log)
    return
  }
  await startSingle(config, logger)
}

/** One process, one client (also what each shard process runs under the ShardingManager). */
export async function startSingle(config: Readonly<Config>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'discord' })
  logIntents(config, log)
  let engine: Engine
  try {
    engine = await Engine.open({ seedsDir: config.seedsDir, indexDir: config.indexDir, logger: logger.child({ module: 'engine' }) })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    exitWith(log, 1, `Could not load the articles in ${config.seedsDir} (index: ${config.indexDir}): ${reason}`)
  }
  log.info({ articles: engine.articles.length, paragraphs: engine.chunks.length, index: engine.origin }, 'engine ready')

  let bot: Bot
  try {
    bot = await startBot({ engine, config, logger: log, onFatal: (error) => exitWith(log, 1, error.message) })
  } catch (error) {
    if (error instanceof DiscordFatalError) exitWith(log, 1, error.message)
    const reason = error instanceof Error ? error.message : String(error)
    exitWith(log, 1, `Could not connect to Discord: ${reason}`)
  }

  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'Discord: shutting down')
    void bot
      .stop(SHUTDOWN_GRACE_MS)
      .catch((error: unknown) => log.error({ err: error }, 'Discord: error while closing'))
      .finally(() => exitWith(log, 0, 'Discord: stopped'))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

function logIntents(config: Readonly<Config>, log: Logger): void {
  const intents = intentsFor(config).map((bit) => GatewayIntentBits[bit])
  if (config.askChannels.length > 0) {
    log.info(
      { intents, askChannels: config.askChannels },
      'Discord: requesting the privileged Message Content intent, because ASK_CHANNELS is set ' +
        '(enable it under Bot → Privileged Gateway Intents in the Developer Portal)',
    )
  } else {
    log.info({ intents }, 'Discord: not requesting Message Content (ASK_CHANNELS is empty): mentions, DMs and slash commands only')
  }
}
