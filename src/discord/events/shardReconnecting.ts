import { Events } from 'discord.js'
import { defineEvent } from './types.js'

export const shardReconnecting = defineEvent({
  name: Events.ShardReconnecting,
  execute(ctx, shardId) {
    // Closing the client on shutdown closes the connection too; that is not news.
    if (ctx.inflight.closing) return
    ctx.logger.warn({ shard: shardId }, 'Discord: gateway connection lost, reconnecting')
  },
})
