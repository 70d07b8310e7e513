import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { Logger } from 'pino'

/** A real pino logger whose lines are kept as objects, so tests can assert on what was logged. */
export function captureLogs(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { logger: pino({ level }, stream), lines }
}
