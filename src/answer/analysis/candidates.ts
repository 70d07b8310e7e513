import type { Annotation, Token } from './annotate.js'

/** Kinds of candidate span; one span can be several (a year is a DATE entity and a noun phrase). */
export type CandidateKind =
  | 'DATE' | 'TIME' | 'CARDINAL' | 'MONEY' | 'PERCENT' | 'ORDINAL' | 'DURATION'
  | 'YEAR' | 'NAME' | 'NP' | 'NPX' | 'LIST' | 'CLAUSE' | 'ADJ' | 'VP'
  /** Holds a number ("61.1%", "2,000 m", "£304m"), whatever else it is. */
  | 'NUMERIC'
  /** Holds a year, a month, a weekday or a century word ("the 1990s", "14th century"). */
  | 'CALENDAR'

export const KINDS: readonly CandidateKind[] = [
  'DATE', 'TIME', 'CARDINAL', 'MONEY', 'PERCENT', 'ORDINAL', 'DURATION', 'YEAR', 'NAME', 'NP', 'NPX', 'LIST', 'CLAUSE', 'ADJ', 'VP',
  'NUMERIC', 'CALENDAR',
]
const BIT = new Map(KINDS.map((k, i) => [k, 1 << i]))
const B = Object.fromEntries(KINDS.map((k, i) => [k, 1 << i])) as Record<CandidateKind, number>

/** The bit of a kind in `Candidate.kinds`. */
export function kindBit(kind: CandidateKind): number {
  return BIT.get(kind)!
}

/** The kinds in a `Candidate.kinds` bit set, in `KINDS` order. */
export function kindNames(kinds: number): CandidateKind[] {
  return KINDS.filter((_, i) => kinds & (1 << i))
}

/** A span of tokens `[first, last]` (inclusive) inside one sentence that could be the short answer. */
export interface Candidate {
  first: number
  last: number
  sentence: number
  /** Bit set of its kinds (see `kindBit`): a bit set, because ~100 spans are made per question. */
  kinds: number
}

