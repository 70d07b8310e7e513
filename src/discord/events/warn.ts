import { Events } from 'discord.js'
import { defineEvent } from './types.js'

export const warn = defineEvent({
  name: Events.Warn,
  execute(ctx, message) {
    ctx.logger.warn({ detail: message }, 'Discord client warning')
  },
})
