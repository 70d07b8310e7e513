import { z } from 'zod'

/** Raised when the environment is invalid; its message names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const TOKEN_HELP =
  'Create a bot at https://discord.com/developers/applications → your application → Bot → Reset Token, ' +
  'then put it in .env as DISCORD_TOKEN=… (see README, "Connect to Discord").'

// Discord snowflakes are 17–20 digit integers.
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord ID (17–20 digits)')
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const schema = z.object({
  // A bot token is three base64url parts joined by dots; anything else cannot log in.
  DISCORD_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'does not look like a Discord bot token')
      .optional(),
  ),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_CLIENT_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  ASK_CHANNELS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
    z.array(snowflake),
  ),
  COOLDOWN_QUESTIONS: z.preprocess(emptyAsUndefined, positiveInt(5)),
  COOLDOWN_SECONDS: z.preprocess(emptyAsUndefined, positiveInt(30)),
  SHARDS: z.preprocess(
    emptyAsUndefined,
    z.union([z.literal('auto'), z.coerce.number().int().positive()]).optional(),
  ),
  SEEDS_DIR: z.preprocess(emptyAsUndefined, z.string().default('seeds')),
  INDEX_DIR: z.preprocess(emptyAsUndefined, z.string().default('index')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
})

/** The validated configuration. Every default is stated in the schema above and in `.env.example`. */
export interface Config {
  /** Bot token; absent means "no Discord": `npm start` opens the REPL. */
  discordToken: string | null
  /** REST base URL for discord.js (`…/api`); null means Discord's own. */
  discordApiUrl: string | null
  /** Guild for `npm run deploy-commands`; null deploys globally. */
  discordGuildId: string | null
  /** Application ID for deploying commands; null asks the API (`/applications/@me`). */
  discordClientId: string | null
  /** Channels where every message is a question (needs the Message Content intent). */
  askChannels: readonly string[]
  /** Per-user cooldown: at most this many questions… */
  cooldownQuestions: number
  /** …per this many seconds. */
  cooldownSeconds: number
  /** null: one process; 'auto' or N: discord.js ShardingManager. */
  shards: 'auto' | number | null
  seedsDir: string
  indexDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** Reads and validates the environment once. Pure: pass `process.env` (after dotenv) at the edge. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment')
      const hint = name === 'DISCORD_TOKEN' ? ` ${TOKEN_HELP}` : ''
      return `${name}: ${issue.message}.${hint}`
    })
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const v = parsed.data
  return Object.freeze({
    discordToken: v.DISCORD_TOKEN ?? null,
    discordApiUrl: v.DISCORD_API_URL ?? null,
    discordGuildId: v.DISCORD_GUILD_ID ?? null,
    discordClientId: v.DISCORD_CLIENT_ID ?? null,
    askChannels: Object.freeze([...v.ASK_CHANNELS]),
    cooldownQuestions: v.COOLDOWN_QUESTIONS,
    cooldownSeconds: v.COOLDOWN_SECONDS,
    shards: v.SHARDS ?? null,
    seedsDir: v.SEEDS_DIR,
    indexDir: v.INDEX_DIR,
    logLevel: v.LOG_LEVEL,
  })
}
