import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js'
import { renderCooldown } from '../../format/discord.js'
import { renderChoices } from '../../format/discordLists.js'
import type { BotContext } from '../context.js'
import { answerQuestion } from '../questions.js'
import { defer, respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('e.g. who did Xi send?')
      .setRequired(true)
      .setMaxLength(500)
      .setAutocomplete(true),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer (default: no)'))

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true)
  const ephemeral = interaction.options.getBoolean('private') ?? false
  const verdict = ctx.cooldown.take(interaction.user.id)
  if (!verdict.allowed) {
    // An interaction must be answered; the notice is ephemeral, so only the asker sees it.
    const { cooldownQuestions, cooldownSeconds } = ctx.config
    await respond(interaction, renderCooldown(verdict.retryAfterMs / 1000, cooldownQuestions, cooldownSeconds), true)
    return
  }
  if (ctx.patience.expectSlow(Date.now() - interaction.createdTimestamp)) await defer(interaction, ephemeral)
  const { answer, reply } = answerQuestion(ctx, question, { userId: interaction.user.id, channelId: interaction.channelId })
  ctx.followups.remember(interaction.user.id, interaction.channelId, answer)
  await respond(interaction, reply, ephemeral)
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused()
  await interaction.respond(renderChoices(ctx.engine.suggest(typed, 25)))
}
