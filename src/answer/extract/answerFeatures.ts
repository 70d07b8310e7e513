import type { SearchIndex } from '../../index/searchIndex.js'
import type { Annotation } from '../analysis/annotate.js'
import { KINDS, kindBit } from '../analysis/candidates.js'
import type { Candidate, CandidateKind } from '../analysis/candidates.js'
import type { Question } from '../question/question.js'
import type { QuestionShape } from '../question/questionShape.js'

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
  /** Feature names for this question, built once. */
  names: Names
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
  return { ann, question, shape, match, inQuestion, verb, coverage, rank, maxCoverage, total, names: new Names(shape) }
}

/** The passage's `n` sentences that hold most of the question, best first. */
export function bestSentences(ctx: PassageContext, n: number): number[] {
  return [...ctx.coverage.keys()].sort((a, b) => ctx.rank[a]! - ctx.rank[b]!).slice(0, n)
}

const LENGTH_BUCKETS = [1, 2, 3, 4, 6, 9, Infinity]
// Function words next to a span that say much about what it is ("by X" for who, "in X" for when/where).
const NEIGHBOURS = new Set([
  'in', 'on', 'at', 'by', 'of', 'from', 'to', 'for', 'with', 'as', 'than', 'about', 'during', 'since', 'after', 'before',
  'between', 'and', 'or', 'the', 'a', 'an', ',', '(', ')', '"', '“', '”', 'is', 'was', 'are', 'were', 'called', 'named', 'known',
  'including', 'such', 'until', 'into', 'over', 'under', 'per', 'around', 'approximately', 'nearly', 'over', 'which', 'who', 'that', ':', ';', '.',
])

const QUOTES = new Set(['"', '“', '”', "'", '‘', '’'])
const COPULAS = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being'])

/**
 * Feature names that depend on the question, built once per passage context (scoring ~100 spans must not
 * build thousands of strings: the garbage shows up as latency spikes).
 */
export class Names {
  private readonly memo = new Map<string, Map<string, string>>()
  readonly focusIn: string
  readonly rightShare: string
  readonly dist: string
  readonly proxL2: string
  readonly proxR2: string
  readonly copulaBefore: string
  readonly copulaAfter: string
  readonly subject: string
  readonly object: string
  readonly verbAfterSpan: string
  readonly verbBeforeSpan: string
  readonly typeMiss: string

  constructor(private readonly shape: QuestionShape) {
    const { coarse, lead } = shape
    const role = shape.subjectWh ? 'subj' : 'obj'
    this.focusIn = `focusIn|${coarse}`
    this.rightShare = `rightShare|${role}`
    this.dist = `dist|${coarse}`
    this.proxL2 = `proxL2|${coarse}`
    this.proxR2 = `proxR2|${coarse}`
    this.copulaBefore = `copulaBefore|${lead}`
    this.copulaAfter = `copulaAfter|${lead}`
    this.subject = `subject|${role}`
    this.object = `object|${role}`
    this.verbAfterSpan = `verbAfterSpan|${role}`
    this.verbBeforeSpan = `verbBeforeSpan|${role}`
    this.typeMiss = `typeMiss|${coarse}`
  }

  /** `family` crossed with a part of the span (its kind, a neighbouring word, a tag) and the question's class. */
  cross(family: 'k|c' | 'k|q' | 'k|wh' | 'len' | 'prev' | 'next' | 'head' | 'first', part: string): string {
    let byPart = this.memo.get(family)
    if (!byPart) this.memo.set(family, (byPart = new Map()))
    let name = byPart.get(part)
    if (name === undefined) {
      const { coarse, qclass, lead } = this.shape
      name =
        family === 'k|c' ? `k:${part}|${coarse}`
          : family === 'k|q' ? `k:${part}|q:${qclass}`
            : family === 'k|wh' ? `k:${part}|wh:${lead}`
              : `${family}:${part}|${coarse}`
      byPart.set(part, name)
    }
    return name
  }
}

/**
 * The features of one span, as parallel name/value arrays reused from span to span: values go to a typed
 * array, so scoring ~100 spans allocates nothing per feature.
 */
export class FeatureBuffer {
  names: string[] = []
  values = new Float64Array(128)
  count = 0

  add(name: string, value: number): void {
    if (value === 0) return
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.names[this.count] = name
    this.values[this.count++] = value
  }
}

