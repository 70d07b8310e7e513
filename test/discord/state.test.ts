// The bot's in-memory state: cooldowns, follow-up context and the "is this going to be slow" estimate. All bounded.
import { describe, expect, it } from 'vitest'
import { Patience } from '../../src/discord/context.js'
import { Cooldown } from '../../src/discord/cooldown.js'
import { Followups } from '../../src/discord/followups.js'
import { ExpiringLru } from '../../src/discord/lru.js'
import type { Answer } from '../../src/types.js'

const answered = (question: string, answer: string | null): Answer => ({
  question,
  outcome: 'answer',
  answered: true,
  answer,
  answerSpan: null,
  answerType: 'person',
  declineReason: null,
  citations: [],
  confidence: 0.9,
  terms: [],
  elapsedMs: 1,
})

describe('Cooldown', () => {
  it('allows N questions per window, then notifies once, then stays quiet until there is room', () => {
    let now = 0
    const cooldown = new Cooldown(5, 30, () => now)
    for (let i = 0; i < 5; i++) expect(cooldown.take('u').allowed).toBe(true)
    expect(cooldown.take('u')).toEqual({ allowed: false, notify: true, retryAfterMs: 30_000 })
    now = 10_000
    expect(cooldown.take('u')).toEqual({ allowed: false, notify: false, retryAfterMs: 20_000 })
    expect(cooldown.take('someone else').allowed).toBe(true)
    now = 30_001
    expect(cooldown.take('u').allowed).toBe(true)
  })
})

describe('Followups', () => {
  it('gives the last answered exchange per user and channel, for a few minutes', () => {
    let now = 0
    const followups = new Followups(100, 60_000, () => now)
    followups.remember('u', 'c', answered('who did Xi send?', 'Vice President Han Zheng'))
    followups.remember('u', 'c', { ...answered('gibberish', null), outcome: 'declined', answered: false, declineReason: 'not_found' })
    expect(followups.previous('u', 'c')).toEqual({ question: 'who did Xi send?', answer: 'Vice President Han Zheng' })
    expect(followups.previous('u', 'other channel')).toBeNull()
    expect(followups.previous('other user', 'c')).toBeNull()
    now = 60_001
    expect(followups.previous('u', 'c')).toBeNull()
  })

  it('prefers the answer replied to, then the answer a thread was started on', () => {
    const followups = new Followups()
    followups.remember('u', 'c', answered('latest', 'x'))
    followups.rememberMessage('m1', answered('replied to', 'y'))
    followups.rememberMessage('t1', answered('thread starter', 'z'))
    expect(followups.previous('u', 'c', { replyTo: 'm1', threadOf: 't1' })?.question).toBe('replied to')
    expect(followups.previous('u', 'c', { threadOf: 't1' })?.question).toBe('thread starter')
    expect(followups.previous('u', 'c', { replyTo: 'unknown' })?.question).toBe('latest')
  })
})

describe('ExpiringLru', () => {
  it('never holds more than its capacity, dropping the least recently used', () => {
    const lru = new ExpiringLru<number, number>(3, 1000)
    for (let i = 0; i < 10; i++) lru.set(i, i)
    expect(lru.size).toBe(3)
    lru.get(7)
    lru.set(10, 10)
    expect([7, 8, 9, 10].map((k) => lru.get(k))).toEqual([7, undefined, 9, 10])
  })
})

describe('Patience', () => {
  it('expects a slow answer after slow answers, or when the user has already waited', () => {
    const patience = new Patience(800)
    expect(patience.expectSlow()).toBe(false)
    patience.record(5)
    expect(patience.expectSlow(100)).toBe(false)
    expect(patience.expectSlow(2000)).toBe(true)
    for (let i = 0; i < 10; i++) patience.record(2000)
    expect(patience.expectSlow()).toBe(true)
  })
})
