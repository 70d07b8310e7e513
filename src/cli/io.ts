// Line input and buffered output for piped use: ten thousand questions in, ten thousand answers out, in order,
// without one write per answer, without outrunning a slow reader, and without a stack trace under `| head`.
import { once } from 'node:events'

/** Longest input line kept; anything past it is dropped (the engine declines questions over 500 characters anyway). */
const MAX_LINE_CHARS = 64 * 1024
/** Buffered output is written once it grows past this many characters. */
const FLUSH_CHARS = 256 * 1024

/**
 * The lines of a stream, a batch per chunk read, in order; `\r\n` and a missing final newline are handled.
 * Reading waits while the consumer works, so a slow consumer holds the producer back.
 */
export async function* readLineBatches(input: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  input.setEncoding('utf8')
  let partial = ''
  let overflow = false
  for await (const chunk of input as AsyncIterable<string>) {
    const parts = chunk.split('\n')
    const lines: string[] = []
    for (let i = 0; i < parts.length - 1; i++) {
      lines.push(stripCr(overflow ? partial : partial + parts[i]!))
      partial = ''
      overflow = false
    }
    const tail = parts[parts.length - 1]!
    if (!overflow) {
      partial += tail
      if (partial.length > MAX_LINE_CHARS) {
        partial = partial.slice(0, MAX_LINE_CHARS)
        overflow = true
      }
    }
    if (lines.length > 0) yield lines
  }
  if (partial !== '') yield [stripCr(partial)]
}

/** Collects text and writes it in large pieces, waiting for `drain` when the reader is slower than we are. */
export class BufferedOutput {
  private parts: string[] = []
  private size = 0

  constructor(private readonly stream: NodeJS.WritableStream) {}

  /** Queues text; call `flush()` at least once per batch. */
  push(text: string): void {
    this.parts.push(text)
    this.size += text.length
  }

  /** Whether enough is queued that it should be written now. */
  get full(): boolean {
    return this.size >= FLUSH_CHARS
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return
    const text = this.parts.join('')
    this.parts = []
    this.size = 0
    if (!this.stream.write(text)) await once(this.stream, 'drain')
  }
}

/**
 * Ends the process quietly, with code 0, when the reader of `stream` goes away (`npm run ask -- --json | head`):
 * the reader got what it wanted. Any other write error is reported in one line, with code 1.
 */
export function exitWhenReaderCloses(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0)
    process.stderr.write(`Cannot write the output: ${error.message}\n`)
    process.exit(1)
  })
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}
