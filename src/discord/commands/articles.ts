import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import { renderSources } from '../../format/discordLists.js'
import type { BotContext } from '../context.js'
import { respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('articles')
  .setDescription('List the articles: title, outlet, date and paragraphs, ten a page')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addIntegerOption((option) => option.setName('page').setDescription('Which page (default 1)').setMinValue(1))

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const page = (interaction.options.getInteger('page') ?? 1) - 1
  // The same list and Previous/Next buttons as /sources: one article list in the bot.
  await respond(interaction, renderSources(ctx.desk.list(), page), true)
}
