// The interactions endpoint as an HTTP server: POST {path} for Discord, GET /healthz for a load balancer. Each
// request is checked before anything reads it as JSON: content type, size, Ed25519 signature, then the timestamp.
// A refused request is logged with why, never with its body.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { KeyObject } from 'node:crypto'
import { InteractionResponseType, InteractionType } from 'discord.js'
import type { APIInteraction } from 'discord.js'
import type { Logger } from '../../logger.js'
import { InFlight } from '../inflight.js'
import { sendJson } from './respondHttp.js'
import { isFresh, verifySignature } from './verify.js'

/** Largest body accepted. Interactions are a few kilobytes; a button's carries its message, still well under this. */
export const MAX_BODY_BYTES = 256 * 1024

/** What serves verified interactions once the articles are loaded. */
export interface InteractionHandler {
  /**
   * Answers `res` with the first response; resolves when everything the interaction started is done. `receivedAt`:
   * when the request arrived (performance.now()), which Discord's 3 seconds count from.
   */
  run(payload: APIInteraction, res: ServerResponse, receivedAt: number): Promise<void>
  /** For /healthz. */
  describe(): Record<string, unknown>
}

export interface ServerOptions {
  /** Where Discord posts, e.g. `/interactions`. */
  path: string
  publicKey: KeyObject
  logger: Logger
}

type State = 'starting' | 'ready' | 'stopping'

/** Interactions the endpoint serves; PING is answered by the server itself, other types get 400. */
const SERVED: ReadonlySet<number> = new Set([
  InteractionType.ApplicationCommand,
  InteractionType.MessageComponent,
  InteractionType.ApplicationCommandAutocomplete,
])

export class InteractionsServer {
  private readonly server: Server
  private readonly inflight = new InFlight()
  private state: State = 'starting'
  private handler: InteractionHandler | null = null

  constructor(private readonly options: ServerOptions) {
    this.server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000 }, (req, res) => this.onRequest(req, res))
  }

  /** Starts listening; POSTs get 503 (and /healthz says "starting") until `ready()`. */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    return (this.server.address() as AddressInfo).port
  }

  ready(handler: InteractionHandler): void {
    this.handler = handler
    this.state = 'ready'
  }

  /** Requests being served (their follow-up REST calls included). */
  get pending(): number {
    return this.inflight.size
  }

  /**
   * Graceful stop: no new connections, 503 for new requests on open ones (and /healthz, so a load balancer moves
   * on), the requests in flight finish (for up to `graceMs`), then every connection closes. Resolves true when
   * everything finished in time.
   */
  async close(graceMs: number): Promise<boolean> {
    this.state = 'stopping'
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    const finished = await this.inflight.drain(graceMs)
    this.server.closeAllConnections()
    await closed
    return finished
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return this.health(res)
    if (path !== this.options.path) return sendJson(res, 404, { error: 'not found' })
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' }, { allow: 'POST' })
    if (this.state !== 'ready') {
      return sendJson(res, 503, { error: this.state === 'starting' ? 'starting' : 'shutting down' }, { connection: 'close' })
    }
    this.inflight.track(this.serve(req, res, performance.now()))
  }

  private health(res: ServerResponse): void {
    const ready = this.state === 'ready' && this.handler !== null
    sendJson(res, ready ? 200 : 503, { status: this.state, ...(ready ? this.handler!.describe() : {}) })
  }

  private async serve(req: IncomingMessage, res: ServerResponse, receivedAt: number): Promise<void> {
    // A client that goes away mid-body is not an error of ours (and an unheard 'error' event would be fatal).
    req.on('error', () => undefined)
    const refuse = (status: number, reason: string, extra: Record<string, unknown> = {}) => {
      this.options.logger.warn({ status, reason, remote: req.socket.remoteAddress, ...extra }, `interactions: refused (${reason})`)
      // The body may be unread: close the connection rather than read it to the end.
      sendJson(res, status, { error: reason }, { connection: 'close' })
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json') return refuse(415, 'content type must be application/json')
    const signature = req.headers['x-signature-ed25519']
    const timestamp = req.headers['x-signature-timestamp']
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return refuse(401, 'missing signature')
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) return refuse(413, 'body too large', { bytes: declared })
    const body = await readBody(req, MAX_BODY_BYTES)
    if (body === 'too large') return refuse(413, 'body too large')
    if (body === 'aborted') return
    if (!verifySignature(this.options.publicKey, timestamp, body, signature)) return refuse(401, 'bad signature', { bytes: body.length })
    if (!isFresh(timestamp)) return refuse(401, 'stale timestamp', { timestamp })

    let payload: APIInteraction
    try {
      payload = JSON.parse(body.toString('utf8')) as APIInteraction
    } catch {
      return refuse(400, 'malformed JSON')
    }
    if (typeof payload !== 'object' || payload === null || typeof payload.type !== 'number') return refuse(400, 'not an interaction')
    if (payload.type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong })
    if (!SERVED.has(payload.type)) return refuse(400, `unknown interaction type ${payload.type}`)
    if (typeof payload.id !== 'string' || typeof payload.token !== 'string') return refuse(400, 'not an interaction')
    try {
      await this.handler!.run(payload, res, receivedAt)
    } catch (error) {
      this.options.logger.error({ err: error, interaction: payload.id }, 'interactions: handler failed')
      sendJson(res, 500, { error: 'internal error' })
    }
  }
}

/** The request body, or why not: over `limit` bytes (reading stops there), or the client went away. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (result: Buffer | 'too large' | 'aborted') => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        done('too large')
      } else chunks.push(chunk)
    }
    const onEnd = () => done(Buffer.concat(chunks))
    const onError = () => done('aborted')
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}
