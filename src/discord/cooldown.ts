import { ExpiringLru } from './lru.js'

/** What the caller does with a question. */
export type CooldownVerdict =
  | { allowed: true }
  /** Over the limit. `notify` is true once per window: say so then, and stay quiet for the rest of it. */
  | { allowed: false; notify: boolean; retryAfterMs: number }

interface UserWindow {
  /** Times of the questions in the current window, oldest first. */
  times: number[]
  /** Until when the user has already been told. */
  toldUntil: number
}

/**
 * Per-user sliding-window limit: at most `questions` per `seconds`. Past it the user gets one notice (not silence,
 * not a flood). Bounded: users not seen for a window are forgotten, and at most `maxUsers` are tracked.
 */
export class Cooldown {
  private readonly users: ExpiringLru<string, UserWindow>
  private readonly windowMs: number

  constructor(
    private readonly questions: number,
    seconds: number,
    private readonly now: () => number = Date.now,
    maxUsers = 50_000,
  ) {
    this.windowMs = seconds * 1000
    this.users = new ExpiringLru(maxUsers, this.windowMs, now)
  }

  /** Counts one question by `userId` if there is room, and says what to do. */
  take(userId: string): CooldownVerdict {
    const now = this.now()
    const user = this.users.get(userId) ?? { times: [], toldUntil: 0 }
    user.times = user.times.filter((t) => t > now - this.windowMs)
    if (user.times.length < this.questions) {
      user.times.push(now)
      this.users.set(userId, user)
      return { allowed: true }
    }
    const retryAfterMs = user.times[0]! + this.windowMs - now
    const notify = user.toldUntil <= now
    if (notify) user.toldUntil = now + retryAfterMs
    this.users.set(userId, user)
    return { allowed: false, notify, retryAfterMs }
  }
}
