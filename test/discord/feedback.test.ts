// 👍 / 👎 on the gateway: every answer carries them, a click is recorded (user id hashed, never raw) and thanked
// privately, and a later click by the same user on the same answer replaces the first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { APIMessage } from 'discord.js'
import { readFeedback } from '../../src/feedback/log.js'
import { summariseFeedback } from '../../src/feedback/report.js'
import { hashUserId } from '../../src/feedback/salt.js'
import { body, buttons, callbackOf, embedText, newUser, plain, replyOf, startHarness } from './harness.js'
import type { Harness, SentBody } from './harness.js'

const dir = mkdtempSync(join(tmpdir(), 'gateway-feedback-'))
const file = join(dir, 'feedback.jsonl')
let h: Harness
beforeAll(async () => {
  // No FEEDBACK_SALT: the install makes its own, beside the file.
  h = await startHarness({ env: { FEEDBACK_FILE: file } })
})
afterAll(async () => {
  await h?.close()
  rmSync(dir, { recursive: true, force: true })
})

const EPHEMERAL = 64

async function click(user: ReturnType<typeof newUser>, message: APIMessage, label: string): Promise<SentBody> {
  const button = buttons(message as unknown as SentBody).find((b) => b.label === label)!
  const callback = await callbackOf(h.standin, h.standin.clickButton(user, message, button.custom_id))
  return (callback.body as { data: SentBody }).data
}

describe('a rating of an answer to a mention', () => {
  it('is recorded with the question, the short answer, the passages shown, and a hashed user id', async () => {
    const user = newUser()
    const reply = await replyOf(h.standin, h.standin.userSays(user, 'who did Xi send?'))
    const message = reply.response as APIMessage
    expect(buttons(body(reply)).map((b) => b.label)).toEqual(['More sources', '👍', '👎'])

    const thanks = await click(user, message, '👍')
    expect(thanks.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(thanks))).toContain('Noted as a good answer')
    expect(thanks.allowed_mentions).toEqual({ parse: [], replied_user: false })

    const { records, damaged, partialTail } = readFeedback(file)
    expect([damaged, partialTail]).toEqual([0, false])
    const record = records.at(-1)!
    expect(record).toMatchObject({
      v: 1,
      verdict: 'good',
      from: 'discord',
      question: 'who did Xi send?',
      answer: 'Vice President Han Zheng',
      answered: true,
      message: message.id,
    })
    expect(Date.parse(record.at)).toBeGreaterThan(Date.now() - 60_000)
    expect(record.citations![0]).toMatchObject({ file: 'seeds/001_ec95834cf9bd06a8.txt', paragraph: 9 })
    expect(record.citations![0]!.text).toContain('he is sending Vice President Han Zheng as his special representative')
    // Hashed with the install's salt: not the id, and not a hash anyone without the salt could recompute.
    const salt = readFileSync(join(dir, 'feedback.salt'), 'utf8').trim()
    expect(record.user).toBe(hashUserId(salt, user.id))
    expect(record.user).not.toBe(user.id)
    expect(readFileSync(file, 'utf8')).not.toContain(user.id)
  })

  it('counts once per user and answer: a changed mind replaces the first click', async () => {
    const user = newUser()
    const message = (await replyOf(h.standin, h.standin.userSays(user, 'Who is Danny Russel?'))).response as APIMessage
    await click(user, message, '👍')
    await click(user, message, '👎')
    const someoneElse = newUser()
    await click(someoneElse, message, '👎')
    const mine = readFeedback(file).records.filter((r) => r.message === message.id)
    expect(mine.map((r) => r.verdict)).toEqual(['good', 'bad', 'bad'])
    const question = summariseFeedback(mine).questions[0]!
    expect([question.good, question.bad]).toEqual([0, 2])
  })
})

describe('a rating of a decline', () => {
  it('is recorded as a decline, without a short answer', async () => {
    const user = newUser()
    const message = (await replyOf(h.standin, h.standin.userSays(user, 'Who directed the movie Titanic?'))).response as APIMessage
    await click(user, message, '👎')
    expect(readFeedback(file).records.at(-1)).toMatchObject({ verdict: 'bad', question: 'Who directed the movie Titanic?', answer: null, answered: false })
  })
})

describe('this file', () => {
  it('made the bot log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
