// Discord's side of the HTTP interactions endpoint, for tests and the bench: an Ed25519 key pair (the application's),
// interactions signed as Discord signs them and POSTed over real HTTP, and each response applied to the REST stand-in
// as Discord applies it (so the bot's later edits of @original and follow-ups land on a message that exists).
import { generateKeyPairSync, sign } from 'node:crypto'
import { Agent, request } from 'node:http'
import { ChannelType } from 'discord.js'
import type { APIInteraction, APIMessage, APIUser } from 'discord.js'
import type { DiscordStandin, RecordedCall } from './discordStandin.js'
import { makeAutocomplete, makeButtonClick, makeSlashCommand, snowflake } from './discordStandinPayloads.js'
import type { CommandWhere, StringOptions } from './discordStandinPayloads.js'
import { handleRest } from './discordStandinRest.js'

export interface HttpResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  /** The parsed JSON body, or null. */
  json: unknown
  /** Milliseconds from sending to the whole response. */
  ms: number
}

export interface SendOptions {
  /** Unix seconds to sign with (default now). */
  timestamp?: number
  /** A signature to send instead of the right one; null sends none. */
  signature?: string | null
  /** Body to send instead of the interaction's JSON (still signed unless `signature` says otherwise). */
  body?: string | Buffer
  headers?: Record<string, string>
}

export class EndpointDiscord {
  private readonly keys = generateKeyPairSync('ed25519')
  /** The application's public key as the Developer Portal shows it: 64 hex digits (DISCORD_PUBLIC_KEY). */
  readonly publicKey: string
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512 })

  constructor(readonly standin: DiscordStandin) {
    const jwk = this.keys.publicKey.export({ format: 'jwk' })
    this.publicKey = Buffer.from(jwk.x!, 'base64url').toString('hex')
  }

  /** The bot's environment for endpoint mode against this Discord (no token: the endpoint alone). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { DISCORD_API_URL: this.standin.apiUrl, DISCORD_PUBLIC_KEY: this.publicKey, INTERACTIONS_PORT: '0', ...extra }
  }

  /** Hex Ed25519 signature of timestamp + body, as in X-Signature-Ed25519. */
  sign(timestamp: string, body: string | Buffer): string {
    return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), this.keys.privateKey).toString('hex')
  }

  // ---- interactions, as a user makes them -----------------------------------------------------------------

  slashCommand(
    user: APIUser,
    name: string,
    options: StringOptions = {},
    where: CommandWhere = {},
  ): APIInteraction {
    return this.register(makeSlashCommand(this.base(user, where), name, snowflake(), options))
  }

  autocomplete(user: APIUser, name: string, options: StringOptions, focused: string): APIInteraction {
    return this.register(makeAutocomplete(this.base(user, {}), name, snowflake(), options, focused))
  }

  clickButton(user: APIUser, message: APIMessage, customId: string): APIInteraction {
    return this.register(makeButtonClick(this.base(user, { channelId: message.channel_id }), message, customId))
  }

  /** The message the interaction's response created or is about (in the stand-in), as a later click carries it. */
  message(interaction: APIInteraction): APIMessage {
    const id = this.standin.originals.get(interaction.token)
    const message = id ? this.standin.messages.get(id) : undefined
    if (!message) throw new Error('no message for this interaction')
    return message
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

  /** POSTs `interaction` to `url`, signed; a 200 response is applied to the stand-in as Discord would. */
  async send(url: string, interaction: APIInteraction, options: SendOptions = {}): Promise<HttpResult> {
    const body = options.body ?? JSON.stringify(interaction)
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
    const signature = options.signature === undefined ? this.sign(timestamp, body) : options.signature
    const result = await this.post(url, body, {
      'content-type': 'application/json',
      'x-signature-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-signature-ed25519': signature }),
      ...options.headers,
    })
    if (result.status === 200 && options.body === undefined) this.apply(interaction, result.json)
    return result
  }

  /** A raw HTTP request (any method, body and headers). */
  post(url: string, body: string | Buffer, headers: Record<string, string>, method = 'POST'): Promise<HttpResult> {
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = null
          try {
            json = text ? JSON.parse(text) : null
          } catch {
            json = null
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  get(url: string): Promise<HttpResult> {
    return this.post(url, '', {}, 'GET')
  }

  /**
   * Opens `count` keep-alive connections to `url` (with PINGs) and leaves them idle for the next requests, as Discord
   * and load balancers keep theirs. Without this a burst measures connection set-up: libuv accepts one new
   * connection per turn of the server's event loop.
   */
  async warm(url: string, count: number): Promise<void> {
    const ping = { id: snowflake(), type: 1, application_id: this.standin.applicationId, token: 'ping', version: 1 }
    const results = await Promise.all(Array.from({ length: count }, () => this.send(url, ping as unknown as APIInteraction)))
    if (results.some((r) => r.status !== 200)) throw new Error('warm-up PING refused')
  }

  close(): void {
    this.agent.destroy()
  }

  // ---- inside ----------------------------------------------------------------------------------------

  private base(user: APIUser, where: { dm?: boolean; channelId?: string; createdAt?: number; permissions?: string; roles?: string[] }) {
    const s = this.standin
    s.users.set(user.id, user)
    const channel = where.dm
      ? { id: s.dmChannelId(user), type: ChannelType.DM as const }
      : { id: where.channelId ?? s.channel.id, type: ChannelType.GuildText as const }
    const member = { permissions: where.permissions, roles: where.roles }
    return { applicationId: s.applicationId, guildId: where.dm ? null : s.guildId, channel, user, createdAt: where.createdAt, ...member }
  }

  private register(interaction: APIInteraction): APIInteraction {
    const messageId = 'message' in interaction && interaction.message ? interaction.message.id : null
    this.standin.interactions.set(interaction.token, { channelId: interaction.channel?.id ?? this.standin.channel.id, messageId })
    return interaction
  }

  /** What Discord does with an interaction's HTTP response: the same as with a callback posted to its REST API. */
  private apply(interaction: APIInteraction, response: unknown): void {
    if (!response || typeof response !== 'object' || (response as { type?: number }).type === 1) return
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`
    const result = handleRest(this.standin, { method: 'POST', path, query: new URLSearchParams(), authorization: null, body: response })
    const call: RecordedCall = { method: 'POST', path, query: new URLSearchParams(), body: response, status: result.status, response: result.body ?? null, at: performance.now() }
    this.standin.record(call)
  }
}
