import type { Logger } from '../logger.js'

/** Says why (plainly on stderr, and in the log), flushes the log, and ends the process with `code`. */
export function exitWith(log: Logger, code: number, message?: string): never {
  if (message && code === 0) log.info(message)
  if (message && code !== 0) {
    log.fatal(message)
    process.stderr.write(`${message}\n`)
  }
  log.flush()
  process.exit(code)
}

/** What `exitOnSignal` says: `<prefix>: shutting down`, `<prefix>: error while closing`, then `stopped`. */
export interface ShutdownWords {
  prefix: string
  stopped: string
}

/**
 * On the first SIGINT or SIGTERM (later ones are ignored): logs it, runs `close`, logs any error it throws, then
 * ends the process with 0 saying `stopped`.
 */
export function exitOnSignal(log: Logger, words: ShutdownWords, close: () => Promise<unknown>): void {
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, `${words.prefix}: shutting down`)
    void close()
      .catch((error: unknown) => log.error({ err: error }, `${words.prefix}: error while closing`))
      .finally(() => exitWith(log, 0, words.stopped))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}
