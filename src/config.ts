import { join } from 'node:path'
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
  // The HTTP interactions endpoint (src/discord/http/): on when INTERACTIONS_PORT is set; needs the public key.
  INTERACTIONS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  INTERACTIONS_HOST: z.preprocess(emptyAsUndefined, z.string().trim().default('127.0.0.1')),
  INTERACTIONS_PATH: z.preprocess(
    emptyAsUndefined,
    z.string().trim().regex(/^\/[\w\-./]*$/, 'must be a URL path starting with /, e.g. /interactions').default('/interactions'),
  ),
  DISCORD_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key (Developer Portal → General Information)').optional(),
  ),
  FEEDBACK_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  FEEDBACK_SALT: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  SEEDS_DIR: z.preprocess(emptyAsUndefined, z.string().default('seeds')),
  INDEX_DIR: z.preprocess(emptyAsUndefined, z.string().default('index')),
  WATCH_SEEDS: z.preprocess(
    (v) => (typeof v === 'string' ? emptyAsUndefined(v.trim().toLowerCase()) : v),
    z.enum(['true', 'false'], 'must be true or false').default('true'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
}).superRefine((v, ctx) => {
  // Without the key no request can be verified, and every one would be refused: say so at start instead.
  if (v.INTERACTIONS_PORT !== undefined && v.DISCORD_PUBLIC_KEY === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_PUBLIC_KEY'],
      message: 'is needed when INTERACTIONS_PORT is set: copy the Public Key from the Developer Portal (General Information)',
    })
  }
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
  /** Port of the HTTP interactions endpoint; null: no endpoint (0: any free port). */
  interactionsPort: number | null
  /** Address the endpoint listens on. Default 127.0.0.1 (a proxy or load balancer on the host in front). */
  interactionsHost: string
  /** Path of the endpoint. Default /interactions. */
  interactionsPath: string
  /** The application's Ed25519 public key (hex) that Discord's signatures are checked against. */
  discordPublicKey: string | null
  /** Append-only JSONL file of 👍/👎 ratings. Default `<INDEX_DIR>/feedback.jsonl`. */
  feedbackFile: string
  /** Salt for hashing user ids in feedback; null: one generated beside the feedback file on first use. */
  feedbackSalt: string | null
  seedsDir: string
  indexDir: string
  /** Reload the articles when files under seedsDir change (REPL and bot). Default true. */
  watchSeeds: boolean
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
    interactionsPort: v.INTERACTIONS_PORT ?? null,
    interactionsHost: v.INTERACTIONS_HOST,
    interactionsPath: v.INTERACTIONS_PATH,
    discordPublicKey: v.DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
    feedbackFile: v.FEEDBACK_FILE ?? join(v.INDEX_DIR, 'feedback.jsonl'),
    feedbackSalt: v.FEEDBACK_SALT ?? null,
    seedsDir: v.SEEDS_DIR,
    indexDir: v.INDEX_DIR,
    watchSeeds: v.WATCH_SEEDS === 'true',
    logLevel: v.LOG_LEVEL,
  })
}
