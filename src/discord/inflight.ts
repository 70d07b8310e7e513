/** Replies being worked on, so that shutdown can let them finish (for a few seconds) before closing the client. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>()
  /** Set once shutdown starts: new questions are then ignored. */
  closing = false

  /** Tracks `work` until it settles. Never rejects: handlers log their own errors. */
  track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined).finally(() => this.pending.delete(settled))
    this.pending.add(settled)
  }

  get size(): number {
    return this.pending.size
  }

  /** Resolves when every tracked reply has settled, or after `timeoutMs`; true when all finished in time. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    const all = (async () => {
      while (this.pending.size > 0) await Promise.all([...this.pending])
      return true as const
    })()
    const finished = await Promise.race([all, timeout])
    clearTimeout(timer)
    return finished
  }
}
