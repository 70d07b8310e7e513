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
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  )
}
