// Button clicks: Previous/Next on result pages and the article list, "More sources" under an answer, and 👍 / 👎.
// Nothing is kept between clicks: each one's custom id and the message it sits on say everything it needs, so a
// restarted bot, or another replica behind the HTTP endpoint, serves it the same way.
import { MessageFlags } from 'discord.js'
import type { ButtonInteraction } from 'discord.js'
import { parseCustomId, renderExpired } from '../format/discord.js'
import type { DiscordReply } from '../format/discord.js'
import { listQueryOf, questionOf } from '../format/discordRead.js'
import { renderSources } from '../format/discordLists.js'
import type { BotContext } from './context.js'
import { recordFeedback } from './feedback.js'
import { MORE_HEADING, morePage, SEARCH_HEADING, searchPage } from './pages.js'
import { respond, update } from './respond.js'

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId)
  const embed = interaction.message.embeds[0]
  // Only the asker turns the pages of a shared message; anyone else gets their own private copy.
  const ephemeralMessage = interaction.message.flags.has(MessageFlags.Ephemeral)
  const show = (reply: DiscordReply | null, ownerId: string | null) =>
    reply === null
      ? respond(interaction, renderExpired(), true)
      : ephemeralMessage || interaction.user.id === ownerId
        ? update(interaction, reply)
        : respond(interaction, reply, true)

  switch (action?.kind) {
    case 'sources':
      return show(renderSources(ctx.engine.articles, action.page), null)
    case 'search': {
      const query = listQueryOf(embed, SEARCH_HEADING)
      return show(query === null ? null : searchPage(ctx, query, action.page, action.owner), action.owner)
    }
    case 'more': {
      // From the answer: its question is the title; the answer stays, the passages come privately, with their own pages.
      const question = action.page === null ? questionOf(embed) : listQueryOf(embed, MORE_HEADING)
      const reply = question === null ? null : morePage(ctx, question, action.corpus, action.chunks, action.page ?? 0)
      if (action.page === null) return respond(interaction, reply ?? renderExpired(), true)
      return show(reply, null)
    }
    case 'feedback':
      return recordFeedback(interaction, ctx, action)
    default:
      return respond(interaction, renderExpired(), true)
  }
}
