// The HTTP endpoint's side of discord.js: a client that never connects to the gateway, fed the interactions that
// arrive as HTTP requests. discord.js builds the same interaction objects from them as from a gateway event, and the
// same handler (events/interactionCreate.ts) runs them, so every command, autocomplete and button behaves as on the
// gateway, with the same payloads, and a command added to the commands map works here unchanged.
//
// Only the first response travels differently: over HTTP it is the answer to Discord's request. The client's REST
// call to the interaction's callback route is caught and written there instead. Everything after it (editing
// @original, follow-ups) goes to Discord's REST API as usual, on DISCORD_API_URL.
import type { ServerResponse } from 'node:http'
import {
  Client,
  DefaultRestOptions,
  DiscordAPIError,
  Events,
  InteractionResponseType,
  InteractionType,
  Options,
  Partials,
  Routes,
} from 'discord.js'
import type { APIInteraction, APIInteractionResponse, Interaction, ResponseLike } from 'discord.js'
import { NO_MENTIONS, renderApology } from '../../format/discord.js'
import type { Logger } from '../../logger.js'
import type { BotContext } from '../context.js'
import { handleInteraction } from '../events/interactionCreate.js'
import { respond } from '../respond.js'
import { sendJson } from './respondHttp.js'

/** The REST path of an interaction's first response; the id says which request it answers. */
const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback$/
/** Partial channels the client caches for interactions: cleared past this many, as nothing reads them later. */
const MAX_CACHED_CHANNELS = 1000

export interface BridgeOptions {
  /** REST base URL (DISCORD_API_URL); null: Discord's. */
  apiUrl: string | null
  /** The bot token, when there is one: only for REST calls a command makes that need it. */
  token: string | null
  /** When a handler has not answered after this long, acknowledge for it (Discord waits 3 s). */
  deferAfterMs: number
  logger: Logger
  /** What runs each interaction. Default: the gateway's handler (events/interactionCreate.ts). */
  handle?: (ctx: BotContext, interaction: Interaction) => Promise<void>
}

/** discord.js builds an interaction through its gateway action; the action manager is not in its typings. */
interface WithActions {
  actions: { InteractionCreate: { handle(data: unknown): void } }
}

export class InteractionBridge {
  readonly client: Client
  /** The application's id, from the latest interaction (a bot user's id is its application's). */
  applicationId: string | null = null
  private readonly pending = new Map<string, InitialResponse>()
  private built: Interaction | null = null
  /** Interactions waiting for their turn to start (see `turn`). */
  private readonly waiting: (() => void)[] = []
  private pumping = false

  constructor(private readonly options: BridgeOptions) {
    this.client = new Client({
      intents: [],
      // Interactions from DMs name a channel discord.js has not seen; without this it would not build them.
      partials: [Partials.Channel],
      allowedMentions: NO_MENTIONS,
      rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), makeRequest: (url, init) => this.request(url, init) },
      // Nothing here is ever read back from a cache: keep them empty.
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        MessageManager: 0,
        GuildMemberManager: 0,
        UserManager: 0,
        ReactionManager: 0,
      }),
    })
    if (options.token) this.client.rest.setToken(options.token)
    this.client.on(Events.InteractionCreate, (interaction) => {
      this.built = interaction
    })
    this.client.on(Events.Error, (err) => options.logger.error({ err }, 'interactions: client error'))
  }

  /**
   * Runs one verified interaction (not a PING) and answers `res` with its first response. Resolves when its handler
   * is done, including what it sends after the first response (so shutdown can wait for it).
   */
  async run(payload: APIInteraction, res: ServerResponse, ctx: BotContext, receivedAt = performance.now()): Promise<void> {
    const interaction = this.build(payload)
    if (!interaction) {
      sendJson(res, 400, { error: `unsupported interaction (type ${payload.type})` })
      return
    }
    this.applicationId = payload.application_id
    const initial = new InitialResponse(res, payload)
    this.pending.set(payload.id, initial)
    // Discord waits 3 seconds for the first response: past `deferAfterMs`, acknowledge for the handler.
    const timer = setTimeout(() => initial.deferNow(), Math.max(0, receivedAt + this.options.deferAfterMs - performance.now()))
    try {
      await this.turn()
      await (this.options.handle ?? handleInteraction)(ctx, interaction)
      if (!initial.answered) await answerAnyway(interaction)
      this.options.logger.debug(
        {
          interaction: payload.id,
          type: payload.type,
          deferred: initial.deferredAutomatically,
          firstMs: Math.round(initial.sentAt - receivedAt),
          ms: Math.round(performance.now() - receivedAt),
        },
        'interaction handled',
      )
    } finally {
      clearTimeout(timer)
      this.pending.delete(payload.id)
      if (this.client.channels.cache.size > MAX_CACHED_CHANNELS) this.client.channels.cache.clear()
    }
  }

  async destroy(): Promise<void> {
    await this.client.destroy()
  }

  /**
   * Resolves when this interaction may start: one start per turn of the event loop. Answering is CPU work that runs
   * until the handler's first wait; a burst of requests would otherwise all start within one turn, and the timers
   * that acknowledge slow ones (above) could not fire until every answer was computed.
   */
  private turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      if (this.pumping) return
      this.pumping = true
      setImmediate(() => this.startNext())
    })
  }

  private startNext(): void {
    const next = this.waiting.shift()
    if (!next) {
      this.pumping = false
      return
    }
    next()
    // Scheduled from the check phase, this runs in the next turn: timers and I/O come first.
    setImmediate(() => this.startNext())
  }

  /** The discord.js interaction for a payload, built as for a gateway event; null for kinds it does not build. */
  private build(payload: APIInteraction): Interaction | null {
    this.built = null
    try {
      ;(this.client as unknown as WithActions).actions.InteractionCreate.handle(payload)
    } catch (error) {
      this.options.logger.warn({ err: error, type: payload.type }, 'interactions: malformed interaction')
      return null
    }
    const interaction = this.built
    this.built = null
    return interaction
  }

  /** Every REST call of the client: an interaction's first response goes into its HTTP answer, the rest to Discord. */
  private async request(url: string, init: RequestInit): Promise<ResponseLike> {
    const target = new URL(url)
    const id = CALLBACK.exec(target.pathname)?.[1]
    const initial = id === undefined ? undefined : this.pending.get(id)
    if (!initial) return DefaultRestOptions.makeRequest(url, init as Parameters<typeof DefaultRestOptions.makeRequest>[1])
    const body = callbackBody(init.body)
    const withResponse = target.searchParams.get('with_response') === 'true'
    if (!initial.answered) {
      initial.send(body)
      return callbackResult(initial.payload, body.type, withResponse)
    }
    if (!initial.deferredAutomatically) return discordError(400, 40060, 'Interaction has already been acknowledged.')
    return this.afterDeferral(initial, body, withResponse)
  }

  /** What the handler meant as the first response, once the bridge had to acknowledge first: an edit or a follow-up. */
  private async afterDeferral(initial: InitialResponse, body: APIInteractionResponse, withResponse: boolean): Promise<ResponseLike> {
    const { application_id: app, token } = initial.payload
    const data = 'data' in body && body.data ? { ...body.data } : {}
    const rest = this.client.rest
    try {
      const message = body.type === InteractionResponseType.ChannelMessageWithSource
      if (body.type === InteractionResponseType.UpdateMessage || (message && initial.deferredAs === 'message')) {
        // "thinking…", or the clicked message: @original is it either way. Its flags were set by the deferral.
        delete (data as { flags?: number }).flags
        await rest.patch(Routes.webhookMessage(app, token, '@original'), { body: data, auth: false })
      } else if (message) {
        // A click acknowledged without a message: a new (e.g. private) reply is a follow-up.
        await rest.post(Routes.webhook(app, token), { body: data, auth: false, query: new URLSearchParams({ wait: 'true' }) })
      } else if (body.type !== InteractionResponseType.DeferredChannelMessageWithSource && body.type !== InteractionResponseType.DeferredMessageUpdate) {
        this.options.logger.warn({ interaction: initial.payload.id, type: body.type }, 'interactions: response too late to send')
      }
    } catch (error) {
      if (error instanceof DiscordAPIError) return discordError(error.status, Number(error.code) || 0, error.message)
      return discordError(502, 0, error instanceof Error ? error.message : String(error))
    }
    return callbackResult(initial.payload, body.type, withResponse)
  }
}

