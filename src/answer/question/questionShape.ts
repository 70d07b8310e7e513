import { annotate } from '../analysis/annotate.js'
import type { Token } from '../analysis/annotate.js'

/**
 * The question's wording as the answer extractor reads it: which wh-word, what it asks for, the noun that
 * names the answer's kind ("which river" → river), and whether the wh-phrase is the subject ("who founded…")
 * or not ("what did X found"). Derived from the tagged question; pure.
 */
export interface QuestionShape {
  /** Fine question class, e.g. `who`, `when`, `howmany`, `what`, `which`, `why`, `none`. */
  qclass: string
  /** Coarse class for crossing with candidate kinds: person, date, place, number, thing, reason, manner, other. */
  coarse: string
  /** The index term of the focus noun ("what river" → "river"), or null. */
  focus: string | null
  /** 1 when the wh-phrase is followed by a main verb: the answer is the verb's subject. */
  subjectWh: boolean
  /** Index terms of the question's main verbs (not auxiliaries). */
  verbs: string[]
  /** Whether the question holds a negation ("not", "never", "n't"). */
  negated: boolean
  /** A yes/no question ("Has Trump spoken with Putin?", "Could China help?"): no wh-word, an auxiliary first. */
  yesNo: boolean
  /** The wh-word and the word after it, lower-cased ("what is", "how many"), or `none`. */
  lead: string
  /** The tagged question. */
  tokens: Token[]
}

const WH = new Set(['who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'what', 'which'])
const HOW_NUMBER = new Set(['many', 'much'])
const HOW_MEASURE = new Set(['long', 'old', 'far', 'tall', 'high', 'large', 'big', 'deep', 'wide', 'heavy', 'often', 'fast', 'large', 'small', 'early', 'late', 'soon'])
// Focus nouns that say which coarse kind of answer is wanted.
const FOCUS_KIND: Record<string, string> = {}
for (const w of 'year years date day days month months time century centuries decade decades era period season age'.split(' ')) FOCUS_KIND[w] = 'date'
for (const w of 'person people man woman men women company companies organization organisation group team teams leader official president king queen author band university party agency minister newspaper network player coach family emperor scientist artist writer composer architect director founder'.split(' ')) FOCUS_KIND[w] = 'person'
for (const w of 'city cities country countries place places state states location region town nation nations continent province county area island river capital street building location'.split(' ')) FOCUS_KIND[w] = 'place'
for (const w of 'percentage percent proportion number amount share fraction rate population size distance cost price temperature speed total'.split(' ')) FOCUS_KIND[w] = 'number'
const SKIP_TO_FOCUS = new Set(['kind', 'type', 'types', 'kinds', 'sort', 'form', 'name', 'names', 'part'])
const YES_NO_START = new Set([
  'is', 'are', 'was', 'were', 'am', 'do', 'does', 'did', 'has', 'have', 'had', 'can', 'could', 'will', 'would', 'should',
  'shall', 'may', 'might', 'must', "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't",
])
const NEGATION = /\b(not|never|no|none|nothing|neither|nor|without)\b|n't\b|n’t\b/i

/** Tags the question and reads its shape. Cheap (one short wink-nlp pass). */
export function questionShape(text: string): QuestionShape {
  const tokens = annotate(text).tokens
  let wh = -1
  for (let i = 0; i < tokens.length; i++) {
    if (WH.has(tokens[i]!.lower)) {
      wh = i
      break
    }
  }
  const word = wh >= 0 ? tokens[wh]!.lower : 'none'
  const next = tokens[wh + 1]
  let qclass = word === 'whom' ? 'who' : word
  let focus: string | null = null
  let after = wh + 1
  if (word === 'how' && next) {
    if (HOW_NUMBER.has(next.lower)) qclass = `how${next.lower}`
    else if (HOW_MEASURE.has(next.lower)) qclass = 'howmeasure'
    if (qclass !== 'how') after = wh + 2
  } else if (word === 'what' || word === 'which' || word === 'whose') {
    const found = focusNoun(tokens, wh + 1)
    if (found) {
      focus = found.term
      after = found.after
    }
  }
  const kind = focus ? FOCUS_KIND[focusWord(tokens, focus)] : undefined
  let coarse = COARSE[qclass] ?? 'other'
  if ((qclass === 'what' || qclass === 'which') && kind) coarse = kind
  if (qclass === 'what' && focus === null && tokens[wh + 1]?.lower === 'happened') coarse = 'thing'
  // A verb straight after the wh-phrase ("who founded", "which team won") makes it the subject.
  let subjectWh = false
  const v = tokens[after]
  if (v && v.pos === 'VERB') subjectWh = true
  const verbs: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (i !== wh && t.pos === 'VERB' && t.term) verbs.push(t.term)
  }
  const lead = wh >= 0 ? `${word} ${next?.pos === 'PUNCT' || !next ? '' : next.pos === 'NOUN' || next.pos === 'PROPN' ? next.pos : next.lower}`.trim() : 'none'
  const yesNo = wh < 0 && tokens.length > 0 && YES_NO_START.has(tokens[0]!.lower)
  return { qclass, coarse, focus, subjectWh, verbs, negated: NEGATION.test(text), yesNo, lead, tokens }
}

const COARSE: Record<string, string> = {
  who: 'person', whose: 'person', when: 'date', where: 'place', howmany: 'number', howmuch: 'number', howmeasure: 'number',
  why: 'reason', how: 'manner', what: 'thing', which: 'thing', none: 'other',
}

/** The noun the wh-word governs: "what (kind of) (ADJ)* NOUN", "what is the name of the NOUN", "what NOUN". */
function focusNoun(tokens: readonly Token[], from: number): { term: string; after: number } | null {
  let i = from
  // "what is the largest city": the copula and article are skipped; a verb means no focus noun here.
  if (tokens[i]?.pos === 'AUX' && /^(is|was|are|were|'s|’s)$/.test(tokens[i]!.lower) && tokens[i + 1]?.pos === 'DET') i += 2
  else if (tokens[i]?.pos === 'AUX') return null
  for (let guard = 0; guard < 3; guard++) {
    while (tokens[i] && (tokens[i]!.pos === 'ADJ' || tokens[i]!.pos === 'ADV' || tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'NUM')) i++
    const t = tokens[i]
    if (!t || (t.pos !== 'NOUN' && t.pos !== 'PROPN')) return null
    let last = i
    // "which river flows through": a plural-looking noun before a preposition, with no verb later, is the verb.
    while (tokens[last + 1] && tokens[last + 1]!.pos === 'NOUN' && !actsAsVerb(tokens, last + 1)) last++
    const head = tokens[last]!
    if (SKIP_TO_FOCUS.has(head.lower) && tokens[last + 1]?.lower === 'of') {
      i = last + 2
      continue
    }
    return head.term ? { term: head.term, after: last + 1 } : null
  }
  return null
}

function actsAsVerb(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]
  if (!next || !['ADP', 'DET', 'PRON'].includes(next.pos)) return false
  return !tokens.slice(i + 1).some((t) => t.pos === 'VERB' || t.pos === 'AUX')
}

function focusWord(tokens: readonly Token[], term: string): string {
  return tokens.find((t) => t.term === term)?.lower ?? term
}
