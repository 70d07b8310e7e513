import { foldWord, termOf, words } from '../index/analyse.js'
import type { AnswerType, Span } from '../types.js'
import type { Annotation, Token } from './annotate.js'
import type { Question } from './question.js'

/** A short answer: its text as written and where it stands in the passage. */
export interface ShortAnswer {
  text: string
  span: Span
  /** How it was found, for `:why`. */
  method: string
}

interface Candidate {
  first: number
  last: number
  score: number
  method: string
}

const ENTITY_TYPES: Partial<Record<AnswerType, ReadonlySet<string>>> = {
  date: new Set(['DATE', 'TIME']),
  number: new Set(['CARDINAL', 'MONEY', 'PERCENT', 'DURATION', 'ORDINAL']),
}
// Small words that may sit inside a name ("Bank of America", "Committee on Inaugural Ceremonies").
const NAME_JOINERS = new Set(['of', 'on', 'for', 'and', 'the', 'de', 'du', 'la', 'von', 'van', 'al', '&'])
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'into', 'across', 'outside', 'inside'])
const YEAR = /^(1[0-9]{3}|20[0-9]{2})s?$/
const WEEKDAY_OR_MONTH = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow)$/i

/**
 * Extracts a short answer of the expected type from the chosen sentence (special forms — "who is X",
 * "what is ACRONYM", quoted descriptions — may look at the whole passage). Null when nothing fits. Pure.
 */
export function extractAnswer(text: string, annotation: Annotation, sentenceIndex: number, question: Question): ShortAnswer | null {
  const special = acronymExpansion(text, question) ?? whoIsDescription(text, annotation, sentenceIndex, question)
  if (special) return special
  const [from, to] = annotation.sentenceTokens[sentenceIndex] ?? [0, annotation.tokens.length]
  const tokens = annotation.tokens
  const inQuestion = tokens.map((t) => isQuestionWord(t, question))
  const anchors: number[] = []
  for (let i = from; i < to; i++) if (inQuestion[i]) anchors.push(i)

  const candidates: Candidate[] = []
  const type = question.type
  const wanted = ENTITY_TYPES[type]
  if (wanted) {
    for (const e of annotation.entities) {
      if (e.tokens[0] >= from && e.tokens[1] < to && wanted.has(e.type)) candidates.push({ first: e.tokens[0], last: e.tokens[1], score: 2, method: `entity ${e.type}` })
    }
    for (let i = from; i < to; i++) {
      const w = tokens[i]!.text
      if (type === 'date' && (YEAR.test(w) || WEEKDAY_OR_MONTH.test(w))) candidates.push({ first: i, last: i, score: 1.5, method: 'date word' })
      if (type === 'number' && tokens[i]!.pos === 'NUM') candidates.push({ first: i, last: i, score: 1, method: 'number' })
    }
  }
  if (type === 'person' || type === 'place') {
    for (const [first, last] of nameRuns(tokens, from, to)) {
      let score = 1 + Math.min(1, (last - first) * 0.25)
      if (type === 'place' && first > from && PLACE_PREPOSITIONS.has(tokens[first - 1]!.text.toLowerCase())) score += 0.5
      candidates.push({ first, last, score, method: 'name' })
    }
  }
  if (type === 'sentence') {
    const quoted = quotedSpan(text, annotation, sentenceIndex, question)
    if (quoted) return quoted
  }

  let best: Candidate | null = null
  for (const c of candidates) {
    // The answer is never something the question already names.
    let overlap = false
    for (let i = c.first; i <= c.last; i++) if (inQuestion[i]) overlap = true
    if (overlap) continue
    const d = distance(c, anchors)
    const score = c.score - 0.15 * Math.min(d, 20)
    if (!best || score > best.score) best = { ...c, score }
  }
  if (!best) return null
  const span: Span = [tokens[best.first]!.span[0], tokens[best.last]!.span[1]]
  return { text: trimPunctuation(text.slice(span[0], span[1])), span, method: best.method }
}

function isQuestionWord(token: Token, question: Question): boolean {
  const term = termOf(foldWord(token.text), token.text)
  return term !== null && question.weights.has(term)
}

/** Maximal runs of proper nouns, joined through small words ("Committee on Inaugural Ceremonies"). */
function nameRuns(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const runs: [number, number][] = []
  let i = from
  while (i < to) {
    if (!isProper(tokens, i, from)) {
      i++
      continue
    }
    let last = i
    let j = i + 1
    while (j < to) {
      if (isProper(tokens, j, from)) last = j
      else if (!(NAME_JOINERS.has(tokens[j]!.text.toLowerCase()) && j + 1 < to && isProper(tokens, j + 1, from))) break
      j++
    }
    runs.push([i, last])
    i = last + 1
  }
  return runs
}

