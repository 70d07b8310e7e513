// What a button click carries back. The bot keeps nothing between requests (any replica, or a restarted process,
// must serve any click), so a button's custom id holds the state of its action: the page, who may turn it, and the
// passages as chunk ids with the corpus they belong to. The text searched or asked for is on the message the
// button sits on, and is read back from it (discordRead.ts). Ids are at most 100 characters (Discord's limit).
import type { Outcome } from '../types.js'
import type { Verdict } from '../feedback/record.js'
import { LIMITS } from './discordLimits.js'

export type { Verdict }

export type ButtonAction =
  /** Previous/Next of the article list. */
  | { kind: 'sources'; page: number }
  /** Previous/Next of a /search result; `owner` turns the shared message's pages, anyone else gets a copy. */
  | { kind: 'search'; page: number; owner: string }
  /** "More sources" under an answer (`page` null), or Previous/Next of the list it opened. */
  | { kind: 'more'; page: number | null; corpus: string; chunks: number[] }
  /** 👍 / 👎 under an answer or the closest passages; `chunks` are the passages it showed. */
  | { kind: 'feedback'; verdict: Verdict; outcome: Outcome; corpus: string; chunks: number[] }

export const customIds = {
  sourcesPage: (page: number) => `sources:${page}`,
  searchPage: (page: number, owner: string) => `search:${page}:${owner}`,
  moreSources: (corpus: string, chunks: readonly number[]) => fit(`more:${corpus}:`, chunks),
  morePage: (page: number, corpus: string, chunks: readonly number[]) => fit(`morepage:${page}:${corpus}:`, chunks),
  feedback: (verdict: Verdict, outcome: Outcome, corpus: string, chunks: readonly number[]) =>
    fit(`fb:${verdict}:${OUTCOME_CODES[outcome]}:${corpus}:`, chunks),
}

// 'decline' is what ids made before the three outcomes say for what is now 'passages' (only those had buttons).
const OUTCOME_CODES: Record<Outcome, string> = { answer: 'answer', passages: 'passages', declined: 'declined' }
const OUTCOMES_BY_CODE = new Map<string, Outcome>([...Object.entries(OUTCOME_CODES).map(([o, code]) => [code, o as Outcome] as const), ['decline', 'passages']])

/** The action behind a button's custom id, or null for ids this bot did not make (or an older version made). */
export function parseCustomId(customId: string): ButtonAction | null {
  const parts = customId.split(':')
  const [kind, a, b, c, d] = parts
  switch (`${kind}/${parts.length}`) {
    case 'sources/2':
      return isPage(a) ? { kind: 'sources', page: Number(a) } : null
    case 'search/3':
      return isPage(a) && /^\d{1,20}$/.test(b!) ? { kind: 'search', page: Number(a), owner: b! } : null
    case 'more/3': {
      const chunks = decodeChunks(b!)
      return isCorpus(a) && chunks && chunks.length > 0 ? { kind: 'more', page: null, corpus: a!, chunks } : null
    }
    case 'morepage/4': {
      const chunks = decodeChunks(c!)
      return isPage(a) && isCorpus(b) && chunks && chunks.length > 0 ? { kind: 'more', page: Number(a), corpus: b!, chunks } : null
    }
    case 'fb/5': {
      const chunks = decodeChunks(d!)
      const outcome = OUTCOMES_BY_CODE.get(b!)
      if ((a !== 'good' && a !== 'bad') || outcome === undefined || !isCorpus(c) || !chunks) return null
      return { kind: 'feedback', verdict: a, outcome, corpus: c!, chunks }
    }
    default:
      return null
  }
}

const isPage = (s: string | undefined): boolean => s !== undefined && /^\d{1,4}$/.test(s)
const isCorpus = (s: string | undefined): boolean => s !== undefined && /^[\w-]{4,16}$/.test(s)

/** `prefix` and as many chunk ids (base 36, dot-separated, in order) as fit in a custom id. */
function fit(prefix: string, chunks: readonly number[]): string {
  let out = prefix
  for (const [i, id] of chunks.entries()) {
    const next = `${i === 0 ? '' : '.'}${id.toString(36)}`
    if (out.length + next.length > LIMITS.customId) break
    out += next
  }
  return out
}

function decodeChunks(text: string): number[] | null {
  if (text === '') return []
  const ids = text.split('.').map((part) => (/^[0-9a-z]{1,6}$/.test(part) ? parseInt(part, 36) : NaN))
  return ids.every(Number.isSafeInteger) ? ids : null
}
