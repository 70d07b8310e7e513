// Failure and load: rate limits, server errors, refused permissions, a dropped gateway, cooldowns, and a burst of
// 200 questions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js'
import { FAKE_TOKEN } from '../support/discordStandin.js'
import { body, embedText, interactionReply, newUser, plain, replyOf, repliesOf, startHarness, waitForLog } from './harness.js'
import type { Harness } from './harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_QUESTIONS: '2', COOLDOWN_SECONDS: '60' } })
})
afterAll(async () => {
  await h?.close()
})

const channelPost = /^\/channels\/\d+\/messages$/

describe('a 429 with Retry-After', () => {
  it('is waited out, and the reply still arrives once', async () => {
    h.standin.failNext({ method: 'POST', path: channelPost, status: 429, retryAfter: 0.3 })
    const question = h.standin.userSays(newUser(), 'who did Xi send?')
    const reply = await replyOf(h.standin, question)
    expect(plain(embedText(body(reply)))).toContain('Han')
    expect(repliesOf(h.standin, question).map((c) => c.status)).toEqual([429, 200])
  })
})

describe('a REST 500 on one reply', () => {
  it('is apologised for, and does not stop the next reply', async () => {
    // discord.js retries a 5xx three times; fail all four attempts.
    h.standin.failNext({ method: 'POST', path: channelPost, status: 500, times: 4 })
    const first = h.standin.userSays(newUser(), 'who did Xi send?')
    const apology = await replyOf(h.standin, first)
    expect(plain(embedText(body(apology)))).toContain('Sorry, something went wrong')
    expect(repliesOf(h.standin, first).map((c) => c.status)).toEqual([500, 500, 500, 500, 200])
    const failure = h.logs.find((l) => l.msg === 'reply failed (server_error)')
    expect(failure).toMatchObject({ status: 500, message: first.id, channel: h.standin.channel.id })

    const next = h.standin.userSays(newUser(), 'who did Xi send?')
    expect(plain(embedText(body(await replyOf(h.standin, next))))).toContain('Han')
  })
})

