import type { SearchIndex } from '../index/searchIndex.js'
import type { Annotation } from './annotate.js'
import type { Candidate } from './candidates.js'
import type { Question } from './question.js'
import type { QuestionShape } from './questionShape.js'

/**
 * The signals that score one candidate span as the short answer, shared by `ask()` and the fitting script
 * (bench/tune/answerFit.ts), so the shipped weights see exactly the features they were fitted on.
 */
export interface PassageContext {
  ann: Annotation
  question: Question
  shape: QuestionShape
  /** Per token: the IDF weight of its term when the question searches for it, else 0. */
  match: Float64Array
  /** Per token: 1 when its term is one of the question's (focus noun excluded). */
  inQuestion: Uint8Array
  /** Per token: 1 when its term is one of the question's main verbs. */
  verb: Uint8Array
  /** Per sentence: IDF-weighted share of the question's terms it holds. */
  coverage: Float64Array
  /** Per sentence: its rank by coverage, 0 = best. */
  rank: Int32Array
  maxCoverage: number
  /** IDF-weighted size of the question (the denominator of `coverage`). */
  total: number
}

export function passageContext(index: SearchIndex, ann: Annotation, question: Question, shape: QuestionShape): PassageContext {
  const tokens = ann.tokens
  const n = tokens.length
  const match = new Float64Array(n)
  const inQuestion = new Uint8Array(n)
  const verb = new Uint8Array(n)
  const verbs = new Set(shape.verbs)
  for (let i = 0; i < n; i++) {
    const term = tokens[i]!.term
    if (term === null) continue
    const w = question.weights.get(term)
    if (w !== undefined) {
      match[i] = w * index.idf(term)
      if (term !== shape.focus) inQuestion[i] = 1
    }
    if (verbs.has(term)) verb[i] = 1
  }
  let total = 0
  for (const [t, w] of question.weights) total += w * index.idf(t)
  total ||= 1
  const ns = ann.sentenceTokens.length
  const coverage = new Float64Array(ns)
  for (let s = 0; s < ns; s++) {
    const [from, to] = ann.sentenceTokens[s]!
    const seen = new Set<string>()
    let w = 0
    for (let i = from; i < to; i++) {
      const term = tokens[i]!.term
      if (match[i]! > 0 && term !== null && !seen.has(term)) {
        seen.add(term)
        w += match[i]!
      }
    }
    coverage[s] = w / total
  }
  const order = [...coverage.keys()].sort((a, b) => coverage[b]! - coverage[a]! || a - b)
  const rank = new Int32Array(ns)
  order.forEach((s, r) => (rank[s] = r))
  const maxCoverage = ns ? coverage[order[0]!]! : 0
  return { ann, question, shape, match, inQuestion, verb, coverage, rank, maxCoverage, total }
}

const LENGTH_BUCKETS = [1, 2, 3, 4, 6, 9, Infinity]
// Function words next to a span that say much about what it is ("by X" for who, "in X" for when/where).
const NEIGHBOURS = new Set([
  'in', 'on', 'at', 'by', 'of', 'from', 'to', 'for', 'with', 'as', 'than', 'about', 'during', 'since', 'after', 'before',
  'between', 'and', 'or', 'the', 'a', 'an', ',', '(', ')', '"', '“', '”', 'is', 'was', 'are', 'were', 'called', 'named', 'known',
  'including', 'such', 'until', 'into', 'over', 'under', 'per', 'around', 'approximately', 'nearly', 'over', 'which', 'who', 'that', ':', ';', '.',
])

