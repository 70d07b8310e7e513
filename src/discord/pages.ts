import { randomBytes } from 'node:crypto'
import type { Passage } from '../format/discordLists.js'
import { ExpiringLru } from './lru.js'

/** What a Previous/Next or "More sources" button pages through. */
export interface ResultPages {
  /** "Search" or "More sources". */
  heading: string
  query: string
  /** Who asked: only they turn the pages of the shared message; others get their own copy. */
  ownerId: string
  /** Fixed passages ("More sources": the answer's further citations); absent: a live search on `query`. */
  passages?: readonly Passage[]
}

/** Results kept for their buttons: bounded, and gone after half an hour (a click then says they expired). */
export class PageStore {
  private readonly store = new ExpiringLru<string, ResultPages>(5_000, 30 * 60_000)

  /** Stores `pages` under a short random key that fits in a button's custom id. */
  add(pages: ResultPages): string {
    const key = randomBytes(6).toString('base64url')
    this.store.set(key, pages)
    return key
  }

  get(key: string): ResultPages | undefined {
    return this.store.get(key)
  }
}
