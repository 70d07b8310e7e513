import type { Answer, AskOptions } from '../types.js'
import { ExpiringLru } from './lru.js'

/** The previous exchange, as the engine takes it (`engine.ask(q, { previous })`). */
export type Exchange = NonNullable<AskOptions['previous']>

/** How long a follow-up can lean on the previous question. */
export const FOLLOWUP_TTL_MS = 5 * 60_000

/**
 * Follow-up context, in memory and bounded: the last answered question per user and channel, and the exchange
 * behind each answer the bot posted (so a reply to that message, or a thread started on it, leans on it).
 */
export class Followups {
  private readonly byUserChannel: ExpiringLru<string, Exchange>
  private readonly byMessage: ExpiringLru<string, Exchange>

  constructor(capacity = 10_000, ttlMs = FOLLOWUP_TTL_MS, now: () => number = Date.now) {
    this.byUserChannel = new ExpiringLru(capacity, ttlMs, now)
    this.byMessage = new ExpiringLru(capacity, ttlMs, now)
  }

  /**
   * Remembers a question the articles are about (a short answer or the closest passages) for its user and channel;
   * declines are not context worth leaning on. Called
   * before the reply is sent, so a quick follow-up already finds it.
   */
  remember(userId: string, channelId: string, answer: Answer): void {
    if (answer.outcome !== 'declined') this.byUserChannel.set(`${userId}:${channelId}`, exchange(answer))
  }

  /** Remembers the exchange behind a posted answer, for replies to it and threads started on it. */
  rememberMessage(messageId: string, answer: Answer): void {
    if (answer.outcome !== 'declined') this.byMessage.set(messageId, exchange(answer))
  }

  /**
   * The exchange a new question may lean on: the bot answer it replies to, else the bot answer a thread was
   * started on, else the user's last question in this channel. The engine decides whether the question leans on it.
   */
  previous(userId: string, channelId: string, options: { replyTo?: string | null; threadOf?: string | null } = {}): Exchange | null {
    return (
      (options.replyTo ? this.byMessage.get(options.replyTo) : undefined) ??
      (options.threadOf ? this.byMessage.get(options.threadOf) : undefined) ??
      this.byUserChannel.get(`${userId}:${channelId}`) ??
      null
    )
  }

  /** Whether `messageId` is an answer the bot posted (and still remembers). */
  isAnswer(messageId: string): boolean {
    return this.byMessage.get(messageId) !== undefined
  }
}

function exchange(answer: Answer): Exchange {
  return { question: answer.question, answer: answer.answer }
}
