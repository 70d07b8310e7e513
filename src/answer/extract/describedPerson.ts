import type { Span } from '../../types.js'
import type { Token } from '../analysis/annotate.js'
import { bestSentences } from './answerFeatures.js'
import type { PassageContext } from './answerFeatures.js'

/**
 * "Which Italian leader got an invite?", "who's the chief executive of Time Warner?": news names a person with a
 * description beside the name, a title before it ("Italian Premier Giorgia Meloni", "Time Warner chairman and
 * chief executive Richard Parsons", "El Salvador's President Nayib Bukele") or an apposition after it ("Sun Yun,
 * director of the China program at … Stimson Center,"). A who-question asked in the description's words is
 * answered by the name alone. Looks at the two sentences that hold most of the question; the person whose
 * description holds the most question weight wins, and only when no other person's ties it. Returns the
 * name's span, or null.
 */
export function describedPerson(ctx: PassageContext): Span | null {
  if (ctx.shape.coarse !== 'person' || ctx.shape.yesNo) return null
  const { ann, match } = ctx
  const tokens = ann.tokens
  let best: { span: Span; weight: number; name: string } | null = null
  let tied = false
  for (const s of bestSentences(ctx, 2)) {
    const [from, to] = ann.sentenceTokens[s]!
    for (const name of titledNames(tokens, from, to, match)) {
      if (!personLike(tokens, name, to)) continue
      const weight = descriptionWeight(tokens, match, name, from, to)
      if (weight <= 0) continue
      const text = tokens.slice(name.first, name.last + 1).map((t) => t.lower).join(' ')
      if (best && Math.abs(weight - best.weight) < 1e-9) tied ||= text !== best.name
      else if (!best || weight > best.weight) {
        best = { span: [tokens[name.first]!.start, tokens[name.last]!.end], weight, name: text }
        tied = false
      }
    }
  }
  // At least 30% of the question's weight: one generic word ("leader") shared with a title is not a description.
  return best && !tied && best.weight / ctx.total >= MIN_SHARE ? best.span : null
}

const MIN_SHARE = 0.3

/**
 * Whether a name stands as a person's: right after a title ("Premier Giorgia Meloni") or a role written in lower
 * case ("chief executive Richard Parsons"), or followed by an apposition ("Sun Yun, director of …"). Keeps out
 * "World War II" and "Contemporary Art", which a description's words can sit beside too.
 */
function personLike(tokens: readonly Token[], name: NameRun, to: number): boolean {
  const before = tokens[name.first - 1]
  if (before && (TITLES.has(before.lower) || (before.pos === 'NOUN' && !CAPITALISED.test(before.text)))) return true
  const after = tokens[name.last + 2]
  return tokens[name.last + 1]?.text === ',' && name.last + 2 < to && after !== undefined && !CAPITALISED.test(after.text) && APPOSITION_HEADS.has(after.pos)
}

const APPOSITION_HEADS = new Set(['DET', 'NOUN', 'ADJ'])

interface NameRun {
  first: number
  last: number
  /** First token of the title words before the name inside the capitalised run (first when none). */
  titleFrom: number
}

/**
 * Runs of capitalised nouns and proper nouns, split into title words and the name after them ("Italian Prime
 * Minister | Giorgia Meloni"). The name is the run's end back to the first title word or question word; a run
 * whose name is empty or holds a question word (the question's own subject) is no answer.
 */
function titledNames(tokens: readonly Token[], from: number, to: number, match: Float64Array): NameRun[] {
  const out: NameRun[] = []
  for (let i = from; i < to; ) {
    let j = i
    while (j < to && isNameWord(tokens[j]!)) j++
    if (j === i) {
      i++
      continue
    }
    let first = j
    while (first > i && !TITLES.has(tokens[first - 1]!.lower) && match[first - 1] === 0) first--
    // "Chinese President Xi Jinping" for a question naming Xi: the rest of the question's own name, no answer.
    const split = first > i && first < j && tokens[first - 1]!.pos === 'PROPN' && !TITLES.has(tokens[first - 1]!.lower)
    // A name of one to four words, at least one a proper noun: not "Monday", not a title alone.
    let proper = false
    for (let k = first; k < j; k++) if (tokens[k]!.pos === 'PROPN') proper = true
    if (!split && first < j && j - first <= 4 && proper && (j - first >= 2 || first > i)) out.push({ first, last: j - 1, titleFrom: i })
    i = j
  }
  return out
}

const isNameWord = (t: Token): boolean => (t.pos === 'PROPN' || t.pos === 'NOUN') && CAPITALISED.test(t.text)
const CAPITALISED = /^\p{Lu}/u

/**
 * The question weight in the name's description: the title words before it, the lower-case words of the title
 * before those ("Time Warner chairman and chief executive"), an owner before a possessive ("El Salvador's"),
 * and an apposition after it, up to the next comma.
 */
function descriptionWeight(tokens: readonly Token[], match: Float64Array, name: NameRun, from: number, to: number): number {
  const seen = new Set<string>()
  let weight = 0
  const take = (i: number): void => {
    const term = tokens[i]!.term
    if (term === null || match[i] === 0 || seen.has(term)) return
    seen.add(term)
    weight += match[i]!
  }
  for (let i = name.titleFrom; i < name.first; i++) take(i)
  let i = name.titleFrom - 1
  for (let steps = 0; i >= from && steps < PREFIX_WORDS && PREFIX_TAGS.has(tokens[i]!.pos); i--, steps++) {
    // "chairman and chief executive" is one title; "Javier Milei and Italian Premier" joins two people.
    if (tokens[i]!.pos === 'CCONJ' && CAPITALISED.test(tokens[i + 1]!.text)) break
    take(i)
  }
  if (tokens[name.last + 1]?.text === ',') {
    for (let k = name.last + 2, n = 0; k < to && n < APPOSITION_WORDS && !STOPS.has(tokens[k]!.text); k++, n++) take(k)
  }
  return weight
}

/** Words of a description written before a name: nouns, adjectives, names, "and", a possessive. */
const PREFIX_TAGS = new Set(['NOUN', 'PROPN', 'ADJ', 'CCONJ', 'PART'])
const PREFIX_WORDS = 8
const APPOSITION_WORDS = 20
const STOPS = new Set([',', '.', ';', '(', ')', '"', '“', '”'])

/** Words that are a title, never part of a name (lower case). */
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'secretary', 'general', 'senator', 'sen', 'sen.',
  'governor', 'gov', 'gov.', 'king', 'queen', 'prince', 'princess', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.',
  'sir', 'lord', 'lady', 'dame', 'chairman', 'chairwoman', 'chair', 'chief', 'executive', 'director', 'captain', 'coach',
  'manager', 'boss', 'judge', 'justice', 'pope', 'mayor', 'ambassador', 'spokesman', 'spokeswoman', 'commissioner',
  'leader', 'deputy', 'rep', 'rep.', 'representative', 'president-elect', 'head', 'founder', 'editor', 'professor',
  'prof', 'prof.', 'colonel', 'lieutenant', 'sergeant', 'officer', 'councillor', 'mp',
])
