import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js'
import { IngestError, REMOVED_FOLDER } from '../../corpus/ingest/desk.js'
import { renderArticleNotAllowed, renderArticleRefused, renderRemoved } from '../../format/discordArticles.js'
import { LIMITS } from '../../format/discordLimits.js'
import { truncate } from '../../format/discordText.js'
import type { BotContext } from '../context.js'
import { mayChangeArticles } from '../editors.js'
import { defer, respond } from '../respond.js'

export const data = new SlashCommandBuilder()
  .setName('remove')
  .setDescription('Take an article out: answers no longer come from it (Manage Server only)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addStringOption((option) =>
    option.setName('article').setDescription('The article, by title or file name').setRequired(true).setMaxLength(LIMITS.choiceValue).setAutocomplete(true),
  )

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!mayChangeArticles(interaction, ctx, 'remove')) {
    await respond(interaction, renderArticleNotAllowed('remove', false), true)
    return
  }
  await defer(interaction, true)
  try {
    const article = await ctx.desk.remove(interaction.options.getString('article', true))
    ctx.logger.info({ user: interaction.user.id, guild: interaction.guildId, file: article.file }, 'article removed by /remove')
    await respond(interaction, renderRemoved(article, `${ctx.desk.folderName}/${REMOVED_FOLDER}`), true)
  } catch (error) {
    if (!(error instanceof IngestError)) ctx.logger.error({ err: error, user: interaction.user.id }, '/remove failed')
    await respond(interaction, renderArticleRefused('remove', error instanceof IngestError ? error.message : 'something went wrong on our side'), true)
  }
}

/** Articles matching what was typed: the title shown, the file as the value (what execute() looks up). */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const choices = ctx.desk
    .find(interaction.options.getFocused(), 50)
    .filter((a) => a.file.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((a) => ({ name: truncate(`${a.title ?? a.file} — ${a.file}`.replace(/\s+/g, ' '), LIMITS.choiceName), value: a.file }))
  await interaction.respond(choices)
}
