// The REPL's conversation, without any terminal: one input line in, the text to show out. The terminal loop and
// the piped loop (repl.ts) both drive it, so they behave the same.
import type { Engine } from '../engine.js'
import { formatAnswer, formatSearchHits, formatSources, formatWhy } from '../format/text.js'
import type { Answer, AskOptions } from '../types.js'
import { MAX_K, parseK, UsageError } from './args.js'

/** The engine's default number of citations. */
const DEFAULT_K = 3

/** What the REPL needs from the engine. */
export type ReplEngine = Pick<Engine, 'ask' | 'search' | 'articles' | 'origin' | 'indexMs'>

export interface ReplSessionOptions {
  /** Citations per answer. Default 3. */
  k?: number
  /** ANSI colours. Default false. */
  color?: boolean
}

/** What to show for one input line. */
export interface ReplReply {
  /** Text to print (no trailing newline); empty for nothing. */
  output: string
  /** True after `:quit`. */
  quit: boolean
}

export const REPL_HELP = [
  `Ask a question about the articles, e.g. "who did Xi send?". A follow-up such as "and when was that?" leans on`,
  'the previous question.',
  '',
  'Commands:',
  '  :help           this help',
  '  :sources        the articles, with outlet, title, date and paragraphs',
  '  :why            the score breakdown of the last answer',
  `  :k N            cite up to N passages per answer (1–${MAX_K})`,
  '  :search WORDS   the passages that match WORDS, best first',
  '  :quit           leave (Ctrl-D and Ctrl-C leave too)',
].join('\n')

export class ReplSession {
  private k: number
  private readonly color: boolean
  /** The last answer, for `:why`. */
  private last: Answer | null = null
  /** The last exchange that searched for something, for follow-ups. */
  private previous: AskOptions['previous'] = null

  constructor(
    private readonly engine: ReplEngine,
    options: ReplSessionOptions = {},
  ) {
    this.k = options.k ?? DEFAULT_K
    this.color = options.color ?? false
  }

  /** Handles one line: a `:command`, or a question. A failure is reported in the reply; the session goes on. */
  handle(line: string): ReplReply {
    try {
      return this.dispatch(line)
    } catch (error) {
      return reply(`Sorry, that failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private dispatch(line: string): ReplReply {
    const input = line.trim()
    if (input === '') return reply(REPL_HELP)
    // ":)" is a (declined) question, not a command: commands start with a letter.
    const command = /^:([a-z]+)\s*(.*)$/i.exec(input)
    if (command) return this.command(command[1]!.toLowerCase(), command[2]!)
    return reply(this.ask(line))
  }

  private ask(question: string): string {
    const answer = this.engine.ask(question, { k: this.k, previous: this.previous })
    this.last = answer
    if (answer.declineReason === 'empty') return REPL_HELP
    // A question that searched for something becomes the context of the next one; an unusable one does not.
    if (answer.declineReason !== 'too_long' && answer.declineReason !== 'no_terms') {
      this.previous = { question: answer.question, answer: answer.answer }
    }
    return formatAnswer(answer, { color: this.color })
  }

  private command(name: string, rest: string): ReplReply {
    switch (name) {
      case 'help':
      case 'h':
        return reply(REPL_HELP)
      case 'sources':
        return reply(this.sources())
      case 'why':
        return reply(this.last ? formatWhy(this.last, { color: this.color }) : 'Nothing to explain yet: ask a question first.')
      case 'k':
        return reply(this.setK(rest))
      case 'search':
        return reply(this.search(rest))
      case 'quit':
      case 'q':
      case 'exit':
        return { output: '', quit: true }
      default:
        return reply(`Unknown command :${name}. Type :help for the list.`)
    }
  }

  private sources(): string {
    const how = { loaded: 'loaded', built: 'built', memory: 'built in memory' }[this.engine.origin]
    const list = formatSources(this.engine.articles, { color: this.color })
    return `${list}\nIndex ${how} in ${Math.round(this.engine.indexMs)} ms.`
  }

  private setK(rest: string): string {
    if (rest.trim() === '') return `Citing up to ${this.k} passages per answer. Change it with :k N (1–${MAX_K}).`
    try {
      this.k = parseK(rest)
    } catch (error) {
      if (error instanceof UsageError) return error.message
      throw error
    }
    return `Citing up to ${this.k} ${this.k === 1 ? 'passage' : 'passages'} per answer from now on.`
  }

  private search(words: string): string {
    if (words.trim() === '') return 'Usage: :search WORDS, e.g. :search tariffs Mexico'
    const { hits, total } = this.engine.search(words, { limit: this.k })
    return formatSearchHits(hits, total, { color: this.color })
  }
}

function reply(output: string): ReplReply {
  return { output, quit: false }
}
