// Which messages the bot answers, and what it says to them: each rule on a message where it decides the outcome, end
// to end with the real discord.js client against the stand-in (ASK_CHANNELS set, so content is visible and the rules
// are what decide; 2 questions per 60 s, so that the cooldown is quick to reach).
import { Events, MessageType } from 'discord.js'
import type { APIMessage, Message } from 'discord.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Patience } from '../../src/discord/context.js'
import { DECLINE_MESSAGES } from '../../src/format/text.js'
import { makeUser } from '../support/discordStandin.js'
import type { RecordedCall } from '../support/discordStandin.js'
import { body, embedText, newUser, plain, replyOf, repliesOf, startHarness, waitForLog } from './harness.js'
import type { Harness } from './harness.js'

/** A role of the guild other than the bot's. */
const OTHER_ROLE = '223456789012345678'

let h: Harness
beforeAll(async () => {
  h = await startHarness({
    env: (s) => ({ ASK_CHANNELS: s.askChannel.id, COOLDOWN_QUESTIONS: '2', COOLDOWN_SECONDS: '60' }),
    standin: { roles: [OTHER_ROLE] },
  })
})
afterAll(async () => {
  await h?.close()
})

/**
 * Expects no reply to `ignored`, once a later question in the same channel (a mention, answered anywhere) has its
 * answer: events are handled in order and one channel's replies go out in order, so a reply to `ignored` would be
 * out first. (Another channel's replies go out on their own, possibly sooner.)
 */
async function expectNoReply(ignored: APIMessage): Promise<void> {
  const { standin } = h
  await replyOf(standin, standin.userSays(newUser(), 'who is Xi Jinping?', { channelId: ignored.channel_id }))
  expect(repliesOf(standin, ignored)).toEqual([])
}

/** What a user reads in the reply. */
const textOf = (call: RecordedCall) => plain(embedText(body(call)))
const titleOf = (call: RecordedCall) => plain(body(call).embeds?.[0]?.title ?? '')

/** A follow-up ("and when was that?" after "who did Xi send?") that leaned on the previous question. */
function expectFollowUp(call: RecordedCall): void {
  expect(body(call).embeds![0]!.description).not.toBe(DECLINE_MESSAGES.no_terms)
  expect(textOf(call)).toContain('Han Zheng')
}

