import type { Annotation, Token } from './annotate.js'

/** Kinds of candidate span; one span can be several (a year is a DATE entity and a noun phrase). */
export type CandidateKind =
  | 'DATE' | 'TIME' | 'CARDINAL' | 'MONEY' | 'PERCENT' | 'ORDINAL' | 'DURATION'
  | 'YEAR' | 'NAME' | 'NP' | 'NPX' | 'LIST' | 'CLAUSE' | 'ADJ' | 'VP'

/** A span of tokens `[first, last]` (inclusive) inside one sentence that could be the short answer. */
export interface Candidate {
  first: number
  last: number
  sentence: number
  kinds: Set<CandidateKind>
}

const ENTITY_KINDS = new Set(['DATE', 'TIME', 'CARDINAL', 'MONEY', 'PERCENT', 'ORDINAL', 'DURATION'])
// Small words that may sit inside a name ("Bank of America", "Committee on Inaugural Ceremonies").
const NAME_JOINERS = new Set(['of', 'on', 'for', 'and', 'the', 'de', 'du', 'la', 'von', 'van', 'al', '&'])
const ATTACH = new Set(['of', 'in', 'for', 'from', 'on', 'at', 'with', 'by', 'to', 'as', 'between', 'into', 'over', 'under'])
const CLAUSE_START = new Set(['because', 'since', 'so', 'to', 'by', 'through', 'due', 'as', 'that', 'when', 'while', 'after', 'before', 'if', 'for'])
const YEAR = /^(1[0-9]{3}|20[0-9]{2})s?$/
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your', 'whose'])
const MAX_CLAUSE = 25

/** Every candidate span of a passage (or of the listed sentences only), one entry per distinct span. */
export function candidateSpans(ann: Annotation, sentences?: readonly number[]): Candidate[] {
  const bySpan = new Map<number, Candidate>()
  const tokens = ann.tokens
  const n = tokens.length
  const add = (first: number, last: number, sentence: number, kind: CandidateKind): void => {
    // Trim punctuation at both ends: a span is words.
    while (first <= last && isEdgePunct(tokens[first]!)) first++
    while (last >= first && isEdgePunct(tokens[last]!)) last--
    if (first > last) return
    const key = first * (n + 1) + last
    const c = bySpan.get(key)
    if (c) c.kinds.add(kind)
    else bySpan.set(key, { first, last, sentence, kinds: new Set([kind]) })
  }
  const which = sentences ?? ann.sentenceTokens.map((_, i) => i)
  for (const s of which) {
    const range = ann.sentenceTokens[s]
    if (!range) continue
    const [from, to] = range
    for (const e of ann.entities) {
      if (e.tokens[0] >= from && e.tokens[1] < to && ENTITY_KINDS.has(e.type)) add(e.tokens[0], e.tokens[1], s, e.type as CandidateKind)
    }
    for (let i = from; i < to; i++) if (YEAR.test(tokens[i]!.text)) add(i, i, s, 'YEAR')
    for (const [a, b] of nameRuns(tokens, from, to)) add(a, b, s, 'NAME')
    const nps = nounPhrases(tokens, from, to)
    for (const [a, b] of nps) {
      if (a === b && tokens[a]!.pos === 'ADJ') add(a, b, s, 'ADJ')
      else add(a, b, s, 'NP')
    }
    // NP + preposition + NP ("the University of Chicago", "a rise in temperature").
    const startsAt = new Map(nps.map(([a, b]) => [a, b]))
    const npStartAfter = (i: number): number | undefined => {
      // The following NP may start with a determiner that nounPhrases stripped.
      if (startsAt.has(i)) return startsAt.get(i)
      if (isDeterminer(tokens[i]) && startsAt.has(i + 1)) return startsAt.get(i + 1)
      return undefined
    }
    for (const [a, b] of nps) {
      const p = tokens[b + 1]
      if (!p || !ATTACH.has(p.lower)) continue
      const end = npStartAfter(b + 2)
      if (end !== undefined && end < to) add(a, end, s, 'NPX')
    }
    // Lists: NP, NP and NP.
    for (let k = 0; k < nps.length; k++) {
      let end = nps[k]![1]
      let parts = 1
      for (let j = k + 1; j < nps.length; j++) {
        const gap = tokens.slice(end + 1, nps[j]![0]).map((t) => t.lower)
        const joined = gap.filter((g) => g !== ',' && g !== 'and' && g !== 'or' && !isDeterminerWord(g))
        if (gap.length === 0 || gap.length > 3 || joined.length > 0) break
        end = nps[j]![1]
        parts++
        if (gap.includes('and') || gap.includes('or')) break
      }
      if (parts >= 2) add(nps[k]![0], end, s, 'LIST')
    }
    // Clauses after a reason or manner word, up to the next comma.
    for (let i = from; i < to - 1; i++) {
      const t = tokens[i]!
      if (!CLAUSE_START.has(t.lower)) continue
      if (t.lower === 'to' && tokens[i + 1]!.pos !== 'VERB' && tokens[i + 1]!.pos !== 'AUX') continue
      let end = i + 1
      while (end < to && end - i <= MAX_CLAUSE && !/^[,;:.!?)]$/.test(tokens[end]!.text)) end++
      if (end - i < 3) continue
      add(i + 1, end - 1, s, 'CLAUSE')
      if (t.lower === 'to' || t.lower === 'by') add(i, end - 1, s, 'CLAUSE')
    }
    // Verb phrases: a verb and the noun phrase after it ("what did X do?").
    for (let i = from; i < to - 1; i++) {
      if (tokens[i]!.pos !== 'VERB') continue
      const end = npStartAfter(i + 1)
      if (end !== undefined && end < to) add(i, end, s, 'VP')
    }
  }
  return [...bySpan.values()].sort((a, b) => a.first - b.first || a.last - b.last)
}

