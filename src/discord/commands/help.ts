import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import type { BotContext } from '../context.js'
import { help } from '../questions.js'
import { respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('How to ask questions about the news articles')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await respond(interaction, help(ctx), true)
}
