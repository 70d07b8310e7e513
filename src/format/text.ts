// Answer → text for the terminal (REPL and `npm run ask`). Colour and highlighting only when asked for: pipes and
// files get plain text that reads the same. Every piece of article text passes through the terminal sanitiser.
import picocolors from 'picocolors'
import { MAX_QUESTION_LENGTH } from '../answer/question/question.js'
import type { Answer, Article, ArticleMeta, Citation, DeclineReason, SearchHit, Span } from '../types.js'
import { forTerminal, oneLine } from './sanitize.js'

type Colors = ReturnType<typeof picocolors.createColors>

// Made once: an answer is rendered per question, ten thousand times in a batch.
const PLAIN = picocolors.createColors(false)
const COLOR = picocolors.createColors(true)

/** How to render. */
export interface TextOptions {
  /** ANSI colours, bold short answer, highlighted matches. Default false (plain text). */
  color?: boolean
}

/** What the user reads for each kind of decline; the REPL replaces `empty` with its own help. */
export const DECLINE_MESSAGES: Readonly<Record<DeclineReason, string>> = {
  empty: 'Ask a question about the articles, e.g. "who did Xi send?"',
  too_long: `That question is too long: please keep it to ${MAX_QUESTION_LENGTH} characters or fewer.`,
  no_terms:
    'I need a few words to search for. Ask about a person, place or event in the articles, e.g. "who did Xi send?"',
  no_articles:
    'No articles are loaded, so there is nothing to answer from: add .txt or .md articles to the articles folder (SEEDS_DIR).',
  not_found: "The articles don't cover that.",
  weak_evidence: 'Not sure — these passages are closest:',
}

/** Sentences quoted in lists (other sources, the closest passages) are cut to about this many characters. */
const EXCERPT_CHARS = 240
const INDENT = '  '
/** `:why` wraps its feature lists to this many characters. */
const WHY_WIDTH = 100

/** Whether a stream should get colour: a terminal, and the user did not opt out (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

/**
 * The whole answer: the short answer, the passage with matched words highlighted, its source line, then other
 * articles that agree or differ. Without a short answer: "Not sure" and the closest passages. A decline: its message.
 */
export function formatAnswer(answer: Answer, options: TextOptions = {}): string {
  const c = colors(options)
  if (!answer.answered) return formatDecline(answer, c)

  const [primary, ...others] = answer.citations
  const lines: string[] = []
  // A sentence answer that is the whole paragraph would only be printed twice.
  if (answer.answer && answer.answer.trim() !== primary?.chunk.text.trim()) lines.push(c.bold(c.green(oneLine(answer.answer))))
  if (primary) {
    if (lines.length > 0) lines.push('')
    const text = primary.chunk.text
    const passage = paint(text, 0, text.length, primary.highlights, answer.answer ? answer.answerSpan : null, c)
    lines.push(indent(passage), INDENT + c.dim(`— ${sourceLine(primary.chunk)}`))
    // The article's link, when it has one (articles added by link): where to read the whole of it.
    const url = primary.chunk.url
    if (url && /^https?:\/\/[\x21-\x7e]+$/.test(url)) lines.push(INDENT + c.dim(`  ${url}`))
  }
  const groups: [string, Citation[]][] = [
    ['Also reported by:', others.filter((o) => o.role === 'supports')],
    ['Reported differently by:', others.filter((o) => o.role === 'differs')],
    ['More passages:', others.filter((o) => o.role !== 'supports' && o.role !== 'differs')],
  ]
  for (const [heading, list] of groups) {
    if (list.length === 0) continue
    lines.push('', c.bold(heading), ...list.map((o) => bullet(o, c)))
  }
  return lines.join('\n')
}

/** Outlet · title · date · file ¶ paragraph, with only the fields that are known. */
export function sourceLine(meta: ArticleMeta & { paragraph?: number }): string {
  const where = meta.paragraph === undefined ? meta.file : `${meta.file} ¶ ${meta.paragraph}`
  return [meta.source, meta.title, meta.date, where]
    .filter((part): part is string => Boolean(part))
    .map(oneLine)
    .join(' · ')
}

