// Button clicks: Previous/Next on result pages and the article list, and "More sources" under an answer.
import { MessageFlags } from 'discord.js'
import type { ButtonInteraction } from 'discord.js'
import { parseCustomId, renderExpired } from '../format/discord.js'
import type { DiscordReply } from '../format/discord.js'
import { renderSearchPage, renderSources, SEARCH_PAGE_SIZE } from '../format/discordLists.js'
import type { BotContext } from './context.js'
import type { ResultPages } from './pages.js'
import { respond, update } from './respond.js'

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId)
  if (!action) {
    await respond(interaction, renderExpired(), true)
    return
  }
  // Only the asker turns the pages of a shared message; anyone else gets their own private copy.
  const ephemeralMessage = interaction.message.flags.has(MessageFlags.Ephemeral)
  const show = (reply: DiscordReply, ownerId: string | null) =>
    ephemeralMessage || interaction.user.id === ownerId ? update(interaction, reply) : respond(interaction, reply, true)

  if (action.kind === 'sources') {
    await show(renderSources(ctx.engine.articles, action.page), null)
    return
  }
  const pages = ctx.pages.get(action.session)
  if (!pages) {
    await respond(interaction, renderExpired(), true)
    return
  }
  if (action.kind === 'more') {
    // The answer stays as it is; the further passages come as a private message with its own pages.
    await respond(interaction, renderPage(ctx, pages, action.session, 0), true)
    return
  }
  await show(renderPage(ctx, pages, action.session, action.page), pages.ownerId)
}

function renderPage(ctx: BotContext, pages: ResultPages, session: string, page: number): DiscordReply {
  const offset = page * SEARCH_PAGE_SIZE
  const { hits, total } = pages.passages
    ? { hits: pages.passages.slice(offset, offset + SEARCH_PAGE_SIZE), total: pages.passages.length }
    : ctx.engine.search(pages.query, { limit: SEARCH_PAGE_SIZE, offset })
  return renderSearchPage({ heading: pages.heading, query: pages.query, hits, page, total, session })
}
