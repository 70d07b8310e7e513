// Starts the real interactions endpoint (real HTTP server, real discord.js interaction objects, real engine) with a
// Discord on the other side that signs its requests (test/support/discordEndpoint.ts) and a REST stand-in that
// receives the bot's later edits and follow-ups.
import { jsonLineSink } from '../support/logSink.js'
import type { APIInteraction } from 'discord.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { listenEndpoint } from '../../src/discord/http/endpoint.js'
import type { Endpoint, EndpointOptions } from '../../src/discord/http/endpoint.js'
import type { BotContext, QaEngine } from '../../src/discord/context.js'
import { DiscordStandin } from '../support/discordStandin.js'
import { EndpointDiscord } from '../support/discordEndpoint.js'
import type { HttpResult, SendOptions } from '../support/discordEndpoint.js'
import { seedsEngine } from './harness.js'
import type { SentBody } from './harness.js'

export interface EndpointHarness {
  standin: DiscordStandin
  discord: EndpointDiscord
  endpoint: Endpoint
  ctx: BotContext
  /** http://127.0.0.1:PORT */
  origin: string
  /** The endpoint's URL (origin + INTERACTIONS_PATH). */
  url: string
  logs: Record<string, unknown>[]
  logText: () => string
  /** Signs and posts `interaction` to this endpoint. */
  send(interaction: APIInteraction, options?: SendOptions): Promise<HttpResult>
  close(): Promise<void>
}

export interface EndpointHarnessOptions {
  env?: Record<string, string>
  deferAfterMs?: number
  /** Share another harness's Discord (stand-in and key): a second replica of the same application. */
  discord?: EndpointDiscord
  engine?: QaEngine
  handle?: EndpointOptions['handle']
  /** As beside a gateway (the help and answers then mention what only the gateway receives). Default false. */
  gateway?: boolean
}

export async function startEndpointHarness(options: EndpointHarnessOptions = {}): Promise<EndpointHarness> {
  const ownsDiscord = options.discord === undefined
  const discord = options.discord ?? new EndpointDiscord(await DiscordStandin.start())
  const { stream: sink, lines: logs, text: logText } = jsonLineSink()
  const config = loadConfig(discord.env({ INTERACTIONS_HOST: '127.0.0.1', ...options.env }))
  const endpoint = await listenEndpoint({
    config,
    logger: createLogger({ level: 'debug', destination: sink }),
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
    ...(options.handle ? { handle: options.handle } : {}),
    gateway: options.gateway ?? false,
  })
  const ctx = endpoint.ready(options.engine ?? (await seedsEngine()))
  const origin = `http://127.0.0.1:${endpoint.port}`
  const url = `${origin}${config.interactionsPath}`
  return {
    standin: discord.standin,
    discord,
    endpoint,
    ctx,
    origin,
    url,
    logs,
    logText,
    send: (interaction, sendOptions) => discord.send(url, interaction, sendOptions),
    async close() {
      await endpoint.close(1000)
      if (ownsDiscord) {
        discord.close()
        await discord.standin.close()
      }
    },
  }
}

/** The first response's message body (type 4 or 7), or the edit of @original that followed a deferral (type 5/6). */
export async function finalReply(h: EndpointHarness, interaction: APIInteraction, response: HttpResult): Promise<SentBody> {
  const { type, data } = response.json as { type: number; data?: SentBody }
  if (type === 4 || type === 7) return data ?? {}
  const edit = await h.standin.waitForCall(
    (call) =>
      call.method === 'PATCH' && call.status === 200 && call.path === `/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`,
  )
  return edit.body as SentBody
}