/** The score breakdown of an answer, for the REPL's `:why`. */
export function formatWhy(answer: Answer, options: TextOptions = {}): string {
  const c = colors(options)
  const verdict = answer.outcome === 'answer' ? 'short answer claimed' : answer.outcome === 'passages' ? 'closest passages, no short answer claimed' : `declined (${answer.declineReason ?? 'unknown'})`
  const lines = [
    `${c.bold('Question:')} ${echoQuestion(answer.question)}`,
    `${c.bold('Terms searched:')} ${answer.terms.length > 0 ? answer.terms.join(', ') : '(none)'}`,
    `${c.bold('Verdict:')} ${verdict} · confidence ${num(answer.confidence)} · expected answer: ${answer.answerType}`,
  ]
  if (answer.corrections) lines.splice(1, 0, `${c.bold('Spelling:')} ${oneLine(answer.corrections.map((x) => `${x.from} → ${x.to}`).join(', '))}`)
  if (answer.answer) lines.push(`${c.bold('Short answer:')} ${oneLine(answer.answer)}`)
  if (answer.citations.length === 0) lines.push('No passages cited.')
  answer.citations.forEach((citation, i) => {
    // The engine reports dozens of signals, most of them 0 for any one passage: list the others, wrapped.
    const entries = Object.entries(citation.features)
    const shown = entries.filter(([, value]) => value !== 0).map(([name, value]) => `${name} ${num(value)}`)
    const zeros = entries.length - shown.length
    if (zeros > 0) shown.push(`(${zeros} more at 0)`)
    lines.push(
      `${i + 1}. ${citation.role} · score ${num(citation.score)} · ${oneLine(citation.chunk.file)} ¶ ${citation.chunk.paragraph}`,
      ...wrap(shown.length > 0 ? shown : ['(no features)'], ' · ', WHY_WIDTH).map((line) => `${INDENT} ${c.dim(line)}`),
    )
  })
  lines.push(c.dim(`Answered in ${num(answer.elapsedMs)} ms.`))
  return lines.join('\n')
}

/** The articles and what is known about each, for the REPL's `:sources`. */
export function formatSources(articles: readonly Article[], options: TextOptions = {}): string {
  const c = colors(options)
  if (articles.length === 0) return 'No articles are loaded.'
  const paragraphs = articles.reduce((sum, a) => sum + a.paragraphs, 0)
  const lines = [c.bold(`${counted(articles.length, 'article')}, ${counted(paragraphs, 'paragraph')}:`)]
  articles.forEach((article, i) => {
    const known = oneLine([article.source, article.title, article.date].filter(Boolean).join(' · '))
    const count = counted(article.paragraphs, 'paragraph')
    lines.push(`${i + 1}. ${known || c.dim('(no title, outlet or date known)')}`)
    lines.push(`${INDENT} ${c.dim(oneLine([article.file, count, article.url].filter(Boolean).join(' · ')))}`)
  })
  return lines.join('\n')
}

/** Plain passage search results, for the REPL's `:search`. */
export function formatSearchHits(hits: readonly SearchHit[], total: number, options: TextOptions = {}): string {
  const c = colors(options)
  if (hits.length === 0) return 'No passage matches those words.'
  const lines = [c.bold(`${total} ${plural(total, 'passage')} match; the best ${hits.length}:`)]
  hits.forEach((hit, i) => {
    const cut = cutAt(hit.chunk.text, 0, hit.chunk.text.length)
    lines.push(`${i + 1}. ${paint(hit.chunk.text, 0, cut.end, hit.highlights, null, c)}${cut.more ? '…' : ''}`)
    lines.push(`${INDENT} ${c.dim(`— ${sourceLine(hit.chunk)}`)}`)
  })
  return lines.join('\n')
}