describe('the message router', () => {
  it('ignores a webhook\'s message, even one that mentions the bot in a question channel', async () => {
    const { standin } = h
    await expectNoReply(standin.userSays(newUser(), 'who did Xi send?', { channelId: standin.askChannel.id, webhookId: '123456789012345678' }))
  })

  it('ignores a system message (a member joined) in a question channel', async () => {
    const { standin } = h
    await expectNoReply(standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false, channelId: standin.askChannel.id, type: MessageType.UserJoin }))
  })

  it('ignores other bots, even when they mention it in a question channel', async () => {
    const { standin } = h
    await expectNoReply(standin.userSays(makeUser('SomeOtherBot', { bot: true }), 'who did Xi send?', { channelId: standin.askChannel.id }))
  })

  it('ignores a message that mentions no one outside the question channels', async () => {
    await expectNoReply(h.standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false }))
  })

  it('answers a mention of the bot\'s role, outside the question channels', async () => {
    const { standin } = h
    const question = standin.userSays(newUser(), 'who did Xi send?', { mentionBotRole: true })
    const reply = await replyOf(standin, question)
    expect(textOf(reply)).toContain('Han Zheng')
    // The role mention is not part of the question.
    expect(titleOf(reply)).toBe('who did Xi send?')
  })

  it('ignores a mention of another role outside the question channels', async () => {
    await expectNoReply(h.standin.userSays(newUser(), `<@&${OTHER_ROLE}> who did Xi send?`, { mentionBot: false, mentionRoles: [OTHER_ROLE] }))
  })

  it('keeps the mentions of others in the question, as the names people saw', async () => {
    const { standin } = h
    const asked = `who did Xi send? <@&${OTHER_ROLE}> <@&323456789012345678>`
    const question = standin.userSays(newUser(), asked, { mentionBot: false, channelId: standin.askChannel.id, mentionRoles: [OTHER_ROLE] })
    // A role the guild does not have stays as typed (shown as text: it pings no one).
    expect(titleOf(await replyOf(standin, question))).toBe('who did Xi send? @role 1 <@&323456789012345678>')
  })

  it('leaves every mention of the bot out of the question, in either form', async () => {
    const { standin } = h
    const question = standin.userSays(newUser(), `who did <@!${standin.bot.id}> Xi send? <@${standin.bot.id}>`)
    expect(titleOf(await replyOf(standin, question))).toBe('who did Xi send?')
  })

  it('answers a direct message without a mention', async () => {
    const { standin } = h
    const user = newUser()
    const reply = await replyOf(standin, standin.userSays(user, 'who did Xi send?', { dm: true }))
    expect(reply.path).toBe(`/channels/${standin.dmChannelId(user)}/messages`)
    expect(textOf(reply)).toContain('Han Zheng')
  })

  it('answers in a thread under a question channel without a mention', async () => {
    const { standin } = h
    const someone = newUser()
    const starter = standin.userSays(someone, 'a thread about the inauguration', { mentionBot: false, channelId: standin.askChannel.id })
    await replyOf(standin, starter)
    const thread = standin.startThread(someone, starter)
    const question = standin.userSays(someone, 'who did Xi send?', { mentionBot: false, channelId: thread })
    expect(textOf(await replyOf(standin, question))).toContain('Han Zheng')
  })

  it('ignores a message without a mention in a thread elsewhere that is not on one of its answers', async () => {
    const { standin } = h
    const someone = newUser()
    const thread = standin.startThread(someone, standin.userSays(someone, 'a thread about the inauguration', { mentionBot: false }))
    await expectNoReply(standin.userSays(someone, 'who did Xi send?', { mentionBot: false, channelId: thread }))
  })

  it('answers without a mention in a thread the bot owns', async () => {
    const { standin } = h
    const thread = standin.startThread(standin.bot, standin.userSays(newUser(), 'a thread about the inauguration', { mentionBot: false }))
    const question = standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false, channelId: thread })
    expect(textOf(await replyOf(standin, question))).toContain('Han Zheng')
  })

  it('answers anyone in a thread started on its answer, leaning on that answer', async () => {
    const { standin } = h
    const asker = newUser()
    const question = standin.userSays(asker, 'who did Xi send?')
    const answerMessage = (await replyOf(standin, question)).response as APIMessage
    // Logged once handled, with where it was asked.
    expect(await waitForLog(h, (l) => l.msg === 'replied' && l.reply === answerMessage.id)).toMatchObject({
      user: asker.id,
      channel: standin.channel.id,
      guild: standin.guildId,
      message: question.id,
    })
    const someoneElse = newUser()
    const thread = standin.startThread(someoneElse, answerMessage)
    expectFollowUp(await replyOf(standin, standin.userSays(someoneElse, 'and when was that?', { mentionBot: false, channelId: thread })))
  })

  it('answers anyone replying to its answer without a mention, leaning on that answer', async () => {
    const { standin } = h
    const answerMessage = (await replyOf(standin, standin.userSays(newUser(), 'who did Xi send?'))).response as APIMessage
    // Once the bot knows the message it posted (a person's reply cannot come sooner).
    await waitForLog(h, (l) => l.msg === 'replied' && l.reply === answerMessage.id)
    const followUp = standin.userSays(newUser(), 'and when was that?', { replyTo: answerMessage, mentionBot: false })
    expectFollowUp(await replyOf(standin, followUp))
  })

  it('answers a reply to any message of its own, also one that does not ping it', async () => {
    const { standin } = h
    const helpMessage = (await replyOf(standin, standin.userSays(newUser(), ''))).response as APIMessage
    const question = standin.userSays(newUser(), 'who did Xi send?', { replyTo: helpMessage, mentionBot: false, pingReply: false })
    expect(textOf(await replyOf(standin, question))).toContain('Han Zheng')
  })

  it('ignores a reply to someone else\'s message outside the question channels', async () => {
    const { standin } = h
    const someone = standin.userSays(newUser(), 'a message about the inauguration', { mentionBot: false })
    await expectNoReply(standin.userSays(newUser(), 'who did Xi send?', { replyTo: someone, mentionBot: false }))
  })

  it('leans on the same person\'s previous question in the channel', async () => {
    const { standin } = h
    const user = newUser()
    await replyOf(standin, standin.userSays(user, 'who did Xi send?'))
    expectFollowUp(await replyOf(standin, standin.userSays(user, 'and when was that?')))
  })

  it('ignores questions once it is shutting down', async () => {
    const { standin, bot } = h
    const user = newUser()
    // Open again as soon as the bot has seen (and dropped) the message: listeners run in order, the bot's first.
    const seen = (message: Message) => {
      if (message.author.id !== user.id) return
      bot.client.off(Events.MessageCreate, seen)
      bot.context.inflight.closing = false
    }
    bot.client.on(Events.MessageCreate, seen)
    bot.context.inflight.closing = true
    await expectNoReply(standin.userSays(user, 'who did Xi send?'))
  })
})

