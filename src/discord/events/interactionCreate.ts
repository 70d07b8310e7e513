// Slash commands, their autocomplete, and button clicks. One try/catch around every handler, as in the
// discord.js guide: an error is logged and the user gets an ephemeral apology where Discord still allows one.
import { Events } from 'discord.js'
import type { Interaction } from 'discord.js'
import { handleButton } from '../buttons.js'
import { commands } from '../commands/index.js'
import type { BotContext } from '../context.js'
import { reportFailure } from '../failures.js'
import { help } from '../questions.js'
import { classify, respond } from '../respond.js'
import { defineEvent } from './types.js'

export const interactionCreate = defineEvent({
  name: Events.InteractionCreate,
  execute(ctx, interaction) {
    if (ctx.inflight.closing) return
    ctx.inflight.track(handleInteraction(ctx, interaction))
  },
})

/** Handles one interaction, from the gateway or from the HTTP endpoint (src/discord/http/): the same code for both. */
export async function handleInteraction(ctx: BotContext, interaction: Interaction): Promise<void> {
  const context = { user: interaction.user.id, channel: interaction.channelId, guild: interaction.guildId, interaction: interaction.id }
  if (interaction.isAutocomplete()) {
    try {
      await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx)
    } catch (error) {
      // Autocomplete has no way to show an error; suggestions simply do not appear.
      ctx.logger.warn({ err: error, ...context, ...classify(error) }, 'autocomplete failed')
    }
    return
  }
  if (!interaction.isRepliable()) return
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName)
      if (!command) {
        ctx.logger.warn({ ...context, command: interaction.commandName }, 'unknown command (run npm run deploy-commands)')
        await respond(interaction, help(ctx), true)
        return
      }
      await command.execute(interaction, ctx)
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx)
    }
  } catch (error) {
    await reportFailure(ctx, error, { interaction }, context)
  }
}