/** No short answer: the closest passages under a heading that says so, or the decline's message alone. */
function formatDecline(answer: Answer, c: Colors): string {
  const message = DECLINE_MESSAGES[answer.declineReason ?? 'not_found']
  if (answer.outcome !== 'passages' || answer.citations.length === 0) return message
  return [c.bold(message), ...answer.citations.map((citation) => bullet(citation, c))].join('\n')
}

/** A cited sentence on one line, highlighted, with its source. */
function bullet(citation: Citation, c: Colors): string {
  const text = citation.chunk.text
  const [start, end] = validSpan(citation.sentenceSpan, text) ?? [0, text.length]
  const cut = cutAt(text, start, end)
  const excerpt = paint(text, start, cut.end, citation.highlights, null, c) + (cut.more ? '…' : '')
  return `${INDENT}• "${excerpt}"\n${INDENT}  ${c.dim(`— ${sourceLine(citation.chunk)}`)}`
}

/**
 * `text[from, to)` with matched words highlighted and the short answer emphasised (it wins where they overlap).
 * Spans are clipped to the range, so a bad span from upstream cannot garble the text.
 */
function paint(text: string, from: number, to: number, highlights: readonly Span[], answer: Span | null, c: Colors): string {
  if (!c.isColorSupported) return forTerminal(text.slice(from, to), { multiline: true })
  const spans = highlights.map((span) => validSpan(span, text)).filter((span): span is Span => span !== null)
  const answerSpan = answer ? validSpan(answer, text) : null
  const cuts = new Set([from, to])
  for (const [s, e] of answerSpan ? [...spans, answerSpan] : spans) {
    if (s > from && s < to) cuts.add(s)
    if (e > from && e < to) cuts.add(e)
  }
  const points = [...cuts].sort((a, b) => a - b)
  let out = ''
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!]
    const piece = forTerminal(text.slice(s, e), { multiline: true })
    if (answerSpan && s >= answerSpan[0] && e <= answerSpan[1]) out += c.bold(c.green(piece))
    else if (spans.some(([hs, he]) => s >= hs && e <= he)) out += c.bold(c.yellow(piece))
    else out += piece
  }
  return out
}

/** Where to cut `text[start, end)` to about EXCERPT_CHARS, at a word boundary. */
function cutAt(text: string, start: number, end: number): { end: number; more: boolean } {
  if (end - start <= EXCERPT_CHARS) return { end, more: false }
  const limit = start + EXCERPT_CHARS
  const space = text.lastIndexOf(' ', limit)
  return { end: space > start + EXCERPT_CHARS / 2 ? space : limit, more: true }
}

function validSpan(span: Span | null | undefined, text: string): Span | null {
  if (!span) return null
  const [s, e] = span
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > text.length || s >= e) return null
  return span
}

/** Joins items with `separator` into lines of at most about `width` characters, never splitting an item. */
function wrap(items: readonly string[], separator: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const item of items) {
    if (line && line.length + separator.length + item.length > width) {
      lines.push(line)
      line = item
    } else {
      line = line ? line + separator + item : item
    }
  }
  if (line) lines.push(line)
  return lines
}

function colors(options: TextOptions): Colors {
  return options.color ? COLOR : PLAIN
}

function indent(text: string): string {
  return INDENT + text.replace(/\n/g, `\n${INDENT}`)
}

function num(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return Number.isInteger(value) ? String(value) : value.toFixed(3)
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`
}

/** "1 paragraph", "2 paragraphs". */
export function counted(n: number, word: string): string {
  return `${n} ${plural(n, word)}`
}

/** Questions echoed back (the CLI's "› question", `:why`, a rating's note) are cut to this many characters. */
const ECHO_CHARS = 120

/** A question as echoed back: on one line, and an over-long one cut, saying how long it was. */
export function echoQuestion(question: string): string {
  const line = oneLine(question)
  return line.length <= ECHO_CHARS ? line : `${line.slice(0, ECHO_CHARS)}… (${line.length} characters)`
}
