// One pass over an article's lines that decides what each line is (article text, heading, title, metadata or
// page furniture) and collects the metadata the text gives. Linear in the number of lines.
//
// Metadata is read only from the header area — the first HEADER_LINES non-blank lines, before the second
// paragraph of text has started — so a date or outlet that a body sentence mentions ("on December 2, 2016")
// is never taken for the article's own.

import type { Line } from './lines.js'
import { trimRange } from './lines.js'
import { parseFrontMatter } from './frontMatter.js'
import { parseDateLine, parseDateMarker } from './dates.js'
import { isKnownOutlet, outletFromDateline, outletFromLine, parseByline } from './outlets.js'
import { isBoilerplate } from './boilerplate.js'
import { atxHeading, endsSentence, isHeadingLike, isSentenceCaseTitle, setextLevel, startsLowercase, WRAP_MAX } from './headings.js'

export type LineKind =
  /** Empty or whitespace only. */
  | 'blank'
  /** Carries metadata (front matter, outlet line, date line, byline): read, never a chunk. */
  | 'meta'
  /** The article's headline at the top. */
  | 'title'
  /** A section heading: attached to the paragraphs below it. */
  | 'heading'
  /** Page furniture. */
  | 'boilerplate'
  /** Article text. */
  | 'text'

export interface ClassifiedLine {
  line: Line
  kind: LineKind
  /** Offsets of the line's content in the text: trimmed, and after a leading date marker. */
  start: number
  end: number
  /** The heading or title text (without Markdown `#`), else null. */
  label: string | null
}

/** What the text itself says about the article. */
export interface DetectedMeta {
  title: string | null
  source: string | null
  date: string | null
  url: string | null
  /** Things a maintainer should know (e.g. an unreadable front-matter date). */
  problems: string[]
}

const HEADER_LINES = 12
const HEADER_PARAGRAPHS = 2

export function classifyLines(text: string, lines: readonly Line[]): { lines: ClassifiedLine[]; detected: DetectedMeta } {
  const out: ClassifiedLine[] = new Array<ClassifiedLine>(lines.length)
  const bounds = lines.map((l) => trimRange(text, l.start, l.end))
  const blank = (i: number): boolean => i < 0 || i >= lines.length || bounds[i]![0] === bounds[i]![1]
  const content = (i: number): string => text.slice(bounds[i]![0], bounds[i]![1])

  const fm = parseFrontMatter(text, lines)
  const detected: DetectedMeta = {
    title: fm?.title ?? null,
    source: fm?.source ?? null,
    date: fm?.date ?? null,
    url: fm?.url ?? null,
    problems: fm?.problems ?? [],
  }
  const first = fm === null ? 0 : fm.endIndex + 1
  for (let i = 0; i < first; i++) out[i] = { line: lines[i]!, kind: 'meta', start: lines[i]!.start, end: lines[i]!.end, label: null }

  let lastNonBlank = -1
  for (let i = lines.length - 1; i >= first && lastNonBlank < 0; i--) if (!blank(i)) lastNonBlank = i

  // Whether line `i` cannot be the rest of a wrapped sentence begun on the line above: blank, longer than any
  // wrapped line, or page furniture.
  const standsApart = (i: number): boolean => {
    if (blank(i) || lines[i]!.end - lines[i]!.start > WRAP_MAX) return true
    const next = content(i)
    return parseDateLine(next) !== null || parseByline(next) !== null || isBoilerplate(next) || outletFromLine(next, false) !== null
  }

  let titleLine: string | null = null
  let nonBlank = 0
  let paragraphs = 0
  let seenContent = false
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!
    let start = bounds[i]![0]
    const end = bounds[i]![1]
    const put = (kind: LineKind, label: string | null = null): void => {
      out[i] = { line, kind, start, end, label }
    }
    if (blank(i)) {
      put('blank')
      continue
    }
    nonBlank++
    const header = nonBlank <= HEADER_LINES && paragraphs < HEADER_PARAGRAPHS
    let t = content(i)

    const atx = atxHeading(t)
    if (atx !== null) {
      if (atx.level === 1 && !seenContent) {
        put('title', atx.text)
        titleLine = atx.text
      } else put('heading', atx.text)
      seenContent = true
      continue
    }
    if (header) {
      const outlet = outletFromLine(t, nonBlank === 1)
      if (outlet !== null) {
        put('meta')
        detected.source ??= outlet
        continue
      }
    }
    if (isKnownOutlet(t)) {
      put('boilerplate')
      continue
    }
    const dateLine = parseDateLine(t)
    if (dateLine !== null) {
      // Below the header a date line is a timestamp ("Updated …"), not the publication date.
      put(header ? 'meta' : 'boilerplate')
      if (header) detected.date ??= dateLine
      continue
    }
    if (header) {
      const marker = parseDateMarker(t)
      if (marker !== null) {
        detected.date ??= marker.ymd
        start += marker.length
        if (start >= end) {
          put('meta')
          continue
        }
        t = text.slice(start, end)
      }
      const byline = parseByline(t)
      if (byline !== null) {
        put('meta')
        detected.source ??= byline.outlet
        continue
      }
    }
    if (isBoilerplate(t)) {
      put('boilerplate')
      continue
    }
    const underline = blank(i + 1) ? null : setextLevel(content(i + 1))
    // Only a heading-shaped line makes "---" an underline; below a sentence it is a rule.
    if (underline !== null && (isHeadingLike(t) || isSentenceCaseTitle(t))) {
      if (underline === 1 && !seenContent) {
        put('title', t)
        titleLine = t
      } else put('heading', t)
      out[i + 1] = { line: lines[i + 1]!, kind: 'boilerplate', start: bounds[i + 1]![0], end: bounds[i + 1]![1], label: null }
      i++
      seenContent = true
      continue
    }
    const previous = i > 0 ? out[i - 1] : undefined
    const midSentence = previous?.kind === 'text' && !endsSentence(text.slice(previous.start, previous.end))
    const continued = !blank(i + 1) && startsLowercase(content(i + 1))
    if (!seenContent && i < lastNonBlank && !continued && (isHeadingLike(t) || (isSentenceCaseTitle(t) && standsApart(i + 1)))) {
      put('title', t)
      titleLine = t
      seenContent = true
      continue
    }
    if (!midSentence && !continued && isHeadingLike(t)) {
      put('heading', t)
      seenContent = true
      continue
    }
    if (!midSentence) paragraphs++
    if (header) detected.source ??= outletFromDateline(t)
    put('text')
    seenContent = true
  }
  detected.title ??= titleLine
  return { lines: out, detected }
}