const ENTITY_BITS = new Map(['DATE', 'TIME', 'CARDINAL', 'MONEY', 'PERCENT', 'ORDINAL', 'DURATION'].map((k) => [k, BIT.get(k as CandidateKind)!]))
// Small words that may sit inside a name ("Bank of America", "Committee on Inaugural Ceremonies").
const NAME_JOINERS = new Set(['of', 'on', 'for', 'and', 'the', 'de', 'du', 'la', 'von', 'van', 'al', '&'])
const ATTACH = new Set(['of', 'in', 'for', 'from', 'on', 'at', 'with', 'by', 'to', 'as', 'between', 'into', 'over', 'under'])
const CLAUSE_START = new Set(['because', 'since', 'so', 'to', 'by', 'through', 'due', 'as', 'that', 'when', 'while', 'after', 'before', 'if', 'for'])
const YEAR = /^(1[0-9]{3}|20[0-9]{2})s?$/
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your', 'whose'])
const MAX_CLAUSE = 25
// Hoisted: a regular expression literal makes a new object each time it is evaluated, and these run per token.
const CLAUSE_END = /^[,;:.!?)]$/
const SIGN = /^[%$€£¥]$/
const POSSESSIVE = /^['’]s?$/
const HYPHEN = /^[-–]$/
const CAPITAL = /^\p{Lu}/u
const DIGIT = /\p{N}/u
const CENTURY = /^(centur(y|ies)|decades?|[0-9]+(st|nd|rd|th)|[0-9]{2,4}s|mid-[0-9]{2,4}s?)$/

// Spans depend on the passage alone: kept with its annotation, so that no question (and no runner-up passage a
// question looks at) rebuilds them.
const spansOf = new WeakMap<Annotation, readonly Candidate[]>()

/** `candidateSpans` of a passage, computed once per annotation. Treat the result as read-only. */
export function passageCandidates(ann: Annotation): readonly Candidate[] {
  let spans = spansOf.get(ann)
  if (!spans) spansOf.set(ann, (spans = candidateSpans(ann)))
  return spans
}

/** Every candidate span of a passage, one entry per distinct span, ordered by first and then last token. */
export function candidateSpans(ann: Annotation): Candidate[] {
  const tokens = ann.tokens
  const n = tokens.length
  // Spans grouped by first token: lists stay short, and no hash map is rebuilt per question.
  const byFirst: (Candidate[] | undefined)[] = new Array(n)
  // npEnd[i]: last token of the noun phrase starting at token i, or -1.
  const npEnd = new Int32Array(n).fill(-1)
  let sentence = 0
  const add = (first: number, last: number, kind: number): void => {
    // Trim punctuation at both ends: a span is words.
    while (first <= last && isEdgePunct(tokens[first]!)) first++
    while (last >= first && isEdgePunct(tokens[last]!)) last--
    if (first > last) return
    let list = byFirst[first]
    if (!list) byFirst[first] = list = []
    for (const c of list) {
      if (c.last === last) {
        c.kinds |= kind
        return
      }
    }
    list.push({ first, last, sentence, kinds: kind })
  }
  // The noun phrase right after token i-1, allowing for a determiner that nounPhrases left out.
  const npAfter = (i: number, to: number): number => {
    if (i >= to) return -1
    if (npEnd[i]! >= 0) return npEnd[i]!
    return isDeterminer(tokens[i]) && i + 1 < to ? npEnd[i + 1]! : -1
  }
  for (sentence = 0; sentence < ann.sentenceTokens.length; sentence++) {
    const [from, to] = ann.sentenceTokens[sentence]!
    for (const e of ann.entities) {
      const kind = ENTITY_BITS.get(e.type)
      if (kind !== undefined && e.tokens[0] >= from && e.tokens[1] < to) add(e.tokens[0], e.tokens[1], kind)
    }
    for (let i = from; i < to; i++) if (YEAR.test(tokens[i]!.text)) add(i, i, B.YEAR)
    const names = nameRuns(tokens, from, to)
    for (let k = 0; k < names.length; k += 2) add(names[k]!, names[k + 1]!, B.NAME)
    const nps = nounPhrases(tokens, from, to)
    for (let k = 0; k < nps.length; k += 2) {
      const [a, b] = [nps[k]!, nps[k + 1]!]
      npEnd[a] = b
      add(a, b, a === b && tokens[a]!.pos === 'ADJ' ? B.ADJ : B.NP)
    }
    for (let k = 0; k < nps.length; k += 2) {
      // NP + preposition + NP ("the University of Chicago", "a rise in temperature").
      const b = nps[k + 1]!
      const p = tokens[b + 1]
      if (p && b + 1 < to && ATTACH.has(p.lower)) {
        const end = npAfter(b + 2, to)
        if (end >= 0) add(nps[k]!, end, B.NPX)
      }
      // Lists: NP, NP and NP.
      let end = b
      let parts = 1
      for (let j = k + 2; j < nps.length; j += 2) {
        const gapStart = end + 1
        const gapEnd = nps[j]!
        if (gapEnd === gapStart || gapEnd - gapStart > 3) break
        let ok = true
        let conjunction = false
        for (let g = gapStart; g < gapEnd; g++) {
          const w = tokens[g]!.lower
          if (w === 'and' || w === 'or') conjunction = true
          else if (w !== ',' && !isDeterminerWord(w)) ok = false
        }
        if (!ok) break
        end = nps[j + 1]!
        parts++
        if (conjunction) break
      }
      if (parts >= 2) add(nps[k]!, end, B.LIST)
    }
    for (let i = from; i < to - 1; i++) {
      const t = tokens[i]!
      // Clauses after a reason or manner word, up to the next comma.
      if (CLAUSE_START.has(t.lower) && !(t.lower === 'to' && tokens[i + 1]!.pos !== 'VERB' && tokens[i + 1]!.pos !== 'AUX')) {
        let end = i + 1
        while (end < to && end - i <= MAX_CLAUSE && !CLAUSE_END.test(tokens[end]!.text)) end++
        if (end - i >= 3) {
          add(i + 1, end - 1, B.CLAUSE)
          if (t.lower === 'to' || t.lower === 'by') add(i, end - 1, B.CLAUSE)
        }
      }
      // Verb phrases: a verb and the noun phrase after it ("what did X do?").
      if (t.pos === 'VERB') {
        const end = npAfter(i + 1, to)
        if (end >= 0) add(i, end, B.VP)
      }
    }
  }
  // What the tokens inside say, whatever the span's shape: a number, a calendar word.
  const numeric = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!
    if (t.pos === 'NUM' || DIGIT.test(t.text)) numeric[i] |= 1
    if (YEAR.test(t.text) || CALENDAR.test(t.text) || CENTURY.test(t.lower)) numeric[i] |= 2
  }
  const out: Candidate[] = []
  for (const list of byFirst) {
    if (!list) continue
    for (const c of list) {
      for (let i = c.first; i <= c.last; i++) {
        if (numeric[i]! & 1) c.kinds |= B.NUMERIC
        if (numeric[i]! & 2) c.kinds |= B.CALENDAR
      }
    }
    // Short lists: insertion sort by last token.
    for (let i = 1; i < list.length; i++) {
      const c = list[i]!
      let j = i - 1
      while (j >= 0 && list[j]!.last > c.last) {
        list[j + 1] = list[j]!
        j--
      }
      list[j + 1] = c
    }
    for (const c of list) out.push(c)
  }
  return out
}

