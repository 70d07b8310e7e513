// What people see when they ask: mentions, DMs, /ask, follow-ups, declines, "More sources", and no pings ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { APIMessage } from 'discord.js'
import type { Engine } from '../../src/engine.js'
import { Patience } from '../../src/discord/context.js'
import { DECLINE_MESSAGES } from '../../src/format/text.js'
import type { Chunk } from '../../src/types.js'
import { makeUser } from '../support/discordStandin.js'
import {
  body,
  buttons,
  callbackOf,
  embedText,
  interactionReply,
  newUser,
  plain,
  replyOf,
  repliesOf,
  seedsEngine,
  startHarness,
  waitForLog,
} from './harness.js'
import type { Harness, SentBody } from './harness.js'

let h: Harness
let engine: Engine
let hanZheng: Chunk

beforeAll(async () => {
  h = await startHarness()
  engine = await seedsEngine()
  hanZheng = engine.chunks.find((c) => c.text.includes('sending Vice President Han Zheng'))!
})

afterAll(async () => {
  await h?.close()
})

const DECLINE = DECLINE_MESSAGES.not_found
/**
 * "and when was that?" after "who did Xi send?": the passage that announced the send ("Chinese authorities also
 * announced today that Vice President Han Zheng … will be attending") comes first, claimed or not; without the
 * previous exchange the same words have nothing to search for.
 */
function expectFollowUpReply(reply: SentBody): void {
  const description = reply.embeds![0]!.description!
  expect(description).not.toBe(DECLINE)
  expect(description).not.toBe(DECLINE_MESSAGES.no_terms)
  expect(plain(embedText(reply))).toContain('Han Zheng')
}

describe('a mention', () => {
  it('gets a reply quoting the Han Zheng passage, with its source', async () => {
    const question = h.standin.userSays(newUser(), 'who did Xi send?')
    const reply = body(await replyOf(h.standin, question))
    const embed = reply.embeds![0]!
    expect(embed.description).toMatch(/^\*\*Vice President Han Zheng\*\*/)
    const text = plain(embedText(reply))
    expect(text).toContain('> Chinese President Xi Jinping will not attend')
    expect(text).toContain('he is sending Vice President Han Zheng as his special representative')
    expect(text).toContain(`${hanZheng.file}\` ¶ ${hanZheng.paragraph}`)
    expect(text).toContain('2025-01-17')
    expect(reply.message_reference?.message_id).toBe(question.id)
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })
  })

  it('shows the typing indicator before the answer when answers have been slow', async () => {
    const { context } = h.bot
    const usual = context.patience
    context.patience = new Patience(0) // every answer counts as slow
    const question = h.standin.userSays(newUser(), 'who is Xi Jinping?')
    const reply = await replyOf(h.standin, question)
    context.patience = usual
    const typing = h.standin.calls.findIndex((c) => c.method === 'POST' && c.path === `/channels/${question.channel_id}/typing`)
    expect(typing).toBeGreaterThanOrEqual(0)
    expect(typing).toBeLessThan(h.standin.calls.indexOf(reply))
  })

  it('with no question gets the help', async () => {
    const question = h.standin.userSays(newUser(), '   ')
    const text = plain(embedText(body(await replyOf(h.standin, question))))
    expect(text).toContain('Ask the news')
    expect(text).toContain('/ask')
  })

  it('of something the articles are not about gets the friendly decline, with no passages', async () => {
    const asked = 'What is the capital of Peru?'
    expect(engine.ask(asked).outcome).toBe('declined')
    const reply = body(await replyOf(h.standin, h.standin.userSays(newUser(), asked)))
    const embed = reply.embeds![0]!
    expect(embed.description).toBe(DECLINE)
    expect(embed.fields ?? []).toEqual([])
    // A decline can be rated (a 👎 there is an answer the articles may hold after all), and that is all.
    expect(buttons(reply).map((b) => b.label)).toEqual(['👍', '👎'])
  })
})

describe('a direct message', () => {
  it('is answered without a mention, once (the bot ignores its own message)', async () => {
    const user = newUser()
    const question = h.standin.userSays(user, 'who did Xi send?', { dm: true })
    const reply = await replyOf(h.standin, question)
    expect(reply.path).toBe(`/channels/${h.standin.dmChannelId(user)}/messages`)
    expect(plain(embedText(body(reply)))).toContain('Vice President Han Zheng')
    // The stand-in echoes the bot's answer into the DM, as Discord does; answering it would loop.
    const sentinel = await replyOf(h.standin, h.standin.userSays(user, 'who is Xi Jinping?', { dm: true }))
    const posts = h.standin.calls.filter((c) => c.path === reply.path && c.method === 'POST' && c.at <= sentinel.at)
    expect(posts).toHaveLength(2)
  })
})

describe('/ask', () => {
  it('answers with an embed holding the short answer and the passage', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' })
    const reply = await interactionReply(h.standin, interaction)
    expect(reply.embeds![0]!.description).toMatch(/^\*\*Vice President Han Zheng\*\*/)
    expect(plain(embedText(reply))).toContain(`${hanZheng.file}\` ¶ ${hanZheng.paragraph}`)
    expect((reply.flags ?? 0) & 64).toBe(0)
    expect(reply.allowed_mentions?.parse).toEqual([])
  })

  it('defers first when the interaction already waited on its way (Discord wants an acknowledgement within 3 s)', async () => {
    const late = h.standin.slashCommand(newUser(), 'ask', { question: 'who is Xi Jinping?' }, { createdAt: Date.now() - 2000 })
    const callback = await callbackOf(h.standin, late)
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } })
    const reply = await interactionReply(h.standin, late)
    expect(reply.embeds![0]!.title).toBe('who is Xi Jinping?')
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })
  })

  it('answers privately (ephemeral) when asked to', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'ask', { question: 'who did Xi send?', private: true })
    const reply = await interactionReply(h.standin, interaction)
    expect((reply.flags ?? 0) & 64).toBe(64)
    expect(plain(embedText(reply))).toContain('Vice President Han Zheng')
  })
})

