import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import { renderReload, renderReloadFailed, renderReloadRefused } from '../../format/discordReload.js'
import type { BotContext } from '../context.js'
import { defer, respond } from '../respond.js'

// Shown only to members with Manage Server, in servers only. A server can still open it to others (Server
// Settings → Integrations), so execute() checks the permission itself.
export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Read the articles folder again now and say what changed (Manage Server only)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inGuild() || !interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await respond(interaction, renderReloadRefused(), true)
    return
  }
  // Re-reading a large folder can take longer than the 3 seconds Discord waits for a first reply.
  await defer(interaction, true)
  try {
    await respond(interaction, renderReload(await ctx.reload()), true)
  } catch (error) {
    // Logged by the LiveCorpus; the reader is a server manager, who can act on the reason.
    await respond(interaction, renderReloadFailed(error instanceof Error ? error.message : String(error)), true)
  }
}
