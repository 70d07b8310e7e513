import { Events, GatewayIntentBits } from 'discord.js'
import { defineEvent } from './types.js'

export const ready = defineEvent({
  name: Events.ClientReady,
  once: true,
  execute(ctx, client) {
    const messageContent = client.options.intents.has(GatewayIntentBits.MessageContent)
    ctx.logger.info(
      { user: client.user.tag, id: client.user.id, guilds: client.guilds.cache.size, messageContent },
      `Discord: ready as ${client.user.tag}`,
    )
  },
})
