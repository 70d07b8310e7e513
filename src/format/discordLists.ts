// Lists shaped for Discord: search result pages with Previous/Next buttons, the article list, and autocomplete
// choices. Part of the one reply-shaping layer (see discord.ts); everything leaves through `finish()`.
import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord.js'
import type { Article, Chunk, Span } from '../types.js'
import { button, COLORS, customIds, finish, row } from './discord.js'
import type { DiscordReply } from './discord.js'
import { field, LIMITS } from './discordLimits.js'
import { listTitle } from './discordRead.js'
import { escapeText, excerpt, quote, sourceLine, truncate } from './discordText.js'
import { oneLine } from './sanitize.js'

/** Passages per search page and articles per sources page. */
export const SEARCH_PAGE_SIZE = 5
export const SOURCES_PAGE_SIZE = 10
const HIT_PASSAGE = 400

/** A passage to list: a search hit, or a citation (whose supporting sentence is then what gets quoted). */
export interface Passage {
  chunk: Chunk
  highlights: readonly Span[]
  sentenceSpan?: Span
}

export interface SearchPage {
  /** "Search" or "More sources". */
  heading: string
  query: string
  /** This page's passages. */
  hits: readonly Passage[]
  /** 0-based page number. */
  page: number
  /** Hits in the whole result, across pages. */
  total: number
  /** The custom id of the button that shows `page` (what it carries: discordIds.ts). */
  pageId: (page: number) => string
}

/** One page of passages, each quoted around its sentence or first matched word, with its source; Previous/Next below. */
export function renderSearchPage(p: SearchPage): DiscordReply {
  const pageCount = Math.max(1, Math.ceil(p.total / SEARCH_PAGE_SIZE))
  const page = Math.min(Math.max(0, p.page), pageCount - 1)
  // The query stays whole on the message: a click on Previous/Next reads it back from there (discordRead.ts).
  const heading = listTitle(p.heading, escapeText(p.query.replace(/\s+/g, ' ').trim()))
  if (p.hits.length === 0) {
    const embed: APIEmbed = { color: COLORS.declined, title: heading.title, description: 'No passage in the articles matches that.' }
    return finish({ embeds: [embed], components: [] })
  }
  const fields = p.hits.map((hit, i) => {
    const n = page * SEARCH_PAGE_SIZE + i + 1
    const anchor: Span = hit.sentenceSpan ?? hit.highlights[0] ?? [0, Math.min(1, hit.chunk.text.length)]
    const source = sourceLine(hit.chunk, hit.chunk.paragraph)
    const budget = Math.max(150, Math.min(HIT_PASSAGE, LIMITS.fieldValue - source.length - 8))
    const passage = excerpt(hit.chunk.text, anchor, { bold: hit.highlights, underline: [] }, budget)
    return field(`${n}. ${oneLine(hit.chunk.title ?? hit.chunk.file)}`, `${quote(passage)}\n— ${source}`)
  })
  const embed: APIEmbed = {
    color: COLORS.list,
    ...heading,
    fields,
    footer: { text: `Page ${page + 1} of ${pageCount} · ${p.total} passage${p.total === 1 ? '' : 's'}` },
  }
  const components =
    pageCount > 1
      ? [
          row(
            button(p.pageId(page - 1), 'Previous', { disabled: page === 0 }),
            button(p.pageId(page + 1), 'Next', { disabled: page >= pageCount - 1 }),
          ),
        ]
      : []
  return finish({ embeds: [embed], components })
}

/** The articles: title, outlet, date, paragraph count and file, ten per page. */
export function renderSources(articles: readonly Article[], requestedPage = 0): DiscordReply {
  if (articles.length === 0) {
    const embed: APIEmbed = { color: COLORS.declined, description: 'No articles are loaded.' }
    return finish({ embeds: [embed], components: [] })
  }
  const pageCount = Math.ceil(articles.length / SOURCES_PAGE_SIZE)
  const page = Math.min(Math.max(0, requestedPage), pageCount - 1)
  const start = page * SOURCES_PAGE_SIZE
  const lines = articles.slice(start, start + SOURCES_PAGE_SIZE).map((article, i) => {
    const heading = article.title ? `**${escapeText(truncate(oneLine(article.title), 200))}**` : '*(title unknown)*'
    const count = `${article.paragraphs} paragraph${article.paragraphs === 1 ? '' : 's'}`
    const known = [article.source ? escapeText(oneLine(article.source)) : null, article.date && oneLine(article.date), count].filter(Boolean).join(' · ')
    return `${start + i + 1}. ${heading}\n${known} · ${sourceLine({ ...article, source: null, title: null, date: null })}`
  })
  const paragraphs = articles.reduce((sum, a) => sum + a.paragraphs, 0)
  const embed: APIEmbed = {
    color: COLORS.list,
    title: `Articles (${articles.length})`,
    description: lines.join('\n\n'),
    footer: { text: `${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} in all${pageCount > 1 ? ` · page ${page + 1} of ${pageCount}` : ''}` },
  }
  const components =
    pageCount > 1
      ? [
          row(
            button(customIds.sourcesPage(page - 1), 'Previous', { disabled: page === 0 }),
            button(customIds.sourcesPage(page + 1), 'Next', { disabled: page >= pageCount - 1 }),
          ),
        ]
      : []
  return finish({ embeds: [embed], components })
}

/** Autocomplete choices Discord accepts: at most 25, each 1–100 characters, no duplicates. */
export function renderChoices(suggestions: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>()
  const choices: APIApplicationCommandOptionChoice<string>[] = []
  for (const suggestion of suggestions) {
    const text = truncate(oneLine(suggestion).replace(/\s+/g, ' ').trim(), Math.min(LIMITS.choiceName, LIMITS.choiceValue))
    if (!text || seen.has(text)) continue
    seen.add(text)
    choices.push({ name: text, value: text })
    if (choices.length === LIMITS.choices) break
  }
  return choices
}