describe('a question about the story that no passage answers for sure', () => {
  it('gets the closest passages, said to be such, without a bold answer, with More sources and 👍 / 👎', async () => {
    const asked = 'what did trump and xi discuss on the phone'
    const expected = engine.ask(asked, { k: 11 })
    expect(expected.outcome).toBe('passages')
    const reply = body(await replyOf(h.standin, h.standin.userSays(newUser(), asked)))
    const embed = reply.embeds![0]!
    expect(embed.description).toBe(DECLINE_MESSAGES.weak_evidence)
    expect(embed.description).not.toContain('**')
    expect(embed.fields!.map((f) => f.name)).toEqual(['Closest passage', 'Closest passage', 'Closest passage'])
    expect(embed.fields![0]!.value).toContain(expected.citations[0]!.chunk.file)
    expect(buttons(reply).map((b) => b.label)).toEqual(['More sources', '👍', '👎'])
  })
})

describe('a follow-up', () => {
  it('leans on the previous question when it replies to the answer', async () => {
    const user = newUser()
    const first = await replyOf(h.standin, h.standin.userSays(user, 'who did Xi send?'))
    const answerMessage = first.response as APIMessage
    const followUp = h.standin.userSays(user, 'and when was that?', { replyTo: answerMessage, mentionBot: false })
    const reply = body(await replyOf(h.standin, followUp))
    expectFollowUpReply(reply)
    // Not Han Zheng's Politburo years, the aside next to his name in the same sentence.
    expect(reply.embeds![0]!.description!.split('\n')[0]).not.toMatch(/2017|2022/)

    // The same words from someone with no previous question cannot be answered.
    const cold = body(await replyOf(h.standin, h.standin.userSays(newUser(), 'and when was that?')))
    expect(cold.embeds![0]!.description).toBe(DECLINE_MESSAGES.no_terms)
  })

  it('leans on the answer a thread was started on, for anyone asking in that thread', async () => {
    const first = await replyOf(h.standin, h.standin.userSays(newUser(), 'who did Xi send?'))
    const answerMessage = first.response as APIMessage
    await waitForLog(h, (l) => l.msg === 'replied' && l.reply === answerMessage.id)
    const someoneElse = newUser()
    const thread = h.standin.startThread(someoneElse, answerMessage)
    const followUp = h.standin.userSays(someoneElse, 'and when was that?', { channelId: thread })
    const reply = body(await replyOf(h.standin, followUp))
    expectFollowUpReply(reply)
  })

  it('is not taken from another channel', async () => {
    const user = newUser()
    await replyOf(h.standin, h.standin.userSays(user, 'who did Xi send?'))
    const elsewhere = h.standin.userSays(user, 'and when was that?', { dm: true })
    expect(body(await replyOf(h.standin, elsewhere)).embeds![0]!.description).toBe(DECLINE_MESSAGES.no_terms)
  })
})

describe('mentions in questions', () => {
  it('never ping: @everyone, roles and users in a question produce no mention', async () => {
    const asked = '@everyone @here <@&123456789012345678> <@123456789012345678> who did Xi send?'
    const question = h.standin.userSays(newUser(), asked)
    const reply = body(await replyOf(h.standin, question))
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })
    const title = reply.embeds![0]!.title!
    // Shown as text, defused so it neither pings nor even renders as a mention.
    expect(title).not.toMatch(/@everyone|@here|<@&?\d/)
    expect(plain(title)).toContain('@everyone @here')
  })
})

describe('bots', () => {
  it('are ignored', async () => {
    const otherBot = makeUser('SomeOtherBot', { bot: true })
    const fromBot = h.standin.userSays(otherBot, 'who did Xi send?')
    // Events are handled in order: once the next question is answered, the bot's had its chance.
    await replyOf(h.standin, h.standin.userSays(newUser(), 'who is Xi Jinping?'))
    expect(repliesOf(h.standin, fromBot)).toEqual([])
  })
})

describe('"More sources"', () => {
  it('shows the next passages privately, each with its source', async () => {
    const user = newUser()
    const first = await replyOf(h.standin, h.standin.userSays(user, 'who did Xi send?'))
    const more = buttons(body(first)).find((b) => b.label === 'More sources')!
    expect(more).toBeDefined()
    const click = h.standin.clickButton(user, first.response as APIMessage, more.custom_id)
    const page = await interactionReply(h.standin, click)
    expect((page.flags ?? 0) & 64).toBe(64)
    const embed = page.embeds![0]!
    expect(embed.title).toBe('More sources: who did Xi send?')
    expect(embed.fields!.length).toBeGreaterThan(0)
    expect(embed.fields!.length).toBeLessThanOrEqual(5)
    for (const field of embed.fields!) expect(field.value).toMatch(/\n— .*`seeds\/[^`]+` ¶ \d+$/)
  })
})

describe('this file', () => {
  it('made the bot log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})

describe('every message the bot sent in this file', () => {
  it('disabled all mentions', () => {
    const sends = h.standin.calls.filter(
      (c) => (c.method === 'POST' || c.method === 'PATCH') && /\/messages|\/callback$|^\/webhooks\//.test(c.path),
    )
    expect(sends.length).toBeGreaterThan(5)
    for (const call of sends) {
      const sent = call.path.endsWith('/callback') ? ((call.body as { data?: object }).data ?? {}) : (call.body as object)
      if ('embeds' in sent || 'content' in sent) expect((sent as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false })
    }
  })
})