/** The first response of one HTTP request: sent once, by the handler or, when it takes too long, by the bridge. */
class InitialResponse {
  answered = false
  /** When the first response was written (performance.now()). */
  sentAt = 0
  /** What the bridge answered for a slow handler: "thinking…", a click acknowledged, or no suggestions. */
  deferredAs: 'message' | 'update' | 'choices' | null = null

  constructor(
    private readonly res: ServerResponse,
    readonly payload: APIInteraction,
  ) {}

  get deferredAutomatically(): boolean {
    return this.deferredAs !== null
  }

  send(body: APIInteractionResponse): void {
    this.answered = true
    this.sentAt = performance.now()
    sendJson(this.res, 200, body)
  }

  deferNow(): void {
    if (this.answered) return
    const { type } = this.payload
    if (type === InteractionType.ApplicationCommandAutocomplete) {
      // Suggestions cannot wait: none this time.
      this.send({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } })
      this.deferredAs = 'choices'
    } else if (type === InteractionType.MessageComponent) {
      this.send({ type: InteractionResponseType.DeferredMessageUpdate })
      this.deferredAs = 'update'
    } else {
      this.send({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: privateFlag(this.payload) } })
      this.deferredAs = 'message'
    }
  }
}

/** A handler that answered nothing still owes Discord a response: the quietest one of its kind. */
async function answerAnyway(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) await interaction.respond([])
  else if (interaction.isMessageComponent()) await interaction.deferUpdate()
  else if (interaction.isRepliable()) await respond(interaction, renderApology(), true)
}

/** Ephemeral (64) when the command's `private` option is on, as this bot's commands name it; else 0. */
function privateFlag(payload: APIInteraction): number {
  const options = payload.type === InteractionType.ApplicationCommand && payload.data && 'options' in payload.data ? payload.data.options : undefined
  return options?.some((o) => o.name === 'private' && 'value' in o && o.value === true) ? 64 : 0
}

/** The JSON body of the client's callback request (a multipart one carries it as `payload_json`). */
function callbackBody(body: RequestInit['body']): APIInteractionResponse {
  if (typeof body === 'string') return JSON.parse(body) as APIInteractionResponse
  if (body instanceof Uint8Array) return JSON.parse(Buffer.from(body).toString('utf8')) as APIInteractionResponse
  if (body instanceof FormData) return JSON.parse(String(body.get('payload_json'))) as APIInteractionResponse
  throw new Error('interactions: unexpected callback body')
}

/** What Discord's callback route answers: nothing, or (with_response) the callback object. */
function callbackResult(payload: APIInteraction, type: InteractionResponseType, withResponse: boolean): ResponseLike {
  if (!withResponse) return new Response(null, { status: 204 })
  return Response.json({ interaction: { id: payload.id, type: payload.type, response_message_loading: false }, resource: { type } })
}

function discordError(status: number, code: number, message: string): ResponseLike {
  return Response.json({ message, code }, { status })
}