/** Fills `out` (after clearing it) with the features of candidate `c`; absent features are 0. */
export function candidateFeatures(ctx: PassageContext, c: Candidate, out: FeatureBuffer): void {
  out.count = 0
  const { ann, shape } = ctx
  const tokens = ann.tokens
  const names = ctx.names
  const [from, to] = ann.sentenceTokens[c.sentence]!
  for (let b = 0; b < KINDS.length; b++) {
    if (!(c.kinds & (1 << b))) continue
    const k = KINDS[b]!
    out.add(names.cross('k|c', k), 1)
    out.add(names.cross('k|q', k), 1)
    out.add(names.cross('k|wh', k), 1)
  }
  // A span of none of the kinds the question asks for ("when" but no date in it): the conjunction a linear
  // model cannot build from the kind features alone.
  const wanted = WANTED_KINDS[shape.coarse]
  if (wanted !== undefined && !(c.kinds & wanted)) out.add(names.typeMiss, 1)
  const length = c.last - c.first + 1
  let bucket = 0
  while (length > LENGTH_BUCKETS[bucket]!) bucket++
  out.add(names.cross('len', BUCKET_NAMES[bucket]!), 1)

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
    if (CAPITAL.test(t.text)) capital++
  }
  if (content === 0) out.add('noContent', 1)
  else {
    out.add('overlap', named / content)
    if (named === content) out.add('overlapAll', 1)
    out.add('capital', capital / content)
  }
  if (ctx.inQuestion[c.last]) out.add('headInQ', 1)
  if (focusIn) out.add(names.focusIn, 1)
  if (shape.focus !== null) {
    // The focus noun as the span's head ("the seminal paper") names the kind, not the answer.
    if (tokens[c.last]!.term === shape.focus) out.add('focusHead', 1)
    for (let i = Math.max(from, c.first - 2); i < c.first; i++) if (tokens[i]!.term === shape.focus) out.add('focusBefore', 1)
    for (let i = c.last + 1; i < Math.min(to, c.last + 3); i++) if (tokens[i]!.term === shape.focus) out.add('focusAfter', 1)
  }

  // The sentence: how much of the question it holds, and how it ranks in the passage.
  const cov = ctx.coverage[c.sentence]!
  out.add('sCov', cov)
  out.add('sGap', cov - ctx.maxCoverage)
  const r = ctx.rank[c.sentence]!
  out.add(r === 0 ? 'sRank0' : r === 1 ? 'sRank1' : 'sRank2+', 1)

  // Closeness to the question's words inside the sentence, on each side (the sides matter differently).
  let nearest = Infinity
  let win3 = 0
  let win8 = 0
  let leftNear = 0
  let rightNear = 0
  let leftFar = 0
  let rightFar = 0
  let leftAll = 0
  let rightAll = 0
  let verbBefore = false
  let verbAfter = false
  let firstVerb = to
  for (let i = from; i < to; i++) {
    if (firstVerb === to && (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX')) firstVerb = i
    if (i >= c.first && i <= c.last) continue
    if (ctx.verb[i]) {
      if (i > c.last) verbAfter = true
      else verbBefore = true
    }
    const m = ctx.match[i]!
    if (m === 0) continue
    const d = i < c.first ? c.first - i : i - c.last
    if (d < nearest) nearest = d
    if (d <= 3) win3 += m
    if (d <= 8) win8 += m
    if (i < c.first) {
      leftNear += m * Math.exp(-d / 2)
      leftFar += m * Math.exp(-d / 6)
      leftAll += m
    } else {
      rightNear += m * Math.exp(-d / 2)
      rightFar += m * Math.exp(-d / 6)
      rightAll += m
    }
  }
  const inv = 1 / ctx.total
  out.add('proxL2', leftNear * inv)
  out.add('proxR2', rightNear * inv)
  out.add('proxL6', leftFar * inv)
  out.add('proxR6', rightFar * inv)
  out.add(names.proxL2, leftNear * inv)
  out.add(names.proxR2, rightNear * inv)
  out.add('win3', win3 * inv)
  out.add('win8', win8 * inv)
  if (leftAll + rightAll > 0) out.add(names.rightShare, rightAll / (leftAll + rightAll))
  if (nearest === Infinity) out.add('noAnchor', 1)
  else {
    out.add('dist', Math.log1p(nearest))
    out.add(names.dist, Math.log1p(nearest))
  }
  const left = contentNeighbour(ctx, c.first - 1, -1, from)
  const right = contentNeighbour(ctx, c.last + 1, 1, to)
  if (left >= 0 && ctx.match[left]! > 0) out.add('leftIsQ', 1)
  if (right >= 0 && ctx.match[right]! > 0) out.add('rightIsQ', 1)

  // The words around the span.
  const prev = c.first > from ? tokens[c.first - 1] : undefined
  const next = c.last + 1 < to ? tokens[c.last + 1] : undefined
  if (prev && NEIGHBOURS.has(prev.lower)) out.add(names.cross('prev', prev.lower), 1)
  if (next && NEIGHBOURS.has(next.lower)) out.add(names.cross('next', next.lower), 1)
  if (c.first === from) out.add('sentenceStart', 1)
  if (prev && next && QUOTES.has(prev.text) && QUOTES.has(next.text)) out.add('quoted', 1)
  // "X is Y": a span on one side of a copula, the question's words on the other.
  if (prev && COPULAS.has(prev.lower) && c.first - 1 > from) out.add(names.copulaBefore, 1)
  if (next && COPULAS.has(next.lower)) out.add(names.copulaAfter, 1)
  out.add(names.cross('head', tokens[c.last]!.pos), 1)
  out.add(names.cross('first', tokens[c.first]!.pos), 1)
  // Before the sentence's first verb: likely its subject. And subject or object of the question's own verb.
  out.add(c.last < firstVerb ? names.subject : names.object, 1)
  if (verbAfter) out.add(names.verbAfterSpan, 1)
  if (verbBefore) out.add(names.verbBeforeSpan, 1)
}

const CAPITAL = /^\p{Lu}/u
const bits = (kinds: CandidateKind[]): number => kinds.reduce((a, k) => a | kindBit(k), 0)
export const WANTED_KINDS: Partial<Record<string, number>> = {
  date: bits(['DATE', 'TIME', 'YEAR', 'CALENDAR']),
  number: bits(['CARDINAL', 'MONEY', 'PERCENT', 'DURATION', 'ORDINAL', 'NUMERIC']),
  person: bits(['NAME']),
  place: bits(['NAME']),
}
const BUCKET_NAMES = ['0', '1', '2', '3', '4', '5', '6']

/** The nearest token with a content term from `i` in direction `step`, within the sentence, or -1. */
function contentNeighbour(ctx: PassageContext, i: number, step: number, bound: number): number {
  const tokens = ctx.ann.tokens
  for (let k = 0; k < 3 && i >= 0 && i < tokens.length && (step < 0 ? i >= bound : i < bound); k++, i += step) {
    if (tokens[i]!.term !== null) return i
  }
  return -1
}
