// The gateway half of the Discord stand-in: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME →
// replay + RESUMED, dispatches to the session of the shard that owns a guild, and ways to break the connection.
import type { WebSocket, WebSocketServer } from 'ws'
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord.js'
import type { APIUser, ApplicationFlags, GatewayGuildCreateDispatchData, GatewayReadyDispatchData } from 'discord.js'
import { snowflake } from './discordStandinPayloads.js'

/** What the gateway needs to know about the stand-in's world. */
export interface GatewayWorld {
  token: string
  bot: APIUser
  applicationId: string
  guildId: string
  gatewayUrl: () => string
  guild: () => GatewayGuildCreateDispatchData
  /** Close every IDENTIFY with 4004, as Discord does for a revoked token. */
  rejectIdentify: boolean
  /** Close an IDENTIFY asking for the Message Content intent with 4014, as Discord does when it is not enabled. */
  refuseMessageContent: boolean
}

interface Session {
  id: string
  shard: [number, number]
  intents: number
  seq: number
  /** Every dispatch of the session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[]
  socket: WebSocket | null
}

export class StandinGateway {
  /** Every opcode the client sent, in order (IDENTIFY entries carry their shard). */
  readonly log: { op: number; at: number; shard?: [number, number] }[] = []
  private readonly sessions = new Map<string, Session>()
  private readonly sockets = new Set<WebSocket>()

  constructor(private readonly world: GatewayWorld) {}

  listen(wss: WebSocketServer): void {
    wss.on('connection', (socket) => this.onSocket(socket))
  }

  /** Intents the bot identified with (latest session). */
  get intents(): number {
    return [...this.sessions.values()].at(-1)?.intents ?? 0
  }

  get hasSession(): boolean {
    return this.sessions.size > 0
  }

  /** Sends an event to the session of the shard that owns `guildId` (DMs: shard 0); queued while it is away. */
  dispatch(guildId: string | null, t: string, d: unknown): void {
    this.send(this.sessionFor(guildId), t, d)
  }

  /** Intents of the session that receives events for `guildId`. */
  intentsFor(guildId: string | null): number {
    return this.sessionFor(guildId).intents
  }

  /** The connection drops without a close frame (the client sees 1006 and resumes). */
  drop(): void {
    for (const socket of this.sockets) socket.terminate()
  }

  close(code: number, reason: string): void {
    for (const socket of this.sockets) socket.close(code, reason)
  }

  private onSocket(socket: WebSocket): void {
    this.sockets.add(socket)
    socket.on('close', () => {
      this.sockets.delete(socket)
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = null
    })
    socket.on('message', (data) => this.onMessage(socket, JSON.parse(String(data)) as { op: number; d: never }))
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 }, s: null, t: null }))
  }

  private onMessage(socket: WebSocket, payload: { op: number; d: never }): void {
    this.log.push({ op: payload.op, at: Date.now() })
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }))
        return
      case GatewayOpcodes.Identify:
        this.onIdentify(socket, payload.d)
        return
      case GatewayOpcodes.Resume:
        this.onResume(socket, payload.d)
        return
      default:
        return
    }
  }

  private onIdentify(socket: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    if (this.world.rejectIdentify || d.token !== this.world.token) {
      socket.close(4004, 'Authentication failed.')
      return
    }
    if (this.world.refuseMessageContent && (d.intents & GatewayIntentBits.MessageContent) !== 0) {
      socket.close(4014, 'Disallowed intent(s).')
      return
    }
    const shard = d.shard ?? [0, 1]
    this.log[this.log.length - 1]!.shard = shard
    const session: Session = { id: snowflake(), shard, intents: d.intents, seq: 0, sent: [], socket }
    this.sessions.set(session.id, session)
    const ownsGuild = shardOf(this.world.guildId, shard[1]) === shard[0]
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.world.bot,
      guilds: ownsGuild ? [{ id: this.world.guildId, unavailable: true }] : [],
      session_id: session.id,
      resume_gateway_url: this.world.gatewayUrl(),
      shard,
      application: { id: this.world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    }
    this.send(session, GatewayDispatchEvents.Ready, ready)
    if (ownsGuild) this.send(session, GatewayDispatchEvents.GuildCreate, this.world.guild())
  }

  private onResume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    const session = this.sessions.get(d.session_id)
    if (!session || d.token !== this.world.token) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }))
      return
    }
    session.socket = socket
    // Replay what the client missed while it was away, then confirm, as Discord does.
    for (const event of session.sent) if (event.s > d.seq) this.write(session, event)
    this.send(session, GatewayDispatchEvents.Resumed, {})
  }

  /** The session that receives events for a guild (or DMs: shard 0), latest first. */
  private sessionFor(guildId: string | null): Session {
    const sessions = [...this.sessions.values()].reverse()
    const session = sessions.find((s) => (guildId ? shardOf(guildId, s.shard[1]) : 0) === s.shard[0])
    if (!session) throw new Error('stand-in: no gateway session has identified yet')
    return session
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1
    const event = { s: session.seq, t, d }
    session.sent.push(event)
    // While the client is away the event waits in `sent` and is replayed on RESUME.
    this.write(session, event)
  }

  private write(session: Session, event: { s: number; t: string; d: unknown }): void {
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...event }))
  }
}

/** Discord's shard formula: (guild_id >> 22) % shard_count. */
function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount))
}
