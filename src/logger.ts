import { pino } from 'pino'
import type { DestinationStream, Logger } from 'pino'

export type { Logger }

/** Paths pino censors wherever they appear in a log line: the bot token must never reach a log. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'config.discordToken',
  'discordToken',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
]

// Interaction and webhook tokens sit in REST paths ("/interactions/ID/TOKEN/callback"), which discord.js puts in
// its errors' messages and URLs: mask them in any string a log line carries.
const PATH_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[\w.-]{20,}/g

/** A copy of a log line's fields with interaction and webhook tokens masked (three levels deep). */
export function maskTokens(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(PATH_TOKEN, '$1[redacted]')
  // Errors are left whole for the err serializer, which masks them once serialised.
  if (depth > 3 || value === null || typeof value !== 'object' || value instanceof Error) return value
  if (Array.isArray(value)) return value.map((v) => maskTokens(v, depth + 1))
  const out: Record<string, unknown> = {}
  // for…in, not Object.entries: pino's serialised errors keep message and stack on their prototype.
  for (const k in value) out[k] = maskTokens((value as Record<string, unknown>)[k], depth + 1)
  return out
}

export interface LoggerOptions {
  level?: string
  /** Where lines go. Default: stderr, so that stdout stays clean for answers and `--json`. */
  destination?: DestinationStream
}

/** The one pino instance of a process. Modules take `logger.child({ module: '…' })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
      serializers: { err: (err: Error) => maskTokens(pino.stdSerializers.err(err)) as ReturnType<typeof pino.stdSerializers.err> },
      formatters: { log: (fields) => maskTokens(fields) as Record<string, unknown> },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  )
}
