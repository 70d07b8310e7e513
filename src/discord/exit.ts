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
