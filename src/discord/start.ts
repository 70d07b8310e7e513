// `npm start` with DISCORD_TOKEN set: open the engine, log in, and own the process: signals, exit codes, and
// the clear message for a token Discord rejects.
import { GatewayIntentBits } from 'discord.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'
import { startBot } from './bot.js'
import type { Bot } from './bot.js'
import { intentsFor } from './client.js'
import { exitOnSignal, exitWith } from './exit.js'
import { DiscordFatalError, missingTokenError } from './fatal.js'
import { startEndpointBeside, startEndpointOnly } from './http/start.js'
import { startSharded } from './sharding.js'
import { openLiveEngine } from './openLive.js'

/** How long shutdown waits for replies in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 5000
const SHARDS_AND_ENDPOINT =
  'SHARDS and INTERACTIONS_PORT cannot run in one process: run the interactions endpoint as its own process ' +
  '(INTERACTIONS_PORT and DISCORD_PUBLIC_KEY, without DISCORD_TOKEN), see docs/discord.md › Endpoint mode.'

/** Starts the Discord front end. Resolves once the bot is ready; the process then lives until a signal. */
export async function startDiscord(config: Readonly<Config>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'discord' })
  if (!config.discordToken && config.interactionsPort === null) exitWith(log, 1, missingTokenError().message)
  // A stray rejection inside a library must not take the bot down; it is logged and the bot carries on.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'))
  // Endpoint mode without a token: the HTTP interactions endpoint alone, one stateless replica (src/discord/http/).
  if (!config.discordToken) {
    await startEndpointOnly(config, logger)
    return
  }
  if (config.shards !== null) {
    // Shard processes each run startSingle: they would all listen on one port.
    if (config.interactionsPort !== null) exitWith(log, 1, SHARDS_AND_ENDPOINT)
    await startSharded(config, log)
    return
  }
  await startSingle(config, logger)
}

/** One process, one client (also what each shard process runs under the ShardingManager). */
export async function startSingle(config: Readonly<Config>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'discord' })
  logIntents(config, log)
  const { engine, live } = await openLiveEngine(config, logger, log)

  let bot: Bot
  try {
    bot = await startBot({
      engine,
      config,
      logger: log,
      onFatal: (error) => exitWith(log, 1, error.message),
      reload: () => live.reload(),
    })
  } catch (error) {
    if (error instanceof DiscordFatalError) exitWith(log, 1, error.message)
    const reason = error instanceof Error ? error.message : String(error)
    exitWith(log, 1, `Could not connect to Discord: ${reason}`)
  }
  // Endpoint mode beside the gateway: interactions come over HTTP, messages over the gateway, to one engine.
  const endpoint =
    config.interactionsPort !== null ? await startEndpointBeside(config, logger, engine, bot.context.feedback, () => live.reload()) : null

  exitOnSignal(log, { prefix: 'Discord', stopped: 'Discord: stopped' }, () => {
    // No new reloads. One in progress is not waited for: the index on disk is replaced in one step, or not at all.
    void live.close()
    return Promise.all([bot.stop(SHUTDOWN_GRACE_MS), endpoint?.close(SHUTDOWN_GRACE_MS)])
  })
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