function isProper(tokens: readonly Token[], i: number, sentenceStart: number): boolean {
  const t = tokens[i]!
  if (t.pos === 'PROPN') return true
  // The tagger misses some capitalised names; sentence-initial capitals prove nothing.
  return i > sentenceStart && /^\p{Lu}/u.test(t.text) && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'X')
}

function distance(c: Candidate, anchors: readonly number[]): number {
  let d = Infinity
  for (const a of anchors) d = Math.min(d, a < c.first ? c.first - a : a > c.last ? a - c.last : 0)
  return d === Infinity ? 10 : d
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s,;:.“”"'‘’(]+|[\s,;:“”"'‘’)]+$/gu, '').replace(/\.$/, '')
}

/** "What is the JCCIC?": the capitalised phrase whose initials spell the acronym. */
function acronymExpansion(text: string, question: Question): ShortAnswer | null {
  const acronyms = question.text.match(/\b\p{Lu}{2,8}\b/gu)
  if (!acronyms) return null
  const ws = words(text)
  for (const acronym of acronyms) {
    const letters = acronym.toLowerCase()
    for (let i = 0; i < ws.length; i++) {
      let k = 0
      let j = i
      while (j < ws.length && k < letters.length) {
        const w = ws[j]!.word
        if (NAME_JOINERS.has(w.toLowerCase()) && j > i) {
          j++
          continue
        }
        if (!/^\p{Lu}/u.test(w) || w[0]!.toLowerCase() !== letters[k]) break
        k++
        j++
      }
      if (k === letters.length) {
        const span: Span = [ws[i]!.span[0], ws[j - 1]!.span[1]]
        return { text: text.slice(span[0], span[1]), span, method: 'acronym' }
      }
    }
  }
  return null
}

const WHO_IS = /^(?:who|what)\s+(?:is|was|are|were)\s+(.+?)\??$/i

/** "Who is Danny Russel?": the apposition after the name, or the title before it. */
function whoIsDescription(text: string, annotation: Annotation, sentenceIndex: number, question: Question): ShortAnswer | null {
  const m = WHO_IS.exec(question.text)
  if (!m || !/^\p{Lu}/u.test(m[1]!.replace(/^the\s+/i, ''))) return null
  const [from, to] = annotation.sentenceTokens[sentenceIndex] ?? [0, 0]
  const tokens = annotation.tokens
  let first = -1
  let last = -1
  for (let i = from; i < to; i++) {
    if (!isQuestionWord(tokens[i]!, question)) continue
    if (first < 0) first = i
    else if (i > last + 2) break
    last = i
  }
  if (first < 0) return null
  // Title before the name: "El Salvador’s President Nayib Bukele"
  let start = first
  while (start > from && start > first - 6 && ['PROPN', 'ADJ', 'NOUN', 'PART'].includes(tokens[start - 1]!.pos)) start--
  const title: Span | null = start < first ? [tokens[start]!.span[0], tokens[first - 1]!.span[1]] : null
  // Apposition: "Danny Russel, vice president for … Institute, said …" — but not a list of further names.
  const a = last + 2
  if (tokens[last + 1]?.text === ',' && a < to && !/^\p{Lu}/u.test(tokens[a]!.text)) {
    let end = a
    while (end < to && ![',', '.', ';', '(', ')'].includes(tokens[end]!.text)) end++
    if (end - a >= 2 && end - a <= 25) {
      const span: Span = [tokens[a]!.span[0], tokens[end - 1]!.span[1]]
      return { text: text.slice(span[0], span[1]), span, method: 'apposition' }
    }
  }
  if (title) return { text: text.slice(title[0], title[1]), span: title, method: 'title' }
  return null
}

/** "How does Trump describe …?": a quotation in the sentence that is more than the question's own words. */
function quotedSpan(text: string, annotation: Annotation, sentenceIndex: number, question: Question): ShortAnswer | null {
  if (!/\b(describe|describes|described|call|calls|called|say|says|said|characteri[sz]e)\b/i.test(question.text)) return null
  const [s0, s1] = annotation.sentences[sentenceIndex] ?? [0, text.length]
  const sentence = text.slice(s0, s1)
  for (const m of sentence.matchAll(/["“]([^"”“]{3,120})["”]/gu)) {
    const inner = m[1]!
    const innerTerms = words(inner).map((w) => termOf(foldWord(w.word), w.word)).filter((t): t is string => t !== null)
    if (innerTerms.length === 0 || innerTerms.every((t) => question.weights.has(t))) continue
    const start = s0 + m.index + 1
    const cleaned = trimPunctuation(inner)
    const offset = inner.indexOf(cleaned)
    return { text: cleaned, span: [start + offset, start + offset + cleaned.length], method: 'quotation' }
  }
  return null
}
