import { join } from 'node:path'
import * as v from 'valibot'

/** Raised when the environment is invalid; its message names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const TOKEN_HELP =
  'Create a bot at https://discord.com/developers/applications → your application → Bot → Reset Token, ' +
  'then put it in .env as DISCORD_TOKEN=… (see README, "Connect to Discord").'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

// Discord snowflakes are 17–20 digit integers.
const snowflake = v.pipe(v.string(), v.trim(), v.regex(/^\d{17,20}$/, 'must be a Discord ID (17–20 digits)'))
const wholeNumber = (message: string) => v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, message), v.transform(Number))
const positiveInt = v.pipe(wholeNumber('must be a whole number of at least 1'), v.minValue(1, 'must be a whole number of at least 1'))
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

/** A variable left unset or blank is undefined; a value is checked by `schema`. */
function variable<T>(schema: v.GenericSchema<string, T>) {
  return v.optional(v.pipe(v.unknown(), v.transform(emptyAsUndefined), v.optional(schema)))
}

/** A variable left unset or blank reads as `fallback`, which `schema` then checks and converts like a value. */
function variableOr<T>(schema: v.GenericSchema<string, T>, fallback: string) {
  return v.optional(v.pipe(v.unknown(), v.transform(emptyAsUndefined), v.optional(schema, fallback)), fallback)
}

/** true or false, any case; unset or blank reads as `fallback`. */
function trueOrFalse(fallback: 'true' | 'false') {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value) => (typeof value === 'string' ? emptyAsUndefined(value.trim().toLowerCase()) : value)),
      v.optional(v.picklist(['true', 'false'], 'must be true or false'), fallback),
    ),
    fallback,
  )
}

const schema = v.pipe(
  v.object({
    // A bot token is three base64url parts joined by dots; anything else cannot log in.
    DISCORD_TOKEN: variable(v.pipe(v.string(), v.trim(), v.regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'does not look like a Discord bot token'))),
    DISCORD_API_URL: variable(v.pipe(v.string(), v.trim(), v.url('must be a URL, e.g. http://127.0.0.1:8080/api'))),
    DISCORD_GUILD_ID: variable(snowflake),
    DISCORD_CLIENT_ID: variable(snowflake),
    ASK_CHANNELS: v.optional(
      v.pipe(
        v.unknown(),
        v.transform((value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [])),
        v.array(snowflake),
      ),
      '',
    ),
    COOLDOWN_QUESTIONS: variableOr(positiveInt, '5'),
    COOLDOWN_SECONDS: variableOr(positiveInt, '30'),
    SHARDS: variable(v.union([v.literal('auto'), positiveInt], 'must be auto or a whole number of at least 1')),
    // The HTTP interactions endpoint (src/discord/http/): on when INTERACTIONS_PORT is set; needs the public key.
    INTERACTIONS_PORT: variable(v.pipe(wholeNumber('must be a port number, 0–65535'), v.maxValue(65535, 'must be a port number, 0–65535'))),
    INTERACTIONS_HOST: variableOr(v.pipe(v.string(), v.trim()), '127.0.0.1'),
    INTERACTIONS_PATH: variableOr(v.pipe(v.string(), v.trim(), v.regex(/^\/[\w\-./]*$/, 'must be a URL path starting with /, e.g. /interactions')), '/interactions'),
    DISCORD_PUBLIC_KEY: variable(
      v.pipe(v.string(), v.trim(), v.regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key (Developer Portal → General Information)')),
    ),
    FEEDBACK_FILE: variable(v.string()),
    FEEDBACK_SALT: variable(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
    SEEDS_DIR: variableOr(v.string(), 'seeds'),
    INDEX_DIR: variableOr(v.string(), 'index'),
    WATCH_SEEDS: trueOrFalse('true'),
    // Adding articles (src/corpus/ingest/): who may besides Manage Server, and whether private addresses may be fetched.
    EDITOR_ROLE_ID: variable(snowflake),
    ALLOW_PRIVATE_URLS: trueOrFalse('false'),
    LOG_LEVEL: variableOr(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
  }),
  // Without the key no request can be verified, and every one would be refused: say so at start instead.
  v.forward(
    v.check(
      (c) => c.INTERACTIONS_PORT === undefined || c.DISCORD_PUBLIC_KEY !== undefined,
      'is needed when INTERACTIONS_PORT is set: copy the Public Key from the Developer Portal (General Information)',
    ),
    ['DISCORD_PUBLIC_KEY'],
  ),
)

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
  /** A role whose members may use /add besides those with Manage Server; null: Manage Server only. */
  editorRoleId: string | null
  /** Fetch links to private, loopback and link-local addresses (tests, intranets). Default false. */
  allowPrivateUrls: boolean
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** Reads and validates the environment once. Pure: pass `process.env` (after dotenv) at the edge. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = v.safeParse(schema, env)
  if (!parsed.success) {
    const lines = parsed.issues.map((issue) => {
      const name = String(issue.path?.[0]?.key ?? 'environment')
      const hint = name === 'DISCORD_TOKEN' ? ` ${TOKEN_HELP}` : ''
      return `${name}: ${issue.message}.${hint}`
    })
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const c = parsed.output
  return Object.freeze({
    discordToken: c.DISCORD_TOKEN ?? null,
    discordApiUrl: c.DISCORD_API_URL ?? null,
    discordGuildId: c.DISCORD_GUILD_ID ?? null,
    discordClientId: c.DISCORD_CLIENT_ID ?? null,
    askChannels: Object.freeze([...c.ASK_CHANNELS]),
    cooldownQuestions: c.COOLDOWN_QUESTIONS,
    cooldownSeconds: c.COOLDOWN_SECONDS,
    shards: c.SHARDS ?? null,
    interactionsPort: c.INTERACTIONS_PORT ?? null,
    interactionsHost: c.INTERACTIONS_HOST,
    interactionsPath: c.INTERACTIONS_PATH,
    discordPublicKey: c.DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
    feedbackFile: c.FEEDBACK_FILE ?? join(c.INDEX_DIR, 'feedback.jsonl'),
    feedbackSalt: c.FEEDBACK_SALT ?? null,
    seedsDir: c.SEEDS_DIR,
    indexDir: c.INDEX_DIR,
    watchSeeds: c.WATCH_SEEDS === 'true',
    editorRoleId: c.EDITOR_ROLE_ID ?? null,
    allowPrivateUrls: c.ALLOW_PRIVATE_URLS === 'true',
    logLevel: c.LOG_LEVEL,
  })
}
