// Grouping text lines into paragraphs. Articles come in three shapes, all handled by the same rule:
//  - one paragraph per line, no blank lines (seeds 000 and 002);
//  - paragraphs separated by blank lines (seed 001);
//  - hard-wrapped text: lines of at most WRAP_MAX columns inside a paragraph.
// Two adjacent text lines belong to one paragraph when the first is short enough to be a wrapped line and the
// sentence visibly goes on (no closing punctuation, or the next line starts in lowercase) — or, in a run of
// lines that is wrapped as a whole, when the first line is nearly full width (a sentence that happened to end
// at the wrap). A short line that ends a sentence ends its paragraph, so long one-line paragraphs never merge.

import type { ClassifiedLine } from './classify.js'
import { endsSentence, startsLowercase, WRAP_MAX } from './headings.js'

/** A paragraph of article text: `text.slice(start, end)`, trimmed. */
export interface Paragraph {
  start: number
  end: number
  /** 1-based line where it starts. */
  line: number
  /** The nearest heading above it, or null. */
  heading: string | null
}

/** In a wrapped run, a line at least this share of the run's width is "full" even if a sentence ends on it. */
const FULL_LINE = 0.75

const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+\S/u
const INDENTED = /^(?: {2,}|\t)\S/

interface Run {
  width: number
  wrapped: boolean
}

export function groupParagraphs(text: string, lines: readonly ClassifiedLine[]): Paragraph[] {
  const raw = (l: ClassifiedLine): string => text.slice(l.line.start, l.line.end)
  const body = (l: ClassifiedLine): string => text.slice(l.start, l.end)

  const paragraphs: Paragraph[] = []
  let heading: string | null = null
  let i = 0
  while (i < lines.length) {
    const l = lines[i]!
    if (l.kind === 'heading') heading = l.label
    if (l.kind !== 'text') {
      i++
      continue
    }
    let j = i
    while (j + 1 < lines.length && lines[j + 1]!.kind === 'text') j++
    const run = describeRun(lines.slice(i, j + 1), raw, body)
    let current: Paragraph = { start: l.start, end: l.end, line: l.line.number, heading }
    for (let k = i + 1; k <= j; k++) {
      const a = lines[k - 1]!
      const b = lines[k]!
      if (joins(a, b, run, raw, body)) current.end = b.end
      else {
        paragraphs.push(current)
        current = { start: b.start, end: b.end, line: b.line.number, heading }
      }
    }
    paragraphs.push(current)
    i = j + 1
  }
  return paragraphs
}

function describeRun(run: readonly ClassifiedLine[], raw: (l: ClassifiedLine) => string, body: (l: ClassifiedLine) => string): Run {
  if (run.length < 2) return { width: 0, wrapped: false }
  let width = 0
  let open = 0
  for (let k = 0; k < run.length - 1; k++) {
    width = Math.max(width, raw(run[k]!).length)
    if (!endsSentence(body(run[k]!)) || startsLowercase(body(run[k + 1]!))) open++
  }
  return { width, wrapped: width <= WRAP_MAX && open * 2 >= run.length - 1 }
}

function joins(
  a: ClassifiedLine,
  b: ClassifiedLine,
  run: Run,
  raw: (l: ClassifiedLine) => string,
  body: (l: ClassifiedLine) => string,
): boolean {
  const aRaw = raw(a)
  const bRaw = raw(b)
  if (aRaw.length > WRAP_MAX) return false
  if (LIST_ITEM.test(bRaw)) return false
  // A first-line indent starts a new paragraph in wrapped text that has no blank lines.
  if (INDENTED.test(bRaw) && !INDENTED.test(aRaw)) return false
  if (!endsSentence(body(a)) || startsLowercase(body(b))) return true
  return run.wrapped && aRaw.length >= FULL_LINE * run.width
}
