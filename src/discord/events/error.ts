import { Events } from 'discord.js'
import { defineEvent } from './types.js'

// Without an 'error' listener, an emitted error would throw and end the process.
export const error = defineEvent({
  name: Events.Error,
  execute(ctx, err) {
    ctx.logger.error({ err }, 'Discord client error')
  },
})
