// Text pieces of Discord replies: escaping, highlighting and cutting passages at sentence boundaries. Pure
// functions over the engine's spans; src/format/discord.ts assembles them into payloads.
import { escapeMarkdown } from 'discord.js'
import type { ArticleMeta, Span } from '../types.js'
import { hasControls } from '../controls.js'
import { forTerminal, oneLine } from './sanitize.js'

const ZERO_WIDTH_SPACE = '\u200b'
const ELLIPSIS = '…'

/**
 * The Discord sink's sanitiser: user or article text made inert for Discord. Control characters and escape
 * sequences are removed (sanitize.ts), markdown that could break the layout (bold, code, quotes, headings, lists,
 * masked links) is escaped, and mention syntax is defused so it neither renders nor pings (allowedMentions
 * already blocks pings; this keeps `@everyone` from even looking like one).
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(forTerminal(text, { multiline: true }), { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    // Block quotes and small text (-#) at a line start, which escapeMarkdown leaves alone.
    .replace(/^(\s*)(>|-#)/gm, '$1\\$2')
  return escaped
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#)(\d)/g, `<$1${ZERO_WIDTH_SPACE}$2`)
}

/** `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 1) return text.slice(0, Math.max(0, max))
  const limit = max - 1
  const space = text.lastIndexOf(' ', limit)
  const cut = space > limit / 2 ? space : limit
  return text.slice(0, cut).trimEnd() + ELLIPSIS
}

// A sentence ends at . ! ? (plus closing quotes or brackets) before whitespace and a capital, digit or quote,
// unless the word before the full stop is a common abbreviation or an initial ("U.S.", "Mr.", "J.").
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\d])/gu
const ABBREVIATION = /(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Inc|Co|No|vs|U\.S|U\.K|U\.N)\.$/

/** Sentence spans covering `text` (whitespace between sentences belongs to neither). */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length
    if (ABBREVIATION.test(text.slice(Math.max(0, end - 6), end).replace(/["'”’)\]]+$/, ''))) continue
    spans.push([start, end])
    start = end
    while (start < text.length && /\s/.test(text[start]!)) start++
  }
  if (start < text.length) spans.push([start, text.length])
  return spans
}

/** How one stretch of a passage is marked. */
export interface Marks {
  /** Matched words, shown bold. */
  bold: readonly Span[]
  /** The short answer, shown underlined. */
  underline: readonly Span[]
}

/**
 * `text[from, to)` escaped, with bold and underlined stretches. Spans are clipped to the range and checked, so a
 * bad span from upstream cannot garble the text.
 */
export function renderMarked(text: string, from: number, to: number, marks: Marks): string {
  const bold = joinAcrossSpaces(validSpans(marks.bold, text), text)
  const underline = validSpans(marks.underline, text)
  const cuts = new Set([from, to])
  for (const [s, e] of [...bold, ...underline]) {
    if (s > from && s < to) cuts.add(s)
    if (e > from && e < to) cuts.add(e)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const inside = (spans: Span[], s: number, e: number) => spans.some(([a, b]) => s >= a && e <= b)
  // Group pieces into bold runs first so markers nest (`**__x__**`) instead of interleaving.
  let out = ''
  let run = ''
  let runBold = false
  const flush = () => {
    if (run) out += runBold ? wrap(run, '**') : run
    run = ''
  }
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i]!, points[i + 1]!]
    const isBold = inside(bold, s, e)
    if (isBold !== runBold) {
      flush()
      runBold = isBold
    }
    const piece = escapeText(text.slice(s, e))
    run += inside(underline, s, e) ? wrap(piece, '__') : piece
  }
  flush()
  return out
}

/** Markers around the non-blank middle of `piece`, so that `** word**` never happens (Discord would not render it). */
function wrap(piece: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(piece)!
  return match[2] ? `${match[1]}${marker}${match[2]}${marker}${match[3]}` : piece
}

/** Neighbouring spans with only spaces between become one, so "**Danny** **Russel**" reads "**Danny Russel**". */
function joinAcrossSpaces(spans: Span[], text: string): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [s, e] of sorted) {
    const last = out.at(-1)
    if (last && s >= last[1] && /^[ \t]*$/.test(text.slice(last[1], s))) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

function validSpans(spans: readonly Span[], text: string): Span[] {
  return spans.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= text.length && s < e)
}

