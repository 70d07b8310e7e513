import { TOKEN_HELP } from '../config.js'

/** A problem the bot cannot recover from by retrying: it says what to fix, and the process exits 1. */
export class DiscordFatalError extends Error {
  override name = 'DiscordFatalError'
}

/** The fix for each gateway close code that Discord will not let a bot reconnect after. */
const CLOSE_CODE_HELP: Record<number, string> = {
  4004: `Discord rejected DISCORD_TOKEN (gateway close 4004: authentication failed). ${TOKEN_HELP}`,
  4010: 'Discord rejected the shard settings (gateway close 4010: invalid shard). Check SHARDS.',
  4011: 'Discord requires sharding for this bot (gateway close 4011). Set SHARDS=auto.',
  4012: 'Discord rejected the gateway API version (gateway close 4012). Update discord.js.',
  4013: 'Discord rejected the requested intents (gateway close 4013: invalid intents).',
  4014:
    'Discord refused the Message Content intent (gateway close 4014: disallowed intents). Enable it in the ' +
    'Developer Portal → your application → Bot → Privileged Gateway Intents, or leave ASK_CHANNELS empty.',
}

/** The fatal error for a gateway close code, or null when discord.js will reconnect by itself. */
export function fatalForCloseCode(code: number): DiscordFatalError | null {
  const help = CLOSE_CODE_HELP[code]
  return help ? new DiscordFatalError(help) : null
}

export const invalidTokenError = () =>
  new DiscordFatalError(`Discord rejected DISCORD_TOKEN (401 Unauthorized). ${TOKEN_HELP}`)

export const missingTokenError = () => new DiscordFatalError(`DISCORD_TOKEN is not set. ${TOKEN_HELP}`)
