// The REPL's conversation, without any terminal: one input line in, the text to show out. The terminal loop and
// the piped loop (repl.ts) both drive it, so they behave the same.
import { IngestError, REMOVED_FOLDER } from '../corpus/ingest/desk.js'
import type { ArticleDesk } from '../corpus/ingest/desk.js'
import type { Engine, ReloadReport } from '../engine.js'
import type { FeedbackLog } from '../feedback/log.js'
import { replRecord } from '../feedback/record.js'
import type { Verdict } from '../feedback/record.js'
import { formatAdded, formatRemoved } from '../format/articlesText.js'
import { formatReload } from '../format/reloadText.js'
import { echoQuestion, formatAnswer, formatSearchHits, formatSources, formatWhy } from '../format/text.js'
import type { Answer, AskOptions } from '../types.js'
import { MAX_K, parseK, UsageError } from './args.js'

/** The engine's default number of citations. */
const DEFAULT_K = 3

/** What the REPL needs from the engine. */
export type ReplEngine = Pick<Engine, 'ask' | 'search' | 'articles' | 'origin' | 'indexMs' | 'reload'>

export interface ReplSessionOptions {
  /** Citations per answer. Default 3. */
  k?: number
  /** ANSI colours. Default false. */
  color?: boolean
  /** What `:reload` runs. Default: the engine's reload (the REPL passes its LiveCorpus's, shared with the watcher). */
  reload?: () => Promise<ReloadReport>
  /** Where `:good` / `:bad` ratings go (FEEDBACK_FILE). Default: none, and the REPL says they are not saved. */
  feedback?: FeedbackLog | null
  /** Where :add, :articles and :remove go. Default: none, and the REPL says adding is not available. */
  desk?: ArticleDesk | null
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
  '  :reload         read the articles folder again now, and say what changed',
  '  :add URL|FILE   add an article: a link to a news page, or a .html/.htm/.txt/.md file',
  '  :articles       the articles, as :sources lists them',
  '  :remove FILE    take an article out (its file is moved to .removed/ in the articles folder)',
  '  :good / :bad    rate the last answer (kept for `npm run feedback`, which turns bad ones into test cases)',
  '  :quit           leave (Ctrl-D and Ctrl-C leave too)',
].join('\n')

export class ReplSession {
  private k: number
  private readonly color: boolean
  private readonly reload: () => Promise<ReloadReport>
  private readonly feedback: FeedbackLog | null
  private readonly desk: ArticleDesk | null
  /** The last answer, for `:why`, `:good` and `:bad`. */
  private last: Answer | null = null
  /** Answers given so far; with the session's start, the id a rating names (a second rating replaces the first). */
  private answers = 0
  private readonly started = Date.now().toString(36)
  /** The last exchange that searched for something, for follow-ups. */
  private previous: AskOptions['previous'] = null

  constructor(
    private readonly engine: ReplEngine,
    options: ReplSessionOptions = {},
  ) {
    this.k = options.k ?? DEFAULT_K
    this.color = options.color ?? false
    this.reload = options.reload ?? (() => engine.reload())
    this.feedback = options.feedback ?? null
    this.desk = options.desk ?? null
  }

  /**
   * Handles one line: a `:command`, or a question. A failure is reported in the reply; the session goes on.
   * Async because `:reload` is: callers await each line before the next, so a question after `:reload` sees the
   * articles it loaded.
   */
  async handle(line: string): Promise<ReplReply> {
    try {
      return await this.dispatch(line)
    } catch (error) {
      return reply(`Sorry, that failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private dispatch(line: string): ReplReply | Promise<ReplReply> {
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
    this.answers++
    if (answer.declineReason === 'empty') return REPL_HELP
    // A question that searched for something becomes the context of the next one; an unusable one does not.
    if (answer.declineReason !== 'too_long' && answer.declineReason !== 'no_terms') {
      this.previous = { question: answer.question, answer: answer.answer }
    }
    return formatAnswer(answer, { color: this.color })
  }

  private command(name: string, rest: string): ReplReply | Promise<ReplReply> {
    switch (name) {
      case 'help':
      case 'h':
        return reply(REPL_HELP)
      case 'sources':
      case 'articles':
        return reply(this.sources())
      case 'add':
        return this.add(rest)
      case 'remove':
        return this.remove(rest)
      case 'why':
        return reply(this.last ? formatWhy(this.last, { color: this.color }) : 'Nothing to explain yet: ask a question first.')
      case 'k':
        return reply(this.setK(rest))
      case 'search':
        return reply(this.search(rest))
      case 'good':
      case 'bad':
        return reply(this.rate(name))
      case 'reload':
        return this.reload().then((report) => reply(formatReload(report, { color: this.color })))
      case 'quit':
      case 'q':
      case 'exit':
        return { output: '', quit: true }
      default:
        return reply(`Unknown command :${name}. Type :help for the list.`)
    }
  }

  private rate(verdict: Verdict): string {
    const last = this.last
    if (!last || last.declineReason === 'empty' || last.declineReason === 'too_long' || last.declineReason === 'no_terms') {
      return 'Nothing to rate yet: ask a question first.'
    }
    if (!this.feedback) return 'Ratings are not saved in this session.'
    this.feedback.append({ ...replRecord(last, verdict), message: `repl:${this.started}:${this.answers}` })
    const what = verdict === 'good' ? '👍 a good answer' : '👎 a bad answer'
    return `Noted: ${what} to "${echoQuestion(last.question)}" (saved to ${this.feedback.path}).`
  }

  private sources(): string {
    const how = { loaded: 'loaded', updated: 'updated', built: 'built', memory: 'built in memory' }[this.engine.origin]
    const list = formatSources(this.engine.articles, { color: this.color })
    return `${list}\nIndex ${how} in ${Math.round(this.engine.indexMs)} ms.`
  }

  private async add(source: string): Promise<ReplReply> {
    if (!this.desk) return reply('Adding articles is not available in this session.')
    if (source.trim() === '') return reply('Usage: :add URL or :add FILE, e.g. :add https://example.com/news/story')
    return reply(await refusalSaid('add', async () => formatAdded(await this.desk!.add(source))))
  }

  private async remove(file: string): Promise<ReplReply> {
    if (!this.desk) return reply('Removing articles is not available in this session.')
    if (file.trim() === '') return reply('Usage: :remove FILE, with FILE as :articles lists it, e.g. :remove seeds/story_1a2b3c4d.txt')
    return reply(await refusalSaid('remove', async () => formatRemoved(await this.desk!.remove(file), `${this.desk!.folderName}/${REMOVED_FOLDER}`)))
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

/** A refused add or remove says why in the user's terms; anything else is the session's usual failure. */
async function refusalSaid(what: 'add' | 'remove', run: () => Promise<string>): Promise<string> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof IngestError) return `Could not ${what} it: ${error.message}`
    throw error
  }
}

function reply(output: string): ReplReply {
  return { output, quit: false }
}