/**
 * The passage around `anchor` (the supporting sentence, or the first matched word), grown a sentence at a time
 * (after, then before) while the rendered excerpt stays within `budget` characters. Always returns something
 * within budget: an anchor sentence longer than the budget is cut at a word boundary around its marks.
 */
export function excerpt(text: string, anchor: Span, marks: Marks, budget: number): string {
  const sentences = sentenceSpans(text)
  const [anchorStart, anchorEnd] = clampSpan(anchor, text)
  let first = sentences.findIndex(([, e]) => e > anchorStart)
  let last = sentences.findLastIndex(([s]) => s < anchorEnd)
  if (first < 0 || last < 0 || last < first) [first, last] = [0, Math.max(0, sentences.length - 1)]
  const render = (a: number, b: number) => {
    const [s, e] = [Math.min(sentences[a]?.[0] ?? 0, anchorStart), Math.max(sentences[b]?.[1] ?? text.length, anchorEnd)]
    return (s > 0 ? ELLIPSIS : '') + renderMarked(text, s, e, marks).trim() + (e < text.length ? ELLIPSIS : '')
  }
  let best = render(first, last)
  if (best.length > budget) return cutLongSentence(text, [anchorStart, anchorEnd], marks, budget)
  let grew = true
  while (grew) {
    grew = false
    for (const [a, b] of [[first, last + 1], [first - 1, last]] as const) {
      if (a < 0 || b >= sentences.length) continue
      const candidate = render(a, b)
      if (candidate.length <= budget) {
        ;[first, last, best, grew] = [a, b, candidate, true]
      }
    }
  }
  return best
}

/** A window of about `budget` characters inside one long stretch, starting a little before the first mark. */
function cutLongSentence(text: string, [start, end]: Span, marks: Marks, budget: number): string {
  const firstMark = [...marks.underline, ...marks.bold]
    .map(([s]) => s)
    .filter((s) => s >= start && s < end)
    .sort((a, b) => a - b)[0]
  let from = start
  if (firstMark !== undefined && firstMark - start > budget / 3) {
    const space = text.indexOf(' ', firstMark - Math.floor(budget / 4))
    from = space >= 0 && space < firstMark ? space + 1 : firstMark
  }
  // Shrink the raw end until the rendered text fits; escaping and markers make rendered text longer than raw.
  let to = Math.min(end, from + budget)
  for (;;) {
    const rendered = (from > 0 ? ELLIPSIS : '') + renderMarked(text, from, to, marks).trim() + (to < text.length ? ELLIPSIS : '')
    if (rendered.length <= budget || to <= from + 1) return rendered.slice(0, budget)
    const space = text.lastIndexOf(' ', to - 1)
    to = space > from ? space : to - Math.max(1, Math.ceil((rendered.length - budget) / 2))
  }
}

function clampSpan([s, e]: Span, text: string): Span {
  const start = Math.min(Math.max(0, s), text.length)
  return [start, Math.min(Math.max(start, e), text.length)]
}

/** A passage as a block quote: every line prefixed with `> `. */
export function quote(rendered: string): string {
  return rendered
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

/**
 * "outlet · title · date · `file` ¶ paragraph", showing only the fields that are known; the title links to the
 * article when a sidecar gives its URL.
 */
export function sourceLine(meta: ArticleMeta, paragraph?: number): string {
  const title = meta.title ? escapeText(oneLine(meta.title)) : null
  const linked = title && meta.url && /^https?:\/\/\S+$/.test(meta.url) && !hasControls(meta.url) ? `[${title}](${meta.url.replace(/\)/g, '%29')})` : title
  const file = `\`${oneLine(meta.file).replace(/`/g, "'")}\``
  const where = paragraph === undefined ? file : `${file} ¶ ${paragraph}`
  return [meta.source ? escapeText(oneLine(meta.source)) : null, linked, meta.date && oneLine(meta.date), where]
    .filter((part): part is string => Boolean(part))
    .join(' · ')
}
