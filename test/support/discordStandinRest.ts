// The REST half of the Discord stand-in: routes under /api/v10, the answers Discord gives, and injected faults.
import { ChannelType, InteractionResponseType, MessageType } from 'discord.js'
import type { APIMessage, APIInteractionResponse, RESTAPIMessageReference } from 'discord.js'
import type { DiscordStandin } from './discordStandin.js'
import { snowflake } from './discordStandinPayloads.js'

export interface RestRequest {
  method: string
  /** Path after `/api/v10`. */
  path: string
  query: URLSearchParams
  authorization: string | null
  body: unknown
}

export interface RestResult {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

const json = (status: number, body?: unknown, headers?: Record<string, string>): RestResult => ({ status, body, headers })
const notFound = (what = 'Unknown'): RestResult => json(404, { message: what, code: 0 })

// Interaction callbacks and webhook calls carry their own token in the path; Discord does not ask for the bot's.
const unauthenticated = /^\/(interactions|webhooks)\//

export function handleRest(standin: DiscordStandin, req: RestRequest): RestResult {
  if (!unauthenticated.test(req.path) && req.authorization !== `Bot ${standin.token}`) {
    return json(401, { message: '401: Unauthorized', code: 0 })
  }
  const fault = standin.takeFault(req.method, req.path)
  if (fault) return faultResult(fault.status, fault.retryAfter, fault.code)
  return route(standin, req) ?? notFound()
}

function faultResult(status: number, retryAfter = 1, code?: number): RestResult {
  if (status === 429) {
    // Shape per Discord's docs: Retry-After in seconds, and the JSON body's retry_after.
    return json(
      429,
      { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      {
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfter),
      },
    )
  }
  if (status >= 500) return json(status, { message: 'Internal Server Error', code: 0 })
  const messages: Record<number, string> = {
    50013: 'Missing Permissions',
    10062: 'Unknown interaction',
    50007: 'Cannot send messages to this user',
  }
  const message = messages[code ?? 0] ?? 'Error'
  return json(status, { message, code: code ?? 0 })
}

function route(s: DiscordStandin, req: RestRequest): RestResult | null {
  const { method, path } = req
  let m: RegExpExecArray | null
  if (method === 'GET' && path === '/gateway/bot') {
    return json(200, {
      url: s.gatewayUrl,
      shards: s.options.recommendedShards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    })
  }
  if (method === 'GET' && path === '/gateway') return json(200, { url: s.gatewayUrl })
  if (method === 'GET' && path === '/users/@me') return json(200, s.bot)
  if (method === 'GET' && path === '/applications/@me') {
    return json(200, { id: s.applicationId, name: 'Newsdesk', description: '', bot: s.bot, flags: 0 })
  }
  if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
    if (m[1] !== s.applicationId) return notFound('Unknown Application')
    const commands = (req.body as { name: string }[]).map((command) => {
      const id = s.commandIds.get(command.name) ?? snowflake()
      s.commandIds.set(command.name, id)
      return { ...command, id, application_id: s.applicationId, version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }
    })
    return json(200, commands)
  }
  if (method === 'POST' && (m = /^\/channels\/(\d+)\/typing$/.exec(path))) return json(204)
  if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
    const message = createMessage(s, m[1]!, req.body)
    s.echo(message)
    return json(200, message)
  }
  if (method === 'POST' && path === '/users/@me/channels') {
    const user = s.users.get((req.body as { recipient_id: string }).recipient_id)
    if (!user) return notFound('Unknown User')
    return json(200, { id: s.dmChannelId(user), type: ChannelType.DM, recipients: [user], last_message_id: null })
  }
  if (method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
    return editMessage(s, m[2]!, req.body)
  }
  if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
    return interactionCallback(s, m[2]!, req)
  }
  if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
    return json(200, createMessage(s, channelOfToken(s, m[2]!), req.body))
  }
  if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
    const id = m[3] === '@original' ? s.originals.get(m[2]!) : m[3]
    if (!id) return notFound('Unknown Message')
    if (method === 'GET') return s.messages.has(id) ? json(200, s.messages.get(id)) : notFound('Unknown Message')
    if (method === 'PATCH') return editMessage(s, id, req.body)
    if (method === 'DELETE') return json(204)
  }
  return null
}

function channelOfToken(s: DiscordStandin, token: string): string {
  return s.interactions.get(token)?.channelId ?? s.channel.id
}


type MessageBody = Partial<Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags'>> & {
  message_reference?: RESTAPIMessageReference
}

function createMessage(s: DiscordStandin, channelId: string, body: unknown): APIMessage {
  const b = (body ?? {}) as MessageBody
  const reference = b.message_reference ?? null
  const message: APIMessage = {
    id: snowflake(),
    channel_id: channelId,
    author: s.bot,
    content: b.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: b.embeds ?? [],
    components: b.components ?? [],
    pinned: false,
    type: reference ? MessageType.Reply : MessageType.Default,
    ...(b.flags !== undefined ? { flags: b.flags } : {}),
    ...(reference?.message_id
      ? { message_reference: { message_id: reference.message_id, channel_id: channelId } }
      : {}),
  }
  s.messages.set(message.id, message)
  return message
}

function editMessage(s: DiscordStandin, id: string, body: unknown): RestResult {
  const old = s.messages.get(id)
  if (!old) return notFound('Unknown Message')
  const b = (body ?? {}) as MessageBody
  const edited: APIMessage = {
    ...old,
    ...(b.content !== undefined ? { content: b.content } : {}),
    ...(b.embeds !== undefined ? { embeds: b.embeds } : {}),
    ...(b.components !== undefined ? { components: b.components } : {}),
    edited_timestamp: new Date().toISOString(),
  }
  s.messages.set(id, edited)
  return json(200, edited)
}

function interactionCallback(s: DiscordStandin, token: string, req: RestRequest): RestResult {
  const interaction = s.interactions.get(token)
  if (!interaction) return json(404, { message: 'Unknown interaction', code: 10062 })
  // Discord takes one response per interaction; more must be follow-ups.
  if (interaction.acknowledged) return json(400, { message: 'Interaction has already been acknowledged.', code: 40060 })
  interaction.acknowledged = true
  const response = req.body as APIInteractionResponse
  const channelId = channelOfToken(s, token)
  let message: APIMessage | null = null
  switch (response.type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      // A deferred reply shows "thinking…" until the bot edits @original.
      message = createMessage(s, channelId, 'data' in response ? response.data : {})
      s.originals.set(token, message.id)
      break
    }
    case InteractionResponseType.UpdateMessage:
    case InteractionResponseType.DeferredMessageUpdate: {
      // A button's update edits the message the button sits on; for a click, that message is also @original.
      const target = s.interactions.get(token)?.messageId
      if (target) s.originals.set(token, target)
      if (target && response.type === InteractionResponseType.UpdateMessage) editMessage(s, target, response.data)
      break
    }
    default:
      break
  }
  if (req.query.get('with_response') !== 'true') return json(204)
  return json(200, {
    interaction: { id: snowflake(), type: 2, response_message_id: message?.id, response_message_loading: false },
    resource: message ? { type: response.type, message } : { type: response.type },
  })
}
