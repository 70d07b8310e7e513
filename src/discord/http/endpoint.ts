// Endpoint mode (INTERACTIONS_PORT and DISCORD_PUBLIC_KEY): Discord POSTs every slash command, autocomplete and button
// click to this process, which keeps nothing between requests, so any number of replicas can share the load.
import type { Config } from '../../config.js'
import type { ReloadReport } from '../../engine.js'
import type { FeedbackLog } from '../../feedback/log.js'
import type { Logger } from '../../logger.js'
import { createContext } from '../context.js'
import type { BotContext, QaEngine } from '../context.js'
import { InteractionBridge } from './bridge.js'
import type { BridgeOptions } from './bridge.js'
import { InteractionsServer } from './server.js'
import { publicKeyFromHex } from './verify.js'

/** After this long without a first response, the endpoint acknowledges for the handler (Discord allows 3 s). */
export const DEFER_AFTER_MS = 1500

export interface EndpointOptions {
  config: Readonly<Config>
  logger: Logger
  /** Whether a gateway connection runs in this deployment too (mentions, DMs): the help mentions them then. */
  gateway?: boolean
  /** The process's feedback log, shared with the gateway bot. */
  feedback?: FeedbackLog
  /** See DEFER_AFTER_MS; shorter in tests. */
  deferAfterMs?: number
  /** What runs each interaction. Default: the gateway's handler, so both ways in behave the same. */
  handle?: BridgeOptions['handle']
}

export interface Endpoint {
  /** The port it listens on (INTERACTIONS_PORT, or the one chosen for 0). */
  port: number
  /**
   * Starts serving interactions with `engine` (`reload`: what /reload runs; default the engine's own); until then
   * POSTs get 503 and /healthz says "starting".
   */
  ready(engine: QaEngine, reload?: () => Promise<ReloadReport>): BotContext
  /** Stops taking requests, lets those in flight finish (up to `graceMs`), closes. True when all finished in time. */
  close(graceMs?: number): Promise<boolean>
}

/** Listens on INTERACTIONS_HOST:INTERACTIONS_PORT; call `ready()` once the articles are loaded. */
export async function listenEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const { config } = options
  if (config.interactionsPort === null || config.discordPublicKey === null) {
    throw new Error('interactions: INTERACTIONS_PORT and DISCORD_PUBLIC_KEY must both be set')
  }
  const log = options.logger.child({ module: 'interactions' })
  const server = new InteractionsServer({ path: config.interactionsPath, publicKey: publicKeyFromHex(config.discordPublicKey), logger: log })
  const bridge = new InteractionBridge({
    apiUrl: config.discordApiUrl,
    token: config.discordToken,
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    logger: log,
    ...(options.handle ? { handle: options.handle } : {}),
  })
  const port = await server.listen(config.interactionsPort, config.interactionsHost)
  log.info({ host: config.interactionsHost, port, path: config.interactionsPath }, `interactions endpoint listening on ${config.interactionsHost}:${port}${config.interactionsPath}`)

  return {
    port,
    ready(engine, reload) {
      const ctx = createContext(engine, config, log, () => bridge.applicationId, reload, {
        gateway: options.gateway ?? false,
        followups: false,
        ...(options.feedback ? { feedback: options.feedback } : {}),
      })
      server.ready({
        run: (payload, res, receivedAt) => bridge.run(payload, res, ctx, receivedAt),
        describe: () => ({ articles: engine.articles.length, paragraphs: engine.chunks.length }),
      })
      log.info({ articles: engine.articles.length }, 'interactions endpoint ready')
      return ctx
    },
    async close(graceMs = 5000) {
      const pending = server.pending
      const finished = await server.close(graceMs)
      if (!finished) log.warn({ pending: server.pending }, 'interactions: requests still pending at shutdown')
      else if (pending > 0) log.info({ requests: pending }, 'interactions: finished requests in flight')
      await bridge.destroy()
      return finished
    },
  }
}