function isEdgePunct(t: Token): boolean {
  return t.pos === 'PUNCT' && !/^[%$€£]$/.test(t.text)
}

function isDeterminer(t: Token | undefined): boolean {
  return !!t && (t.pos === 'DET' || POSSESSIVE_PRONOUNS.has(t.lower))
}

function isDeterminerWord(w: string): boolean {
  return w === 'the' || w === 'a' || w === 'an'
}

/**
 * Base noun phrases, determiners and possessive pronouns left out: maximal runs of adjectives, nouns, proper
 * nouns, numbers, currency and percent signs, possessive 's, and hyphens between words; a run ends in a noun,
 * a number or a sign (a lone adjective is kept as such: "undefeated").
 */
export function nounPhrases(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = []
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
      if (isHead(tokens[k]!)) out.push([i, k])
    } else if (isHead(tokens[last]!) || (last === i && tokens[last]!.pos === 'ADJ')) {
      out.push([i, last])
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
      return /^[%$€£¥]$/.test(t.text)
    case 'PART':
      // Possessive 's inside a phrase ("Levi's Stadium"), followed by more of the phrase.
      return /^['’]s?$/.test(t.text) && i > 0 && i + 1 < to && isNpToken(tokens[i + 1]!)
    case 'PUNCT':
      // A hyphen or dash joining two words without spaces ("well-known", "24–10").
      return /^[-–]$/.test(t.text) && i > 0 && i + 1 < to && tokens[i - 1]!.span[1] === t.span[0] && tokens[i + 1]!.span[0] === t.span[1] && isNpToken(tokens[i - 1]!) && isNpToken(tokens[i + 1]!)
    case 'ADV':
      // "very large", "most important": an adverb before an adjective.
      return i + 1 < to && tokens[i + 1]!.pos === 'ADJ'
    case 'VERB':
      // Participles inside a phrase after a determiner or adjective ("the united kingdom", "a well-known") are rare; hyphen-joined verbs count.
      return i > 0 && i + 1 < to && (tokens[i - 1]!.text === '-' || tokens[i + 1]!.text === '-') && tokens[i - 1]!.span[1] === t.span[0]
    default:
      return false
  }
}

function isNpToken(t: Token): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || t.pos === 'ADJ' || t.pos === 'VERB'
}

/** Maximal runs of proper nouns, joined through small words ("Committee on Inaugural Ceremonies"). */
export function nameRuns(tokens: readonly Token[], from: number, to: number): [number, number][] {
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
      else if (!(NAME_JOINERS.has(tokens[j]!.lower) && j + 1 < to && isProper(tokens, j + 1, from))) break
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
