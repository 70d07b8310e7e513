// A small stand-in for Discord on 127.0.0.1: one HTTP server for REST (/api/v10/...) and the gateway WebSocket.
// The real discord.js client talks to it through DISCORD_API_URL; it records every REST call so tests can
// assert on what a user would see (and on what must never be sent, such as pings).
import { EventEmitter } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js'
import type { APIInteraction, APIMessage, APITextChannel, APIUser, MessageType } from 'discord.js'
import {
  makeAutocomplete,
  makeButtonClick,
  botRoleId,
  makeGuild,
  makeMessage,
  makeSlashCommand,
  makeTextChannel,
  makeThread,
  makeUser,
  snowflake,
} from './discordStandinPayloads.js'
import type { CommandWhere, InteractionChannel, StringOptions, UploadedFile } from './discordStandinPayloads.js'
import { StandinGateway } from './discordStandinGateway.js'
import { handleRest } from './discordStandinRest.js'

export { makeUser }

/** A fake bot token that passes config.ts's check; only the stand-in accepts it. */
export const FAKE_TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.GaBcDe.' + 'x'.repeat(27)

export interface RecordedCall {
  method: string
  /** Path after `/api/v10`, without the query string, e.g. `/channels/123/messages`. */
  path: string
  query: URLSearchParams
  /** The parsed JSON body, or null. */
  body: unknown
  status: number
  /** What the stand-in answered (e.g. the created message). */
  response: unknown
  at: number
}

/** A fault to serve instead of the normal answer, on the next REST calls that match. */
export interface Fault {
  method?: string
  path: RegExp
  status: 429 | 500 | 403 | 404
  /** Seconds, for 429 (sent as the Retry-After header and `retry_after`). */
  retryAfter?: number
  /** Discord JSON error code for 4xx faults, e.g. 50013 (Missing Permissions). */
  code?: number
  /** How many matching calls get the fault. Default 1. */
  times?: number
}

export interface StandinOptions {
  /** The token REST and the gateway accept. Default FAKE_TOKEN. */
  token?: string
  /** Close every IDENTIFY with 4004 (Authentication failed), as Discord does for a revoked token. */
  rejectIdentify?: boolean
  /** Close an IDENTIFY asking for the Message Content intent with 4014 (not enabled in the Developer Portal). */
  refuseMessageContent?: boolean
  /** `shards` in GET /gateway/bot. Default 1. */
  recommendedShards?: number
  /** Role ids the guild has besides @everyone (members get them through `slashCommand(…, { roles })`). */
  roles?: string[]
}

export class DiscordStandin extends EventEmitter {
  readonly token: string
  readonly applicationId = snowflake()
  readonly bot: APIUser
  readonly guildId = snowflake()
  readonly channel: APITextChannel
  /** A second text channel (e.g. for ASK_CHANNELS). */
  readonly askChannel: APITextChannel
  /** Users seen so far, by id (for DM channels the bot opens). */
  readonly users = new Map<string, APIUser>()
  readonly calls: RecordedCall[] = []
  /** Messages the bot created, by id (channel messages, interaction responses and follow-ups). */
  readonly messages = new Map<string, APIMessage>()
  /** The id of the original response message of each interaction token. */
  readonly originals = new Map<string, string>()
  /** Where each dispatched interaction came from, by token: its follow-ups land there, its updates edit messageId. */
  readonly interactions = new Map<string, { channelId: string; messageId: string | null; acknowledged?: boolean }>()
  /** Command ids by name, as given by the last PUT of application commands (or made up on first use). */
  readonly commandIds = new Map<string, string>()
  readonly options: Required<StandinOptions>
  private readonly faults: (Fault & { left: number })[] = []
  private readonly gateway: StandinGateway
  private server!: Server
  private wss!: WebSocketServer
  port = 0

