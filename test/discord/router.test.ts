// Which messages the bot answers: each rule on a message where it decides the outcome, end to end with the real
// discord.js client against the stand-in (ASK_CHANNELS set, so content is visible and the rules are what decide).
import { MessageType } from 'discord.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { body, embedText, newUser, plain, replyOf, repliesOf, startHarness } from './harness.js'
import type { Harness } from './harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: (s) => ({ ASK_CHANNELS: s.askChannel.id }) })
})
afterAll(async () => {
  await h?.close()
})

/** A question the bot does answer, sent after `ignored`: once its reply is out, a reply to `ignored` would be too. */
async function afterwards(): Promise<void> {
  const { standin } = h
  await replyOf(standin, standin.userSays(newUser(), 'who is Xi Jinping?', { mentionBot: false, channelId: standin.askChannel.id }))
}

describe('the message router', () => {
  it('ignores a webhook\'s message, even one that mentions the bot in a question channel', async () => {
    const { standin } = h
    const ignored = standin.userSays(newUser(), 'who did Xi send?', { channelId: standin.askChannel.id, webhookId: '123456789012345678' })
    await afterwards()
    expect(repliesOf(standin, ignored)).toEqual([])
  })

  it('ignores a system message (a member joined) in a question channel', async () => {
    const { standin } = h
    const ignored = standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false, channelId: standin.askChannel.id, type: MessageType.UserJoin })
    await afterwards()
    expect(repliesOf(standin, ignored)).toEqual([])
  })

  it('answers a mention of the bot\'s role, outside the question channels', async () => {
    const { standin } = h
    const question = standin.userSays(newUser(), 'who did Xi send?', { mentionBotRole: true })
    const text = plain(embedText(body(await replyOf(standin, question))))
    expect(text).toContain('Han Zheng')
    // The role mention is not part of the question.
    expect(text).not.toMatch(/<@&|@newsdesk/)
  })

  it('ignores a message that mentions no one outside the question channels', async () => {
    const { standin } = h
    const ignored = standin.userSays(newUser(), 'who did Xi send?', { mentionBot: false })
    await afterwards()
    expect(repliesOf(standin, ignored)).toEqual([])
  })

  it('answers in a thread under a question channel without a mention', async () => {
    const { standin } = h
    const someone = newUser()
    const starter = standin.userSays(someone, 'a thread about the inauguration', { mentionBot: false, channelId: standin.askChannel.id })
    await replyOf(standin, starter)
    const thread = standin.startThread(someone, starter)
    const question = standin.userSays(someone, 'who did Xi send?', { mentionBot: false, channelId: thread })
    expect(plain(embedText(body(await replyOf(standin, question))))).toContain('Han Zheng')
  })
})
