// Replies of /add and /remove (through finish(), like every Discord reply). Article text is escaped: a title
// or paragraph can neither format the message nor look like a mention.
import type { APIEmbed } from 'discord.js'
import type { AddResult } from '../corpus/ingest/desk.js'
import type { Article } from '../types.js'
import { COLORS, finish } from './discord.js'
import type { DiscordReply } from './discord.js'
import { field } from './discordLimits.js'
import { escapeText, quote, truncate } from './discordText.js'

const code = (file: string) => `\`${file.replace(/`/g, "'")}\``

function titleOf(title: string | null, url: string | null): string {
  const text = title ? escapeText(truncate(title, 200)) : '*(title unknown)*'
  return url && /^https?:\/\/\S+$/.test(url) ? `[${text}](${url.replace(/\)/g, '%29')})` : text
}

/** What was added (title, outlet, date, paragraphs, file, first paragraph), or which article it already is. */
export function renderAdded(result: AddResult): DiscordReply {
  if (!result.added) {
    const description = `Already there: ${result.title ? `**${escapeText(truncate(result.title, 200))}** ` : ''}${code(result.duplicate)}. Nothing was added.`
    return finish({ embeds: [{ color: COLORS.notice, description }], components: [] })
  }
  const count = `${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`
  const known = [result.outlet ? escapeText(result.outlet) : null, result.date, count].filter(Boolean).join(' · ')
  const embed: APIEmbed = {
    color: COLORS.answer,
    title: 'Article added',
    description: `**${titleOf(result.title, result.url)}**\n${known}\n${code(result.file)}`,
    fields: [field('First paragraph', quote(escapeText(truncate(result.firstParagraph, 900))))],
    footer: { text: 'Answers can come from it now.' },
  }
  return finish({ embeds: [embed], components: [] })
}

/** The article taken out, and where its file went. */
export function renderRemoved(article: Article, removedFolder: string): DiscordReply {
  const description =
    `Removed **${titleOf(article.title, article.url)}** ${code(article.file)}: answers no longer come from it.\n` +
    `The file was moved to ${code(`${removedFolder}/`)}, not deleted.`
  return finish({ embeds: [{ color: COLORS.list, title: 'Article removed', description }], components: [] })
}

/** /add or /remove refused or failed, with the reason. */
export function renderArticleRefused(what: 'add' | 'remove', reason: string): DiscordReply {
  const description = `Couldn't ${what} that: ${escapeText(reason)}`
  return finish({ embeds: [{ color: COLORS.error, description }], components: [] })
}

/** /add or /remove by someone not allowed to. */
export function renderArticleNotAllowed(what: 'add' | 'remove', editorRole: boolean): DiscordReply {
  const who = what === 'add' && editorRole ? 'members with the **Manage Server** permission or the editor role' : 'members with the **Manage Server** permission'
  const description = `Only ${who} can ${what} articles.`
  return finish({ embeds: [{ color: COLORS.notice, description }], components: [] })
}

/** Past the per-user limit on /add. */
export function renderAddLimit(retryAfterSeconds: number, adds: number, minutes: number): DiscordReply {
  const description = `You can add ${adds} articles every ${minutes} minutes. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} s.`
  return finish({ embeds: [{ color: COLORS.notice, description }], components: [] })
}
