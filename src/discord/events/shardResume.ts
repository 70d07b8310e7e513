import { Events } from 'discord.js'
import { defineEvent } from './types.js'

export const shardResume = defineEvent({
  name: Events.ShardResume,
  execute(ctx, shardId, replayed) {
    ctx.logger.info({ shard: shardId, replayed }, 'Discord: gateway session resumed')
  },
})