describe('what the bot says', () => {
  it('to a mention with no question: the help, as often as asked (it is not a question the cooldown counts)', async () => {
    const user = newUser()
    // One more than the cooldown allows.
    for (let i = 0; i < 3; i++) {
      const reply = await replyOf(h.standin, h.standin.userSays(user, '   '))
      expect(titleOf(reply)).toBe('Ask the news')
      expect(textOf(reply)).toContain('/ask')
    }
  })

  it('to a reply to one of its messages with nothing in it (an image alone, no ping): the help', async () => {
    const { standin } = h
    const answerMessage = (await replyOf(standin, standin.userSays(newUser(), 'who did Xi send?'))).response as APIMessage
    const blank = standin.userSays(newUser(), '', { replyTo: answerMessage, mentionBot: false, pingReply: false })
    expect(titleOf(await replyOf(standin, blank))).toBe('Ask the news')
  })

  it('to a direct message with nothing in it: the help', async () => {
    expect(titleOf(await replyOf(h.standin, h.standin.userSays(newUser(), '', { dm: true })))).toBe('Ask the news')
  })

  it('to a message with nothing to ask in a question channel (an attachment alone): nothing', async () => {
    const { standin } = h
    await expectNoReply(standin.userSays(newUser(), '', { mentionBot: false, channelId: standin.askChannel.id }))
  })

  it('past the cooldown (2 questions per 60 s here): a notice with the wait, once, then nothing', async () => {
    const { standin } = h
    const user = newUser()
    const questions = Array.from({ length: 4 }, () => standin.userSays(user, 'who did Xi send?'))
    await expectNoReply(questions[3]!)
    const replies = questions.map((q) => repliesOf(standin, q).map(textOf))
    expect(replies[0]![0]).toContain('Han Zheng')
    expect(replies[1]![0]).toContain('Han Zheng')
    expect(replies[2]).toHaveLength(1)
    const notice = /^You're asking faster than I can keep up with: up to 2 questions every 60 seconds\. Please try again in (\d+) seconds?\.$/.exec(replies[2]![0]!.trim())
    expect(notice, replies[2]![0]).not.toBeNull()
    expect(Number(notice![1])).toBeGreaterThanOrEqual(1)
    expect(Number(notice![1])).toBeLessThanOrEqual(60)
  })

  it('when answers have been slow: the typing indicator first, and the answer even if typing is refused', async () => {
    const { standin, bot } = h
    const usual = bot.context.patience
    bot.context.patience = new Patience(0) // every answer counts as slow
    try {
      const question = standin.userSays(newUser(), 'who is Xi Jinping?')
      const reply = await replyOf(standin, question)
      const typing = standin.calls.findIndex((c) => c.method === 'POST' && c.path === `/channels/${question.channel_id}/typing`)
      expect(typing).toBeGreaterThanOrEqual(0)
      expect(typing).toBeLessThan(standin.calls.indexOf(reply))

      standin.failNext({ method: 'POST', path: /\/typing$/, status: 403, code: 50013 })
      const refused = standin.userSays(newUser(), 'who did Xi send?')
      expect(textOf(await replyOf(standin, refused))).toContain('Han Zheng')
    } finally {
      bot.context.patience = usual
    }
  })

  it('when answers have been quick: no typing indicator', async () => {
    const { standin, bot } = h
    const usual = bot.context.patience
    bot.context.patience = new Patience(Number.POSITIVE_INFINITY) // no answer counts as slow
    try {
      const since = standin.calls.length
      const question = standin.userSays(newUser(), 'who is Xi Jinping?', { channelId: standin.askChannel.id, mentionBot: false })
      await replyOf(standin, question)
      expect(standin.callsSince(since, (c) => c.path.endsWith('/typing'))).toEqual([])
    } finally {
      bot.context.patience = usual
    }
  })

  it('when its reply fails: an apology in the channel, and the failure logged with where it was asked', async () => {
    const { standin } = h
    // discord.js retries a 5xx three times; fail all four attempts.
    standin.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 4 })
    const user = newUser()
    const question = standin.userSays(user, 'who did Xi send?')
    expect(textOf(await replyOf(standin, question))).toContain('Sorry, something went wrong')
    expect(h.logs.find((l) => l.msg === 'reply failed (server_error)' && l.message === question.id)).toMatchObject({
      user: user.id,
      channel: standin.channel.id,
      guild: standin.guildId,
    })
  })
})
