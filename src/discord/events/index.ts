import type { Client, ClientEvents } from 'discord.js'
import type { BotContext } from '../context.js'
import { error } from './error.js'
import { interactionCreate } from './interactionCreate.js'
import { messageCreate } from './messageCreate.js'
import { ready } from './ready.js'
import { shardReconnecting } from './shardReconnecting.js'
import { shardResume } from './shardResume.js'
import type { BotEvent } from './types.js'
import { warn } from './warn.js'

const events = [ready, messageCreate, interactionCreate, error, warn, shardResume, shardReconnecting]

/** Attaches every event handler to the client, each with the bot's context. */
export function registerEvents(client: Client, ctx: BotContext): void {
  for (const event of events as BotEvent<keyof ClientEvents>[]) {
    const listener = (...args: ClientEvents[keyof ClientEvents]) => {
      // A throwing handler would surface inside discord.js's gateway code; keep it here, logged.
      try {
        event.execute(ctx, ...args)
      } catch (error) {
        ctx.logger.error({ err: error, event: event.name }, 'event handler failed')
      }
    }
    if (event.once) client.once(event.name, listener)
    else client.on(event.name, listener)
  }
}
