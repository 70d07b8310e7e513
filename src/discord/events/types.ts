import type { ClientEvents } from 'discord.js'
import type { BotContext } from '../context.js'

/** One client event, as the discord.js guide lays them out: its name, whether it fires once, and what it does. */
export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K
  once?: boolean
  execute(ctx: BotContext, ...args: ClientEvents[K]): void
}

/** Keeps each event file's argument types tied to its name. */
export function defineEvent<K extends keyof ClientEvents>(event: BotEvent<K>): BotEvent<K> {
  return event
}
