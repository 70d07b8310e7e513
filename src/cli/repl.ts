// The local REPL. In a terminal: a prompt with in-session history (↑/↓), colours, and Ctrl-D / Ctrl-C to leave.
// Piped: no prompt and no colours, one reply per input line, and it ends with the input.
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import picocolors from 'picocolors'
import { counted, wantsColor } from '../format/text.js'
import { BufferedOutput, exitWhenReaderCloses, readLineBatches } from './io.js'
import type { Notices } from './notices.js'
import { ReplSession } from './session.js'
import type { ReplEngine, ReplSessionOptions } from './session.js'

export interface ReplOptions {
  input: NodeJS.ReadStream
  output: NodeJS.WriteStream
  /** For NO_COLOR / FORCE_COLOR. */
  env: Record<string, string | undefined>
  /** What `:reload` runs (the LiveCorpus's, shared with the watcher). Default: the engine's reload. */
  reload?: ReplSessionOptions['reload']
  /** Where `:good` / `:bad` ratings go. Default: none. */
  feedback?: ReplSessionOptions['feedback']
  /** Where :add, :articles and :remove go. */
  desk?: ReplSessionOptions['desk']
  /** Notices of the folder watcher; in a terminal they are printed above the prompt. Default: none. */
  notices?: Notices
}

/** Runs the REPL until `:quit`, Ctrl-D, Ctrl-C or the end of the input. */
export async function runRepl(engine: ReplEngine, options: ReplOptions): Promise<void> {
  const { input, output, env, reload, feedback, desk } = options
  if (input.isTTY && output.isTTY) await interactive(engine, input, output, wantsColor(output, env), { reload, feedback, desk }, options.notices)
  else await piped(engine, input, output, { reload, feedback, desk })
}

async function interactive(
  engine: ReplEngine,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  color: boolean,
  sessionOptions: Pick<ReplSessionOptions, 'reload' | 'feedback' | 'desk'>,
  notices?: Notices,
): Promise<void> {
  const c = picocolors.createColors(color)
  const session = new ReplSession(engine, { color, ...sessionOptions })
  const paragraphs = engine.articles.reduce((sum, article) => sum + article.paragraphs, 0)
  output.write(
    `${c.bold('Ask about the articles')} ${c.dim(`(${counted(engine.articles.length, 'article')}, ${counted(paragraphs, 'paragraph')}).`)}` +
      ` ${c.dim('Type :help for commands, :quit to leave.')}\n\n`,
  )
  // History lives for the session only: questions are not written to disk.
  const rl = createInterface({
    input,
    output,
    terminal: true,
    prompt: c.cyan('› '),
    historySize: 500,
    removeHistoryDuplicates: true,
  })
  let quit = false
  let ended = false
  // Lines are handled one after another (`:reload` takes a moment): a line pasted behind it waits its turn.
  let turn = Promise.resolve()
  const handle = async (line: string) => {
    if (ended) return
    const reply = await session.handle(line)
    if (reply.output) output.write(`${reply.output}\n\n`)
    if (ended) return
    if (reply.quit) {
      quit = true
      rl.close()
    } else {
      rl.prompt()
    }
  }
  rl.on('line', (line) => {
    turn = turn.then(() => handle(line))
  })
  // Ctrl-C leaves, like Ctrl-D; readline would otherwise just pause.
  rl.on('SIGINT', () => rl.close())
  rl.on('close', () => (ended = true))
  // Clear the prompt line, print the notice, draw the prompt again with what was typed so far.
  notices?.to((line) => {
    if (ended) return
    output.write(`\r\x1b[K${c.yellow(line)}\n`)
    rl.prompt(true)
  })
  const closed = once(rl, 'close')
  rl.prompt()
  await closed
  // Ctrl-D / Ctrl-C leave the cursor after the prompt.
  if (!quit) output.write('\n')
}

async function piped(
  engine: ReplEngine,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  sessionOptions: Pick<ReplSessionOptions, 'reload' | 'feedback' | 'desk'>,
): Promise<void> {
  const session = new ReplSession(engine, { color: false, ...sessionOptions })
  const out = new BufferedOutput(output)
  exitWhenReaderCloses(output)
  let first = true
  for await (const lines of readLineBatches(input)) {
    for (const line of lines) {
      const reply = await session.handle(line)
      if (reply.output) {
        // A blank line between replies, none before the first.
        out.push(`${first ? '' : '\n'}${reply.output}\n`)
        first = false
      }
      if (reply.quit) return out.flush()
      if (out.full) await out.flush()
    }
    await out.flush()
  }
}
