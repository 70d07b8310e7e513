import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import { renderSources } from '../../format/discordLists.js'
import type { BotContext } from '../context.js'
import { respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the articles the answers come from')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // Reference material: shown to the asker only, so it does not crowd the channel.
  await respond(interaction, renderSources(ctx.engine.articles, 0), true)
}
