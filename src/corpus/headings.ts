// The shape of a line: does it end a sentence, could it be a heading or a title. Headings are told apart from
// text by form alone (short, no closing punctuation, Title Case), never by a list of known headings.

const MAX_HEADING_CHARS = 150

/** A Markdown ATX heading ("## Background"): its level and text. */
export function atxHeading(line: string): { level: number; text: string } | null {
  if (line.length > MAX_HEADING_CHARS + 10) return null
  const m = /^\s{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)
  if (m === null || m[2]!.trim() === '') return null
  return { level: m[1]!.length, text: m[2]!.trim() }
}

/** A setext underline ("=====" or "-----") that makes the line above it a heading. */
export function setextLevel(line: string): 1 | 2 | null {
  const t = line.trim()
  if (/^={3,}$/.test(t)) return 1
  if (/^-{3,}$/.test(t)) return 2
  return null
}

const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '*', '_'])

/** The line without closing quotes, brackets, emphasis and spaces at its end (a loop: linear on any input). */
function withoutClosers(line: string): string {
  let end = line.length
  while (end > 0 && (CLOSERS.has(line[end - 1]!) || /\s/.test(line[end - 1]!))) end--
  return line.slice(0, end)
}

/** Whether the line ends a sentence (. ! ? …), allowing closing quotes and brackets after the mark. */
export function endsSentence(line: string): boolean {
  return /[.!?…。！？]$/u.test(withoutClosers(line))
}

/** Whether the line starts with a lowercase letter: the continuation of a sentence wrapped on the line above. */
export function startsLowercase(line: string): boolean {
  return /^\s*["'“‘(]?\p{Ll}/u.test(line)
}

// Words that stay lowercase in Title Case.
const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'so', 'yet', 'as', 'at', 'by', 'in', 'of', 'off', 'on',
  'per', 'to', 'up', 'via', 'vs', 'vs.', 'with', 'from', 'into', 'over', 'than', 'after', 'amid', 'about', 'is',
])

// A line ending in one of these is a sentence cut off by a line break, not a heading or a title.
const DANGLING = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'to', 'from', 'with', 'by', 'for', 'in', 'on', 'at', 'as',
  'that', 'which', 'who', 'whom', 'whose', 'his', 'her', 'its', 'their', 'our', 'your', 'my', 'this', 'these',
  'those', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'said', 'than',
])

/** The longest line (in characters, indentation included) that is taken for a hard-wrapped line. */
export const WRAP_MAX = 100

const MAX_HEADING_WORDS = 16
const MAX_TITLE_CHARS = 200
const MAX_TITLE_WORDS = 24

function startsLikeHeading(t: string): boolean {
  return /^["'“‘]?[\p{Lu}\p{N}]/u.test(t)
}

function endsOpen(t: string): boolean {
  const end = withoutClosers(t)
  return /[.,;:\-–—]$/u.test(end) || DANGLING.has((/(\p{L}+)$/u.exec(end)?.[1] ?? '').toLowerCase())
}

/**
 * A heading inside an article: a short line in Title Case without closing punctuation, e.g.
 * "Jinping Will Send Special Representative to Trump's Inauguration". At least three quarters of the words
 * that are not small words must be capitalised, so a sentence fragment is not taken for a heading.
 */
export function isHeadingLike(t: string): boolean {
  if (t.length > MAX_HEADING_CHARS || !startsLikeHeading(t) || endsOpen(t)) return false
  const words = t.split(/\s+/)
  if (words.length > MAX_HEADING_WORDS) return false
  let counted = 0
  let capitalised = 0
  words.forEach((word, i) => {
    const w = word.replace(/^["'“‘(]+/u, '')
    if (!/\p{L}/u.test(w)) return
    if (i > 0 && SMALL_WORDS.has(w.toLowerCase())) return
    counted++
    if (/^[\p{Lu}\p{N}]/u.test(w)) capitalised++
  })
  return counted > 0 && capitalised / counted >= 0.75
}

/**
 * A headline in sentence case ("Xi sends deputy to Trump inauguration"): a short line without closing
 * punctuation. Only trusted at the very top of an article, and only when the line stands apart from what
 * follows (see classify.ts), since the first line of hard-wrapped text has the same shape.
 */
export function isSentenceCaseTitle(t: string): boolean {
  return t.length <= MAX_TITLE_CHARS && t.split(/\s+/).length <= MAX_TITLE_WORDS && startsLikeHeading(t) && !endsOpen(t)
}
