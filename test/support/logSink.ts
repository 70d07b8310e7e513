import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { Logger } from 'pino'

/** A stream for a logger's JSON lines that keeps them as objects (`lines`) and as written (`text()`). */
export function jsonLineSink(): { stream: Writable; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = chunk.toString('utf8')
      raw.push(text)
      for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { stream, lines, text: () => raw.join('') }
}

/** A real pino logger whose lines are kept as objects, so tests can assert on what was logged. */
export function captureLogs(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const { stream, lines } = jsonLineSink()
  return { logger: pino({ level }, stream), lines }
}
