// `npm start` in endpoint mode. Alone (INTERACTIONS_PORT and DISCORD_PUBLIC_KEY, no DISCORD_TOKEN): this process is
// one stateless replica and owns its signals and exit codes. Beside the gateway (a token too): the gateway bot's
// process starts it on the same engine (src/discord/start.ts).
import type { Config } from '../../config.js'
import type { Engine } from '../../engine.js'
import type { FeedbackLog } from '../../feedback/log.js'
import type { Logger } from '../../logger.js'
import { exitOnSignal, exitWith } from '../exit.js'
import { listenEndpoint } from './endpoint.js'
import type { Endpoint } from './endpoint.js'
import { openLiveEngine } from '../openLive.js'

/** How long shutdown waits for requests in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 5000

/** The endpoint on its own: listens at once (/healthz "starting"), serves once the articles are loaded. */
export async function startEndpointOnly(config: Readonly<Config>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'interactions' })
  const endpoint = await listen(config, logger, false)
  const { engine, live } = await openLiveEngine(config, logger, log)
  endpoint.ready(engine, () => live.reload())

  exitOnSignal(log, { prefix: 'interactions', stopped: 'interactions endpoint stopped' }, () => {
    void live.close()
    return endpoint.close(SHUTDOWN_GRACE_MS)
  })
}

/** The endpoint beside a gateway bot, on its engine and feedback log; the caller closes it on shutdown. */
export async function startEndpointBeside(
  config: Readonly<Config>,
  logger: Logger,
  engine: Engine,
  feedback: FeedbackLog,
  reload: () => ReturnType<Engine['reload']>,
): Promise<Endpoint> {
  const endpoint = await listen(config, logger, true, feedback)
  endpoint.ready(engine, reload)
  return endpoint
}

async function listen(config: Readonly<Config>, logger: Logger, gateway: boolean, feedback?: FeedbackLog): Promise<Endpoint> {
  try {
    return await listenEndpoint({ config, logger, gateway, ...(feedback ? { feedback } : {}) })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    exitWith(
      logger.child({ module: 'interactions' }),
      1,
      `Could not start the interactions endpoint on ${config.interactionsHost}:${config.interactionsPort} (INTERACTIONS_PORT): ${reason}`,
    )
  }
}
