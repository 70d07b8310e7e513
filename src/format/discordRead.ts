// The inverse of the reply shaper, for button clicks: what a message the bot sent says, read back from the message
// itself (a click carries it, on the gateway and on the HTTP endpoint alike). This is how a stateless replica knows
// the question an answer was for, or the query of a result page, without having kept anything.
import { LIMITS } from './discordLimits.js'

/** The parts of an embed read here; both discord.js's `Embed` and the raw `APIEmbed` have them. */
export interface ShownEmbed {
  title?: string | null
  description?: string | null
}

/**
 * Text as it was before `escapeText`. Exact: escapeMarkdown escapes every backslash as well, so each backslash
 * shown starts an escape, and the zero-width spaces that defuse mentions follow only `@`, `<@`, `<@!`, `<@&`, `<#`.
 */
export function unescapeText(shown: string): string {
  return shown.replace(/(@|<@[!&]?|<#)\u200b/g, '$1').replace(/\\([\s\S])/g, '$1')
}

/** The question an answer (or a decline) was for: its title. Questions longer than a title holds come back cut. */
export function questionOf(embed: ShownEmbed | undefined): string | null {
  return embed?.title ? unescapeText(embed.title) : null
}

/** The short answer an answer shows in bold at the top of its description, or null (a decline, or none shown). */
export function shortAnswerOf(embed: ShownEmbed | undefined): string | null {
  // Inside the bold every `*` is escaped, so the first unescaped `**` closes it.
  const bold = /^\*\*((?:\\[\s\S]|[^\\*])+)\*\*(?:\n|$)/.exec(embed?.description ?? '')
  return bold ? unescapeText(bold[1]!) : null
}

/** The title of a list page ("Search: …"): the query after the heading, or only the heading when it does not fit. */
export function listTitle(heading: string, escapedQuery: string): { title: string; description?: string } {
  const title = `${heading}: ${escapedQuery}`
  return title.length <= LIMITS.title ? { title } : { title: heading, description: escapedQuery }
}

/** The query of a list page made with `listTitle`, or null when the embed is not one of `heading`. */
export function listQueryOf(embed: ShownEmbed | undefined, heading: string): string | null {
  const title = embed?.title ?? ''
  if (title === heading) return embed?.description ? unescapeText(embed.description) : null
  return title.startsWith(`${heading}: `) ? unescapeText(title.slice(heading.length + 2)) : null
}
