import { Client, GatewayIntentBits, Options, Partials } from 'discord.js'
import type { Config } from '../config.js'
import { NO_MENTIONS } from '../format/discord.js'

/**
 * The intents the bot asks for. Mentions, DMs and slash commands work without the privileged Message Content
 * intent (Discord delivers the content of messages that mention the bot); question channels need it.
 */
export function intentsFor(config: Readonly<Config>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages]
  if (config.askChannels.length > 0) intents.push(GatewayIntentBits.MessageContent)
  return intents
}

export function createClient(config: Readonly<Config>): Client {
  return new Client({
    intents: intentsFor(config),
    // DM channels are not cached when their first message arrives; without this discord.js drops the message.
    partials: [Partials.Channel],
    // The default for every send; each send also sets it (src/discord/respond.ts).
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    rest: config.discordApiUrl ? { api: config.discordApiUrl } : {},
    // The bot reads messages as they arrive and never looks back: keep caches small.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 25,
      ReactionManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
    }),
  })
}