/** Calls `emit` with each feature of candidate `c` (name and value; absent features are 0). */
export function candidateFeatures(ctx: PassageContext, c: Candidate, emit: (name: string, value: number) => void): void {
  const { ann, shape } = ctx
  const tokens = ann.tokens
  const { coarse, qclass } = shape
  const [from, to] = ann.sentenceTokens[c.sentence]!
  for (const k of c.kinds) {
    emit(`k:${k}|${coarse}`, 1)
    emit(`k:${k}|q:${qclass}`, 1)
  }
  const length = c.last - c.first + 1
  const bucket = LENGTH_BUCKETS.findIndex((b) => length <= b)
  emit(`len:${bucket}|${coarse}`, 1)

  // Words the question already names are rarely the answer.
  let content = 0
  let named = 0
  let focusIn = 0
  let capital = 0
  for (let i = c.first; i <= c.last; i++) {
    const t = tokens[i]!
    if (t.term === null) continue
    content++
    if (ctx.inQuestion[i]) named++
    if (shape.focus !== null && t.term === shape.focus) focusIn = 1
    if (/^\p{Lu}/u.test(t.text)) capital++
  }
  if (content === 0) emit('noContent', 1)
  else {
    emit('overlap', named / content)
    if (named === content) emit('overlapAll', 1)
    emit('capital', capital / content)
  }
  if (focusIn) emit(`focusIn|${coarse}`, 1)
  if (shape.focus !== null) {
    for (let i = Math.max(from, c.first - 2); i < c.first; i++) if (tokens[i]!.term === shape.focus) emit('focusBefore', 1)
    for (let i = c.last + 1; i < Math.min(to, c.last + 3); i++) if (tokens[i]!.term === shape.focus) emit('focusAfter', 1)
  }

  // The sentence: how much of the question it holds, and how it ranks in the passage.
  const cov = ctx.coverage[c.sentence]!
  emit('sCov', cov)
  emit('sGap', cov - ctx.maxCoverage)
  const r = ctx.rank[c.sentence]!
  emit(r === 0 ? 'sRank0' : r === 1 ? 'sRank1' : 'sRank2+', 1)

  // Closeness to the question's words inside the sentence.
  let nearest = Infinity
  let win3 = 0
  let win8 = 0
  for (let i = from; i < to; i++) {
    if (ctx.match[i] === 0 || (i >= c.first && i <= c.last)) continue
    const d = i < c.first ? c.first - i : i - c.last
    if (d < nearest) nearest = d
    if (d <= 3) win3 += ctx.match[i]!
    if (d <= 8) win8 += ctx.match[i]!
  }
  if (nearest === Infinity) emit('noAnchor', 1)
  else emit('dist', Math.log1p(nearest))
  const scale = 1 / ctx.total
  emit('win3', win3 * scale)
  emit('win8', win8 * scale)
  const left = contentNeighbour(ctx, c.first - 1, -1, from)
  const right = contentNeighbour(ctx, c.last + 1, 1, to)
  if (left >= 0 && ctx.match[left]! > 0) emit('leftIsQ', 1)
  if (right >= 0 && ctx.match[right]! > 0) emit('rightIsQ', 1)

  const prev = tokens[c.first - 1]
  const next = tokens[c.last + 1]
  if (prev && c.first > from && NEIGHBOURS.has(prev.lower)) emit(`prev:${prev.lower}|${coarse}`, 1)
  if (next && c.last + 1 < to && NEIGHBOURS.has(next.lower)) emit(`next:${next.lower}|${coarse}`, 1)
  if (c.first === from) emit('sentenceStart', 1)

  // Subject or object of the question's verb, when the sentence uses that verb.
  let before = false
  let after = false
  for (let i = from; i < to; i++) {
    if (!ctx.verb[i]) continue
    if (i > c.last) before = true
    else if (i < c.first) after = true
  }
  const role = shape.subjectWh ? 'subj' : 'obj'
  if (before) emit(`verbAfterSpan|${role}`, 1)
  if (after) emit(`verbBeforeSpan|${role}`, 1)
}

/** The nearest token with a content term from `i` in direction `step`, within the sentence, or -1. */
function contentNeighbour(ctx: PassageContext, i: number, step: number, bound: number): number {
  const tokens = ctx.ann.tokens
  for (let k = 0; k < 3 && i >= 0 && i < tokens.length && (step < 0 ? i >= bound : i < bound); k++, i += step) {
    if (tokens[i]!.term !== null) return i
  }
  return -1
}
