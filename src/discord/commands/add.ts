import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import { IngestError, kindFromName } from '../../corpus/ingest/desk.js'
import { FETCH_LIMITS } from '../../corpus/ingest/fetchPage.js'
import { renderAddLimit, renderAdded, renderArticleNotAllowed, renderArticleRefused } from '../../format/discordArticles.js'
import { ADD_WINDOW_MINUTES, ADDS_PER_WINDOW } from '../context.js'
import type { BotContext } from '../context.js'
import { mayChangeArticles } from '../editors.js'
import { defer, respond } from '../respond.js'

// Shown to members with Manage Server (a server can open it to the editor role under Integrations).
export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add an article by link or file, to answer from (Manage Server or the editor role)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addStringOption((option) => option.setName('url').setDescription('Link to a news article (http or https)').setMaxLength(2000))
  .addAttachmentOption((option) => option.setName('file').setDescription('An article as a .html, .htm, .txt or .md file'))

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!mayChangeArticles(interaction, ctx, 'add')) {
    await respond(interaction, renderArticleNotAllowed('add', ctx.config.editorRoleId !== null), true)
    return
  }
  const url = interaction.options.getString('url')?.trim() || null
  const file = interaction.options.getAttachment('file')
  if ((url === null) === (file === null)) {
    await respond(interaction, renderArticleRefused('add', 'give either url: (a link) or file: (an attachment), one of them'), true)
    return
  }
  if (file && kindFromName(file.name) === null) {
    await respond(interaction, renderArticleRefused('add', `${file.name} is not a .html, .htm, .txt or .md file`), true)
    return
  }
  if (file && file.size > FETCH_LIMITS.maxBytes) {
    await respond(interaction, renderArticleRefused('add', `${file.name} is larger than ${FETCH_LIMITS.maxBytes / 1024 / 1024} MB`), true)
    return
  }
  const verdict = ctx.addLimit.take(interaction.user.id)
  if (!verdict.allowed) {
    await respond(interaction, renderAddLimit(verdict.retryAfterMs / 1000, ADDS_PER_WINDOW, ADD_WINDOW_MINUTES), true)
    return
  }
  // Fetching and reading a page can take up to 10 seconds; Discord waits 3 for a first reply.
  await defer(interaction, true)
  try {
    // Links only: a path typed into url: must never read the bot's own files.
    const result = file ? await ctx.desk.addFromLink(file.url, file.name) : await ctx.desk.addFromLink(url!)
    ctx.logger.info({ user: interaction.user.id, guild: interaction.guildId, added: result.added, file: result.added ? result.file : result.duplicate }, 'article added by /add')
    await respond(interaction, renderAdded(result), true)
  } catch (error) {
    if (!(error instanceof IngestError)) ctx.logger.error({ err: error, user: interaction.user.id }, '/add failed')
    await respond(interaction, renderArticleRefused('add', error instanceof IngestError ? error.message : 'something went wrong on our side'), true)
  }
}