function isEdgePunct(t: Token): boolean {
  return t.pos === 'PUNCT' && !SIGN.test(t.text)
}

function isDeterminer(t: Token | undefined): boolean {
  return !!t && (t.pos === 'DET' || POSSESSIVE_PRONOUNS.has(t.lower))
}

function isDeterminerWord(w: string): boolean {
  return w === 'the' || w === 'a' || w === 'an'
}

/**
 * Base noun phrases as flat pairs [first, last, first, last, …], determiners and possessive pronouns left out: maximal runs of adjectives, nouns, proper
 * nouns, numbers, currency and percent signs, possessive 's, and hyphens between words; a run ends in a noun,
 * a number or a sign (a lone adjective is kept as such: "undefeated").
 */
export function nounPhrases(tokens: readonly Token[], from: number, to: number): number[] {
  const out: number[] = []
  let i = from
  while (i < to) {
    if (!isNpBody(tokens, i, to)) {
      i++
      continue
    }
    let j = i
    while (j + 1 < to && isNpBody(tokens, j + 1, to)) j++
    // Drop trailing possessive marks and hyphens; keep a trailing adjective only when it stands alone.
    let last = j
    while (last > i && (tokens[last]!.pos === 'PART' || tokens[last]!.pos === 'PUNCT' || tokens[last]!.pos === 'ADV')) last--
    if (last > i && tokens[last]!.pos === 'ADJ') {
      let k = last
      while (k > i && (tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'ADV')) k--
      if (isHead(tokens[k]!)) out.push(i, k)
    } else if (isHead(tokens[last]!) || (last === i && tokens[last]!.pos === 'ADJ')) {
      out.push(i, last)
    }
    i = j + 1
  }
  return out
}

function isHead(t: Token): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || (t.pos === 'SYM' && t.text === '%')
}

function isNpBody(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i]!
  switch (t.pos) {
    case 'NOUN':
    case 'PROPN':
    case 'NUM':
    case 'ADJ':
      return true
    case 'SYM':
      return SIGN.test(t.text)
    case 'PART':
      // Possessive 's inside a phrase ("Levi's Stadium"), followed by more of the phrase.
      return POSSESSIVE.test(t.text) && i > 0 && i + 1 < to && isNpToken(tokens[i + 1]!)
    case 'PUNCT':
      // A hyphen or dash joining two words without spaces ("well-known", "24–10").
      return HYPHEN.test(t.text) && i > 0 && i + 1 < to && tokens[i - 1]!.end === t.start && tokens[i + 1]!.start === t.end && isNpToken(tokens[i - 1]!) && isNpToken(tokens[i + 1]!)
    case 'ADV':
      // "very large", "most important": an adverb before an adjective.
      return i + 1 < to && tokens[i + 1]!.pos === 'ADJ'
    case 'VERB':
      // Participles inside a phrase after a determiner or adjective ("the united kingdom", "a well-known") are rare; hyphen-joined verbs count.
      return i > 0 && i + 1 < to && (tokens[i - 1]!.text === '-' || tokens[i + 1]!.text === '-') && tokens[i - 1]!.end === t.start
    default:
      return false
  }
}

function isNpToken(t: Token): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || t.pos === 'ADJ' || t.pos === 'VERB'
}

/** Maximal runs of proper nouns as flat pairs [first, last, …], joined through small words ("Committee on Inaugural Ceremonies"). */
export function nameRuns(tokens: readonly Token[], from: number, to: number): number[] {
  const runs: number[] = []
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
      else if (!(joins(tokens[j]!) && j + 1 < to && isProper(tokens, j + 1, from) && !CALENDAR.test(tokens[j + 1]!.text))) break
      j++
    }
    runs.push(i, last)
    i = last + 1
  }
  return runs
}

/** A small word inside a name: "Bank of America", "Levi's Stadium". */
function joins(t: Token): boolean {
  return NAME_JOINERS.has(t.lower) || (t.pos === 'PART' && POSSESSIVE.test(t.text))
}

// "the Panthers on February 7": a month or a weekday after a joiner starts a date, not more of the name.
const CALENDAR = /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/

function isProper(tokens: readonly Token[], i: number, sentenceStart: number): boolean {
  const t = tokens[i]!
  if (t.pos === 'PROPN') return true
  // The tagger misses some capitalised names; sentence-initial capitals prove nothing.
  return i > sentenceStart && CAPITAL.test(t.text) && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'X')
}
