// Pages of passages: /search results and an answer's "More sources", each page made from what its button carries
// (src/format/discordIds.ts) and what the message shows, so that any process can make any page.
import { customIds } from '../format/discord.js'
import type { DiscordReply } from '../format/discord.js'
import { renderSearchPage, SEARCH_PAGE_SIZE } from '../format/discordLists.js'
import type { Passage } from '../format/discordLists.js'
import type { BotContext } from './context.js'
import { corpusId } from './corpusId.js'
import { CITATIONS } from './questions.js'

export const SEARCH_HEADING = 'Search'
export const MORE_HEADING = 'More sources'

/** Page `page` of the passages matching `query`; its buttons let `owner` turn the pages of a shared message. */
export function searchPage(ctx: BotContext, query: string, page: number, owner: string): DiscordReply {
  const { hits, total } = ctx.engine.search(query, { limit: SEARCH_PAGE_SIZE, offset: page * SEARCH_PAGE_SIZE })
  return renderSearchPage({ heading: SEARCH_HEADING, query, hits, page, total, pageId: (p) => customIds.searchPage(p, owner) })
}

/**
 * Page `page` of an answer's further passages (`chunks`, in the order the answer ranked them), or null when they
 * are from other articles than the loaded ones (a reload since). Each is quoted as the answer cited it when asking
 * `question` again cites it too (the engine is deterministic); otherwise (a follow-up, whose context is gone) plainly.
 */
export function morePage(ctx: BotContext, question: string, corpus: string, chunks: readonly number[], page: number): DiscordReply | null {
  if (corpus !== corpusId(ctx.engine.articles)) return null
  const found = chunks.map((id) => ctx.engine.chunks[id])
  if (found.some((chunk) => chunk === undefined)) return null
  const cited = new Map(ctx.engine.ask(question, { k: CITATIONS }).citations.map((c) => [c.chunk.id, c]))
  const passages: Passage[] = found.map((chunk) => cited.get(chunk!.id) ?? { chunk: chunk!, highlights: [] })
  const offset = page * SEARCH_PAGE_SIZE
  return renderSearchPage({
    heading: MORE_HEADING,
    query: question,
    hits: passages.slice(offset, offset + SEARCH_PAGE_SIZE),
    page,
    total: passages.length,
    pageId: (p) => customIds.morePage(p, corpus, chunks),
  })
}
