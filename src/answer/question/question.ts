import { CONTROLS, removeInvisible } from '../../controls.js'
import { analyse, isStopword, words } from '../../index/analyse.js'
import type { AnswerType, AskOptions, DeclineReason } from '../../types.js'

/** Longest question accepted, in characters after cleaning. */
export const MAX_QUESTION_LENGTH = 500

// Control and format characters (zero-width, bidi overrides, NUL…) never belong in a question.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu
const SPACES = /\s+/gu

/**
 * Trims, folds whitespace and removes control and format characters. Keeps the question's letters as typed.
 * Invisible characters that may sit inside a word (a soft hyphen, a zero-width space) are removed, not spaced:
 * "se\u00adnd" is "send".
 */
export function cleanQuestion(raw: string): string {
  return removeInvisible(raw.replace(CONTROLS, ' ')).normalize('NFC').replace(INVISIBLE, ' ').replace(SPACES, ' ').trim()
}

/** A question after cleaning and analysis: what the later stages search for. */
export interface Question {
  /** As cleaned, for display. */
  text: string
  type: AnswerType
  /** Distinct content terms of this question, in order. */
  terms: string[]
  /** Terms borrowed from the previous exchange for a follow-up, weighted lower. */
  context: string[]
  /** Every term searched for with its weight (1 for the question's own). */
  weights: Map<string, number>
}

export type ParsedQuestion = { ok: true; question: Question } | { ok: false; text: string; reason: DeclineReason }

/** Cleans and analyses a question, or says why it cannot be searched. */
export function parseQuestion(raw: string, previous?: AskOptions['previous']): ParsedQuestion {
  const text = cleanQuestion(typeof raw === 'string' ? raw : '')
  if (text.length === 0) return { ok: false, text, reason: 'empty' }
  if (text.length > MAX_QUESTION_LENGTH) return { ok: false, text, reason: 'too_long' }
  // "thanks!", "hi there": conversation, not a question about the articles.
  const terms = isSmallTalk(text) ? [] : unique(analyse(text).terms)
  const context = previous && leansOnPrevious(text, terms) ? contextTerms(previous, terms) : []
  if (terms.length === 0 && context.length === 0) return { ok: false, text, reason: 'no_terms' }
  const type = answerTypeOf(text)
  const frame = frameTerms(text)
  const weights = new Map<string, number>()
  for (const t of context) weights.set(t, CONTEXT_WEIGHT)
  for (const t of terms) weights.set(t, frame.has(t) ? FRAME_WEIGHT : 1)
  return { ok: true, question: { text, type, terms, context, weights } }
}

// Words of greetings, thanks and acknowledgements. A message made only of these (and stop words) asks nothing.
const SMALL_TALK = new Set([
  'hi', 'hello', 'hey', 'hiya', 'yo', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'ok', 'okay', 'k', 'cool', 'great', 'nice',
  'awesome', 'bye', 'goodbye', 'morning', 'evening', 'afternoon', 'night', 'good', 'lol', 'haha', 'wow', 'please', 'sorry',
  'yes', 'no', 'yeah', 'yep', 'nope', 'sure', 'much', 'lot', 'alot', 'again', 'there', 'all', 'folks', 'everyone', 'bot',
  'lmao', 'lmfao', 'rofl', 'hmm', 'hmmm', 'u', 'ur', 'still', 'needed', 'helpful', 'mate', 'brilliant', 'perfect',
  'thankyou', 'ta', 'sup', 'wassup', 'howdy', 'greetings', 'alright', 'gotcha', "that's", 'thats', "it's", 'really', 'super',
  'oh', 'ah', 'ahh', 'ooh', 'oops', 'huh', 'meh', 'omg', 'anyone', 'somebody', 'someone',
])

// Questions about the bot itself ("what can you do?", "what sorts of questions do you handle"): the articles never
// answer them, and the help text does.
const ABOUT_BOT = /^(?:so |and |ok |okay )?(?:what (?:can|do|could) (?:you|u) (?:do|help(?: me)?(?: with)?|answer)|what (?:sorts?|kinds?|types?) of (?:questions?|stuff|things?) (?:can|do|could) (?:you|u) (?:handle|answer|do|help(?: me)? with)|what (?:kind|sort|type) of (?:stuff|things?|questions?) can (?:you|u) help(?: me)? with|are (?:you|u) (?:a bot|a human|real|there|still there|alive)|who (?:made|built|created|are) (?:you|u)|how do (?:you|u) work|(?:(?:hey|hi|hello)(?: there)?,? )?(?:is )?(?:any ?one|any ?body) (?:home|there|around|here|awake))\b[\s?!.]*$/i

