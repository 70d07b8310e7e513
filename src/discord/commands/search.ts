import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js'
import { renderCooldown } from '../../format/discord.js'
import { renderChoices } from '../../format/discordLists.js'
import type { BotContext } from '../context.js'
import { searchPage } from '../pages.js'
import { respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Find passages in the news articles')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('query')
      .setDescription('Words to look for, e.g. Han Zheng inauguration')
      .setRequired(true)
      .setMaxLength(500)
      .setAutocomplete(true),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the results (default: no)'))

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const query = interaction.options.getString('query', true)
  const ephemeral = interaction.options.getBoolean('private') ?? false
  const verdict = ctx.cooldown.take(interaction.user.id)
  if (!verdict.allowed) {
    const { cooldownQuestions, cooldownSeconds } = ctx.config
    await respond(interaction, renderCooldown(verdict.retryAfterMs / 1000, cooldownQuestions, cooldownSeconds), true)
    return
  }
  await respond(interaction, searchPage(ctx, query, 0, interaction.user.id), ephemeral)
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await interaction.respond(renderChoices(ctx.engine.suggest(interaction.options.getFocused(), 25)))
}