describe('missing permissions (50013) in a channel', () => {
  it('are logged, and the asker gets the apology by direct message', async () => {
    h.standin.failNext({ method: 'POST', path: channelPost, status: 403, code: 50013 })
    const user = newUser()
    h.standin.userSays(user, 'who did Xi send?')
    const dm = await h.standin.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${h.standin.dmChannelId(user)}/messages`)
    expect(plain(embedText(body(dm)))).toContain("I'm missing permissions in that channel")
    expect(h.logs.some((l) => l.msg === 'reply failed (missing_permissions)' && l.code === 50013)).toBe(true)
  })
})

describe('an interaction that expired before the bot answered (10062)', () => {
  it('is logged without an apology attempt, and the next command works', async () => {
    h.standin.failNext({ method: 'POST', path: /\/callback$/, status: 404, code: 10062 })
    const expired = h.standin.slashCommand(newUser(), 'sources')
    await waitForLog(h, (l) => l.msg === 'reply failed (unknown_interaction)' && l.interaction === expired.id)
    expect(h.standin.calls.filter((c) => c.path.includes(expired.token))).toHaveLength(1)
    const next = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'sources'))
    expect(next.embeds![0]!.title).toMatch(/^Articles/)
  })
})

describe('a closed DM (50007)', () => {
  it('is logged, and the bot carries on', async () => {
    const user = newUser()
    h.standin.failNext({ method: 'POST', path: new RegExp(`^/channels/${h.standin.dmChannelId(user)}/messages$`), status: 403, code: 50007 })
    const question = h.standin.userSays(user, 'who did Xi send?', { dm: true })
    await waitForLog(h, (l) => l.msg === 'reply failed (dm_closed)' && l.message === question.id)
    expect(repliesOf(h.standin, question).map((c) => c.status)).toEqual([403])
    const next = h.standin.userSays(user, 'who is Xi Jinping?', { dm: true })
    expect((await replyOf(h.standin, next)).status).toBe(200)
  })
})

describe('the gateway connection dropping', () => {
  it('leads to a resume (not a new session), the missed question is replayed, and the bot keeps answering', async () => {
    const identifies = h.standin.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify).length
    const resumed = new Promise<void>((resolve) => h.bot.client.once('shardResume', () => resolve()))
    h.standin.dropGateway()
    // Asked while the bot is away: Discord replays it on RESUME.
    const missed = h.standin.userSays(newUser(), 'who did Xi send?')
    await resumed
    expect(plain(embedText(body(await replyOf(h.standin, missed))))).toContain('Han')
    const after = h.standin.userSays(newUser(), 'who is Xi Jinping?')
    expect((await replyOf(h.standin, after)).status).toBe(200)
    expect(h.standin.gatewayLog.filter((e) => e.op === GatewayOpcodes.Resume)).toHaveLength(1)
    expect(h.standin.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify)).toHaveLength(identifies)
    expect(repliesOf(h.standin, missed).filter((c) => c.status === 200)).toHaveLength(1)
  })
})

describe('the cooldown (2 questions per 60 s here)', () => {
  it('answers up to the limit, then says so once, not for every message', async () => {
    const user = newUser()
    const questions = Array.from({ length: 5 }, () => h.standin.userSays(user, 'who did Xi send?'))
    // Handled in order: once someone else's later question is answered, all five have been handled.
    await replyOf(h.standin, h.standin.userSays(newUser(), 'who is Xi Jinping?'))
    const replies = questions.map((q) => repliesOf(h.standin, q).map((c) => plain(embedText(body(c)))))
    expect(replies[0]![0]).toContain('Han')
    expect(replies[1]![0]).toContain('Han')
    expect(replies[2]![0]).toContain('up to 2 questions every 60 seconds')
    expect(replies.slice(3)).toEqual([[], []])
  })

  it('answers /ask past the limit with an ephemeral notice', async () => {
    const user = newUser()
    for (let i = 0; i < 2; i++) await interactionReply(h.standin, h.standin.slashCommand(user, 'ask', { question: 'who did Xi send?' }))
    const notice = await interactionReply(h.standin, h.standin.slashCommand(user, 'ask', { question: 'who did Xi send?' }))
    expect(notice.flags! & 64).toBe(64)
    expect(plain(embedText(notice))).toContain('Please try again in')
  })
})

describe('200 questions at once', () => {
  it('are all answered, none twice', async () => {
    const since = h.standin.calls.length
    const asked = new Map<string, number>()
    const questions = Array.from({ length: 200 }, (_, i) => {
      const question = h.standin.userSays(newUser(), i % 2 ? 'who did Xi send?' : 'who is Xi Jinping?')
      asked.set(question.id, performance.now())
      return question
    })
    const replies = await Promise.all(questions.map((q) => replyOf(h.standin, q, 60_000)))
    const posts = h.standin.callsSince(since, (c) => c.method === 'POST' && channelPost.test(c.path))
    const referenced = posts.map((c) => body(c).message_reference?.message_id)
    expect(posts).toHaveLength(200)
    expect(new Set(referenced).size).toBe(200)
    for (const reply of replies) expect(body(reply).embeds![0]!.description).toMatch(/\S/)

    const latencies = replies.map((r) => r.at - asked.get(body(r).message_reference!.message_id!)!)
    report('200 mentions at once (replies paced by discord.js to Discord\'s 50 requests/s global limit)', latencies)
  })

  it('as /ask (interaction responses are exempt from the global limit) are all answered, none twice', async () => {
    const since = h.standin.calls.length
    const started = performance.now()
    const interactions = Array.from({ length: 200 }, (_, i) =>
      h.standin.slashCommand(newUser(), 'ask', { question: i % 2 ? 'who did Xi send?' : 'who is Xi Jinping?' }),
    )
    const replies = await Promise.all(interactions.map((i) => interactionReply(h.standin, i)))
    for (const reply of replies) expect(reply.embeds![0]!.description).toMatch(/\S/)
    const callbacks = h.standin.callsSince(since, (c) => c.path.endsWith('/callback'))
    expect(callbacks).toHaveLength(200)
    expect(new Set(callbacks.map((c) => c.path)).size).toBe(200)
    // A deferred answer counts when its edit lands.
    const done = interactions.map((i) => {
      const last = h.standin.calls.findLast((c) => c.path.includes(i.token) && c.status < 300)!
      return last.at - started
    })
    const deferred = callbacks.filter((c) => (c.body as { type: number }).type === 5).length
    report(`200 /ask at once (${deferred} deferred, the rest answered directly)`, done)
  })
})

function report(what: string, latencies: number[]): void {
  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
  console.log(`${what}, loopback question→reply: p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`)
}

describe('the logs', () => {
  it('never hold the token', () => {
    expect(h.logText().length).toBeGreaterThan(0)
    expect(h.logText()).not.toContain(FAKE_TOKEN)
  })
})

describe('question channels (ASK_CHANNELS)', () => {
  let asking: Harness
  beforeAll(async () => {
    asking = await startHarness({ env: (s) => ({ ASK_CHANNELS: s.askChannel.id }) })
  })
  afterAll(async () => {
    await asking?.close()
  })

  it('request the Message Content intent only when set', () => {
    expect(h.standin.intents & GatewayIntentBits.MessageContent).toBe(0)
    expect(asking.standin.intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent)
    expect(asking.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('Discord: ready'))).toMatchObject({ messageContent: true })
  })

  it('answer every message there, without a mention; other channels still need one', async () => {
    const { standin } = asking
    const inAskChannel = standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false, channelId: standin.askChannel.id })
    expect(plain(embedText(body(await replyOf(standin, inAskChannel))))).toContain('Han')
    const elsewhere = standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false })
    // A later mention in the same channel (one channel's replies go out in order) is answered: by then, so would it be.
    await replyOf(standin, standin.userSays(newUser(), 'who is Xi Jinping?'))
    expect(repliesOf(standin, elsewhere)).toEqual([])
  })
})