function isSmallTalk(text: string): boolean {
  if (ABOUT_BOT.test(text.trim())) return true
  const ws = words(text).map((w) => w.word.toLowerCase())
  return ws.length > 0 && ws.length <= 6 && ws.some((w) => SMALL_TALK.has(w)) && ws.every((w) => SMALL_TALK.has(w) || isStopword(w))
}

const CONTEXT_WEIGHT = 0.6
// "What day…", "which country…": the noun names the answer's type and rarely stands beside the answer.
const FRAME_WEIGHT = 0.3
const FRAME = /\b(?:what|which)\s+(year|years|date|day|days|month|time|century|decade|country|countries|city|cities|place|state|nation|person|people|company|organi[sz]ation|percentage|number|amount)\b/gi

function frameTerms(text: string): Set<string> {
  const out = new Set<string>()
  for (const m of text.matchAll(FRAME)) for (const t of analyse(m[1]!).terms) out.add(t)
  return out
}
const ANAPHORA = /\b(that|this|it|its|he|him|his|she|her|they|them|their|there|then|those|these)\b/i
const CONTINUATION = /^(and|but|so|also|what about|how about)\b/i

/** A follow-up ("and when was that?") refers back with a pronoun or a leading "and", or has almost nothing of its own. */
function leansOnPrevious(text: string, terms: readonly string[]): boolean {
  // With no word of its own, only a real follow-up ("and when was that?") leans; "🙂" or "the of and" does not.
  if (terms.length === 0) return CONTINUATION.test(text) || ANAPHORA.test(text) || WH_WORD.test(text)
  return terms.length === 1 || CONTINUATION.test(text) || (terms.length <= 3 && ANAPHORA.test(text))
}

const WH_WORD = /\b(who|whom|whose|what|when|where|which|why|how)\b/i

function contextTerms(previous: NonNullable<AskOptions['previous']>, own: readonly string[]): string[] {
  const fromAnswer = previous.answer ? analyse(previous.answer).terms : []
  const fromQuestion = analyse(cleanQuestion(previous.question)).terms
  return unique([...fromAnswer, ...fromQuestion]).filter((t) => !own.includes(t))
}

function unique(terms: readonly string[]): string[] {
  return [...new Set(terms)]
}

// The earliest cue in the question decides ("why … who was invited" is a why-question); on a tie, the longer cue.
const TYPE_RULES: [RegExp, AnswerType][] = [
  [/\bhow (many|much)\b|\b(what|which) (percentage|percent|proportion|number|amount|share|fraction|rate)\b|\bhow (old|long|far|tall|high|large|big|deep|wide|heavy|often)\b/gi, 'number'],
  [/\bwhen\b|\b(what|which) (year|years|date|day|days|month|time|century|decade|era|period|season)\b|\bsince when\b/gi, 'date'],
  [/\bwhere\b|\b(what|which|in what|in which) (city|cities|country|countries|place|places|state|states|location|region|town|nation|nations|continent|province|county|area|island|river|capital)\b/gi, 'place'],
  [/\b(who|whom|whose)\b|\b(what|which) (person|people|man|woman|company|companies|organi[sz]ation|group|team|leader|official|president|king|queen|author|band|university|party|agency|minister|newspaper|outlet)\b/gi, 'person'],
  [/\b(why|how|what|which)\b/gi, 'sentence'],
]

/** What kind of short answer the question asks for, from its wording. */
export function answerTypeOf(text: string): AnswerType {
  let best: { at: number; length: number; type: AnswerType } | null = null
  for (const [re, type] of TYPE_RULES) {
    for (const m of text.matchAll(re)) {
      if (!best || m.index < best.at || (m.index === best.at && m[0].length > best.length)) best = { at: m.index, length: m[0].length, type }
    }
  }
  return best?.type ?? 'sentence'
}
