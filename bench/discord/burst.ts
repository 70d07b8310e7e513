// One burst of concurrent /ask interactions on loopback, in each mode, timed per interaction from the moment it is
// sent: "first" is Discord's 3-second clock (the HTTP response; on the gateway, the bot's callback reaching the
// API), "shown" is when the answer is on screen (that response, or the edit of @original after a deferral).
import type { APIUser } from 'discord.js'
import type { Endpoint } from '../../src/discord/http/endpoint.js'
import type { DiscordStandin, RecordedCall } from '../../test/support/discordStandin.js'
import type { EndpointDiscord } from '../../test/support/discordEndpoint.js'
import { makeUser } from '../../test/support/discordStandinPayloads.js'

export interface Sample {
  firstMs: number
  shownMs: number
  deferred: boolean
}

export interface BurstResult {
  samples: Sample[]
  /** From the first send to the last answer shown. */
  wallMs: number
}

let users = 0
const freshUsers = (n: number): APIUser[] => Array.from({ length: n }, () => makeUser(`bench${++users}`))

/** Watches the stand-in's REST calls for each interaction token: its first response, and an edit of @original. */
function watch(standin: DiscordStandin, tokens: readonly string[]) {
  const first = new Map<string, { at: number; type: number }>()
  const edit = new Map<string, number>()
  const waiting = new Set(tokens)
  let resolve: () => void = () => undefined
  const finished = new Promise<void>((r) => (resolve = r))
  const onCall = (call: RecordedCall) => {
    const token = /^\/(?:interactions|webhooks)\/\d+\/([^/]+)/.exec(call.path)?.[1]
    if (!token || !waiting.has(token)) return
    if (call.path.endsWith('/callback')) first.set(token, { at: call.at, type: (call.body as { type: number }).type })
    else if (call.method === 'PATCH' && call.status === 200) edit.set(token, call.at)
    const response = first.get(token)
    if (response && (response.type !== 5 || edit.has(token))) {
      waiting.delete(token)
      if (waiting.size === 0) resolve()
    }
  }
  standin.on('call', onCall)
  return { first, edit, finished: finished.finally(() => standin.off('call', onCall)) }
}

/** `questions.length` /ask at once through the HTTP endpoint, over open keep-alive connections. */
export async function endpointBurst(discord: EndpointDiscord, endpoint: Endpoint, questions: readonly string[]): Promise<BurstResult> {
  const url = `http://127.0.0.1:${endpoint.port}/interactions`
  const interactions = freshUsers(questions.length).map((user, i) => discord.slashCommand(user, 'ask', { question: questions[i]! }))
  const watched = watch(discord.standin, interactions.map((x) => x.token))
  const started = performance.now()
  const sent: number[] = []
  const responses = await Promise.all(
    interactions.map((interaction) => {
      sent.push(performance.now())
      return discord.send(url, interaction)
    }),
  )
  await watched.finished
  const samples = responses.map((response, i): Sample => {
    if (response.status !== 200) throw new Error(`endpoint answered ${response.status}`)
    const deferred = (response.json as { type: number }).type === 5
    const first = sent[i]! + response.ms
    const shown = deferred ? watched.edit.get(interactions[i]!.token)! : first
    return { firstMs: first - sent[i]!, shownMs: shown - sent[i]!, deferred }
  })
  return { samples, wallMs: Math.max(...samples.map((s, i) => sent[i]! + s.shownMs)) - started }
}

/** `questions.length` /ask at once over the gateway: the stand-in dispatches them, the real discord.js client answers. */
export async function gatewayBurst(standin: DiscordStandin, questions: readonly string[]): Promise<BurstResult> {
  const sent: number[] = []
  const started = performance.now()
  // Dispatched in one go; nothing can answer before the watch below starts (that takes I/O).
  const interactions = freshUsers(questions.length).map((user, i) => {
    sent.push(performance.now())
    return standin.slashCommand(user, 'ask', { question: questions[i]! })
  })
  const watched = watch(standin, interactions.map((x) => x.token))
  await watched.finished
  const samples = interactions.map((interaction, i): Sample => {
    const first = watched.first.get(interaction.token)!.at
    const edit = watched.edit.get(interaction.token)
    return { firstMs: first - sent[i]!, shownMs: (edit ?? first) - sent[i]!, deferred: edit !== undefined }
  })
  return { samples, wallMs: Math.max(...samples.map((s, i) => sent[i]! + s.shownMs)) - started }
}