  private constructor(options: StandinOptions) {
    super()
    this.options = {
      token: options.token ?? FAKE_TOKEN,
      rejectIdentify: options.rejectIdentify ?? false,
      refuseMessageContent: options.refuseMessageContent ?? false,
      recommendedShards: options.recommendedShards ?? 1,
      roles: options.roles ?? [],
    }
    this.token = this.options.token
    this.bot = makeUser('NewsdeskBot', { bot: true })
    this.channel = makeTextChannel(this.guildId, 'general')
    this.askChannel = makeTextChannel(this.guildId, 'ask-the-news')
    this.gateway = new StandinGateway({
      token: this.token,
      bot: this.bot,
      applicationId: this.applicationId,
      guildId: this.guildId,
      gatewayUrl: () => this.gatewayUrl,
      guild: () => makeGuild(this.guildId, this.bot, [this.channel, this.askChannel], this.options.roles),
      rejectIdentify: this.options.rejectIdentify,
      refuseMessageContent: this.options.refuseMessageContent ?? false,
    })
  }

  static async start(options: StandinOptions = {}): Promise<DiscordStandin> {
    const standin = new DiscordStandin(options)
    await standin.listen()
    return standin
  }

  /** The REST base URL for discord.js (`rest.api`), i.e. DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.onHttp(req, res))
    this.wss = new WebSocketServer({ server: this.server })
    this.gateway.listen(this.wss)
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    this.gateway.drop()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  // ---- faults and waiting -------------------------------------------------------------------------------

  /** Serve `fault` instead of the normal answer on the next matching REST call(s). */
  failNext(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 })
  }

  /** @internal Used by the REST handler. */
  takeFault(method: string, path: string): Fault | null {
    const index = this.faults.findIndex((f) => f.left > 0 && (!f.method || f.method === method) && f.path.test(path))
    if (index < 0) return null
    const fault = this.faults[index]!
    fault.left -= 1
    if (fault.left === 0) this.faults.splice(index, 1)
    return fault
  }

  /** @internal */
  record(call: RecordedCall): void {
    this.calls.push(call)
    this.emit('call', call)
  }

  /** Resolves with the first recorded call (past or future) that matches, or rejects after `timeoutMs`. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
    const found = this.calls.find(match)
    if (found) return Promise.resolve(found)
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall) => {
        if (!match(call)) return
        clearTimeout(timer)
        this.off('call', onCall)
        resolve(call)
      }
      const timer = setTimeout(() => {
        this.off('call', onCall)
        reject(new Error(`stand-in: no matching REST call within ${timeoutMs} ms`))
      }, timeoutMs)
      this.on('call', onCall)
    })
  }

  /** Calls recorded after `since` (an index into `calls`) that match. */
  callsSince(since: number, match: (call: RecordedCall) => boolean = () => true): RecordedCall[] {
    return this.calls.slice(since).filter(match)
  }

  // ---- REST ---------------------------------------------------------------------------------------------

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upload = this.uploads.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    if (upload && req.method === 'GET') {
      // Discord's CDN serves an attachment with its content type (octet-stream for types it does not know).
      res.writeHead(200, { 'content-type': upload.contentType, 'content-length': String(upload.bytes.length) })
      res.end(upload.bytes)
      return
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: unknown = null
    if (raw && (req.headers['content-type'] ?? '').includes('application/json')) body = JSON.parse(raw)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // Clients encode '@' in '@original' and '@me'; route on the decoded path.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '')
    await this.originalOf(path)
    const result = handleRest(this, {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization ?? null,
      body,
    })
    this.record({
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      status: result.status,
      response: result.body ?? null,
      at: performance.now(),
    })
    // A 204 has no body and no content type, as from Discord (a JSON content type would make clients parse nothing).
    const type = result.body === undefined ? {} : { 'content-type': 'application/json' }
    res.writeHead(result.status, { ...type, ...result.headers })
    res.end(result.body === undefined ? undefined : JSON.stringify(result.body))
  }

  /**
   * Over the HTTP endpoint the message a deferral creates comes with the HTTP response (test/support/discordEndpoint.ts),
   * and in one process the bot's edit of @original can be read first. An edit of an interaction that is known but
   * not yet answered waits a little for its message, rather than fail on the order two sockets are read in.
   */
  private async originalOf(path: string): Promise<void> {
    const token = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(path)?.[1]
    if (!token || !this.interactions.has(token)) return
    for (let waited = 0; !this.originals.has(token) && waited < 500; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5))
  }

  /** Intents the bot identified with (latest session). */
  get intents(): number {
    return this.gateway.intents
  }

  /** Every opcode the bot sent over the gateway, in order. */
  get gatewayLog() {
    return this.gateway.log
  }

  /** The gateway connection drops without a close frame (the client sees 1006 and resumes). */
  dropGateway(): void {
    this.gateway.drop()
  }

  /** Closes every gateway connection with `code`. */
  closeGateway(code: number, reason = ''): void {
    this.gateway.close(code, reason)
  }

  // ---- what users do ------------------------------------------------------------------------------------

  /**
   * A user posts a message. `mentionBot` prefixes `<@bot>` as the Discord client does. Without the Message
   * Content intent, Discord blanks the content of guild messages that do not mention the bot, and so does this.
   */
  userSays(
    author: APIUser,
    text: string,
    options: {
      mentionBot?: boolean
      /** Mentions the bot's managed role instead (`<@&role>`), as a member picking the bot's role from the list does. */
      mentionBotRole?: boolean
      /** Other roles mentioned in `text` (as `<@&id>`): Discord lists them in the message's mentioned roles. */
      mentionRoles?: string[]
      /** For a reply to the bot: whether the reply pings it (Discord's "@ ON" toggle, on by default). */
      pingReply?: boolean
      channelId?: string
      dm?: boolean
      replyTo?: APIMessage | null
      createdAt?: number
      webhookId?: string
      type?: MessageType
    } = {},
  ): APIMessage {
    this.users.set(author.id, author)
    const guildId = options.dm ? null : this.guildId
    const channelId = options.channelId ?? (options.dm ? this.dmChannelId(author) : this.channel.id)
    const mentionBot = options.mentionBotRole ? false : (options.mentionBot ?? !options.dm)
    const content = mentionBot ? `<@${this.bot.id}> ${text}` : options.mentionBotRole ? `<@&${botRoleId(this.guildId)}> ${text}` : text
    const repliedToBot = options.replyTo?.author.id === this.bot.id
    const pingsBot = mentionBot || (repliedToBot && (options.pingReply ?? true))
    const mentionRoles = [...(options.mentionBotRole ? [botRoleId(this.guildId)] : []), ...(options.mentionRoles ?? [])]
    const message = makeMessage({
      channelId,
      guildId,
      author,
      content,
      mentions: pingsBot ? [this.bot] : [],
      mentionEveryone: false,
      replyTo: options.replyTo ?? null,
      createdAt: options.createdAt,
      ...(mentionRoles.length > 0 ? { mentionRoles } : {}),
      ...(options.webhookId ? { webhookId: options.webhookId } : {}),
      ...(options.type !== undefined ? { type: options.type } : {}),
      ...(this.threads.has(channelId) ? { channelType: ChannelType.PublicThread as const } : {}),
    })
    const seesContent =
      !guildId || mentionBot || options.mentionBotRole || repliedToBot || (this.gateway.intentsFor(guildId) & GatewayIntentBits.MessageContent) !== 0
    const delivered = seesContent ? message : { ...message, content: '', embeds: [], attachments: [] }
    this.gateway.dispatch(guildId, GatewayDispatchEvents.MessageCreate, delivered)
    return message
  }

  /** `user` starts a thread on `starter` (e.g. the bot's answer); messages can then be posted with its id as channelId. */
  startThread(user: APIUser, starter: APIMessage): string {
    const thread = makeThread(this.guildId, starter, user)
    this.threads.add(thread.id)
    this.gateway.dispatch(this.guildId, GatewayDispatchEvents.ThreadCreate, thread)
    return thread.id
  }

  private readonly uploads = new Map<string, UploadedFile>()

  /** A file a user attaches to a command: pass it as an option's value; its bytes are served here, on loopback. */
  upload(filename: string, bytes: Buffer | string, contentType = 'application/octet-stream'): UploadedFile {
    const id = snowflake()
    const path = `/attachments/${this.channel.id}/${id}/${encodeURIComponent(filename)}`
    const file = { id, filename, contentType, bytes: Buffer.from(bytes), url: `http://127.0.0.1:${this.port}${path}` }
    this.uploads.set(path, file)
    return file
  }

  private readonly threads = new Set<string>()
  private readonly dmChannels = new Map<string, string>()
  /** The DM channel between the bot and `user` (made up on first use). */
  dmChannelId(user: APIUser): string {
    let id = this.dmChannels.get(user.id)
    if (!id) {
      id = snowflake()
      this.dmChannels.set(user.id, id)
    }
    return id
  }

  private commandId(name: string): string {
    let id = this.commandIds.get(name)
    if (!id) {
      id = snowflake()
      this.commandIds.set(name, id)
    }
    return id
  }

  /**
   * Discord echoes every message back over the gateway, the bot's own included (so a bot must ignore itself).
   * @internal Called by the REST handler for each message the bot posts to a channel.
   */
  echo(message: APIMessage): void {
    const dm = [...this.dmChannels.values()].includes(message.channel_id)
    const guildId = dm ? null : this.guildId
    const echoed = { ...message, channel_type: dm ? ChannelType.DM : ChannelType.GuildText, ...(guildId ? { guild_id: guildId } : {}) }
    if (this.gateway.hasSession) this.gateway.dispatch(guildId, GatewayDispatchEvents.MessageCreate, echoed)
  }

  private interactionBase(user: APIUser, options: { dm?: boolean; channelId?: string; createdAt?: number; permissions?: string; roles?: string[] }) {
    this.users.set(user.id, user)
    const channel: InteractionChannel = options.dm
      ? { id: this.dmChannelId(user), type: ChannelType.DM }
      : { id: options.channelId ?? this.channel.id, type: ChannelType.GuildText }
    const guildId = options.dm ? null : this.guildId
    return { applicationId: this.applicationId, guildId, channel, user, createdAt: options.createdAt, permissions: options.permissions, roles: options.roles }
  }

  private dispatchInteraction(interaction: APIInteraction): APIInteraction {
    const messageId = 'message' in interaction && interaction.message ? interaction.message.id : null
    this.interactions.set(interaction.token, { channelId: interaction.channel?.id ?? this.channel.id, messageId })
    this.gateway.dispatch(interaction.guild_id ?? null, GatewayDispatchEvents.InteractionCreate, interaction)
    return interaction
  }

  /**
   * A user runs `/name option:value …` (`createdAt`: when, if it should arrive as if delayed on the way;
   * `permissions`: the member's, as a bit field, when not all of them; `roles`: the member's role ids; a file
   * from `upload()` as an option's value is an attachment).
   */
  slashCommand(
    user: APIUser,
    name: string,
    options: StringOptions = {},
    where: CommandWhere = {},
  ): APIInteraction {
    return this.dispatchInteraction(makeSlashCommand(this.interactionBase(user, where), name, this.commandId(name), options))
  }

  /** A user types into the `focused` option of `/name`. */
  autocomplete(user: APIUser, name: string, options: StringOptions, focused: string): APIInteraction {
    const base = this.interactionBase(user, {})
    return this.dispatchInteraction(makeAutocomplete(base, name, this.commandId(name), options, focused))
  }

  /** A user clicks the button `customId` on a message the bot sent. */
  clickButton(user: APIUser, message: APIMessage, customId: string): APIInteraction {
    const base = this.interactionBase(user, { channelId: message.channel_id })
    return this.dispatchInteraction(makeButtonClick(base, message, customId))
  }
}
