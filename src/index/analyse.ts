import { eng as STOPWORDS_EN } from 'stopword/src/stopwords_eng.js'
import { stemmer } from 'stemmer'
import { removeInvisible } from '../controls.js'
import type { Span } from '../types.js'

/**
 * Bumped whenever analysis changes what terms a text yields: a persisted index built by another
 * version is stale and is rebuilt.
 */
export const ANALYSER_VERSION = 'en-porter-6'

// The `stopword` list plus forms it lacks. Question words are stop words too: "who" never occurs in the answer.
// Words of the `stopword` list that carry meaning in a question ("before 1990", "the most populous", "came
// to power"): kept as terms, IDF weighs them.
const KEEP = new Set(
  'most before after between under over never only like way make take came come get got said well still other another since against during without within among until above below'.split(' '),
)
const STOPWORDS = new Set<string>([
  ...STOPWORDS_EN,
  'does', 'doing', 'done', 'whom', 'whose', 'why', 'when', 'yet', 'its', 'it', 'was', 'were', 'is', 'be',
  'not', 'no', 'nor', 'so', 'than', 'too', 'just', 'own', 'same', 'few', 'ours', 'yours', 'hers', 'theirs',
  'itself', 'herself', 'themselves', 'myself', 'yourself', 'ourselves', 'am', 'an', 'dont', 'doesnt', 'didnt',
  'isnt', 'wasnt', 'arent', 'werent', 'cant', 'wont', 'im', 'ive', 'youre', 'theyre', 'hes', 'shes', 'thats',
  'whats', 'theres', 'us', 'upon', 'via', 'per', 'onto', 'toward', 'towards', 'within', 'without', 'among',
  'against', 'during', 'until', 'above', 'below', 'off', 'again', 'further', 'once', 'why', 'how', 'what',
  'which', 'who', 'whoever', 'whatever', 'whichever', 'there', 'here', 'say', 'says', 'tell', 'told',
  // Chat fillers: "is china gonna send anyone at all or nah" asks about China sending someone, nothing more.
  'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'dunno', 'nah', 'yeah', 'yep', 'nope', 'lol', 'lmao', 'tho', 'pls', 'plz',
  'u', 'ur', 'ya', 'actually', 'basically', 'literally', 'anyway', 'anyways', 'ok', 'okay', 'btw', 'imo', 'idk',
].filter((w) => !KEEP.has(w)))

// Irregular forms the stemmer cannot join to their base ("wrote" and "written" → "write"). Forms that are
// also common words of their own ("left", "found", "saw", "rose", "felt") are left out.
const IRREGULAR_TEXT = `arose,arisen:arise awoke,awoken:awake beaten:beat became:become began,begun:begin bent:bend
bitten:bite bled:bleed blew,blown:blow broke,broken:break bred:breed brought:bring built:build burnt:burn
bought:buy caught:catch chose,chosen:choose clung:cling crept:creep dealt:deal dug:dig died,dies,dying:die
drew,drawn:draw dreamt:dream drank,drunk:drink drove,driven:drive ate,eaten:eat fallen:fall fed:feed fought:fight
fled:flee flew,flown:fly forbade,forbidden:forbid forgot,forgotten:forget forgave,forgiven:forgive froze,frozen:freeze
gave,given:give went,gone:go grew,grown:grow hung:hang heard:hear hid,hidden:hide held:hold kept:keep
knelt:kneel knew,known:know laid:lay led:lead leapt:leap lent:lend lit:light lost:lose meant:mean met:meet paid:pay
ran:run rang,rung:ring rode,ridden:ride risen:rise sold:sell sent:send shook,shaken:shake shone:shine
shot:shoot shrank,shrunk:shrink sang,sung:sing sank,sunk:sink slept:sleep slid:slide spoke,spoken:speak sped:speed
spent:spend spun:spin sprang,sprung:spring stole,stolen:steal stuck:stick stung:sting
stank:stink strode,stridden:stride struck,stricken:strike strove,striven:strive swore,sworn:swear swept:sweep swam,swum:swim
swung:swing taught:teach tore,torn:tear thought:think threw,thrown:throw understood:understand undertook,undertaken:undertake
woke,woken:wake wore,worn:wear wove,woven:weave wept:weep won:win withdrew,withdrawn:withdraw wrote,written:write
children:child men:man women:woman feet:foot teeth:tooth mice:mouse geese:goose`
const IRREGULAR = new Map<string, string>()
for (const entry of IRREGULAR_TEXT.split(/\s+/)) {
  const [forms, base] = entry.split(':')
  for (const f of forms!.split(',')) IRREGULAR.set(f, base!)
}

// Words are letters/digits joined by an apostrophe or a dot (U.S., Trump’s, 3.5) or digit groups (1,000), or
// by invisible format characters (a soft hyphen, a zero-width space or joiner), which folding then removes.
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ.]|(?<=\p{N}),(?=\p{N})|[\u00ad\u200b-\u200d\u2060\ufeff]+)[\p{L}\p{M}\p{N}]+)*/gu
const COMBINING_MARKS = /\p{M}+/gu
const POSSESSIVE = /['’ʼ]s$/
const APOSTROPHES = /['’ʼ]/g
const DIGIT_GROUPS = /^\p{N}{1,3}(?:,\p{N}{3})+(?:\.\p{N}+)?$/u
const HAS_LETTER = /\p{L}/u
const ACRONYM = /^(?:\p{Lu}\.){1,}\p{Lu}?\.?$|^\p{Lu}{2,5}$/u

/** A text cut into content terms, with where each term stands in the original text. */
export interface AnalysedText {
  /** Normalised, stemmed content terms, in text order (stop words removed). */
  terms: string[]
  /** `spans[i]` is where `terms[i]` stands in the text, as written. */
  spans: Span[]
}

/**
 * Folds one written word to its comparison form: NFKC, lower case, no diacritics ("Peña" → "pena"),
 * no possessive ("Trump’s" → "trump"), no inner apostrophes or acronym dots ("U.S." → "us"),
 * digit groups joined ("1,000" → "1000").
 */
export function foldWord(word: string): string {
  let w = removeInvisible(word).normalize('NFKC')
  w = w.replace(POSSESSIVE, '')
  w = w.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase()
  w = w.replace(APOSTROPHES, '')
  if (DIGIT_GROUPS.test(w)) return w.replaceAll(',', '')
  if (HAS_LETTER.test(w)) w = w.replaceAll('.', '')
  return w
}

/** Turns a folded word into its index term, or null for a stop word. `written` keeps acronyms such as "US" and "IT". */
export function termOf(folded: string, written: string): string | null {
  if (folded.length === 0) return null
  if (!HAS_LETTER.test(folded)) return folded // numbers are kept as they are
  if (STOPWORDS.has(folded)) {
    // "US" (the country) is not "us" (the pronoun): keep short capitalised acronyms.
    if (!ACRONYM.test(written.replace(POSSESSIVE, ''))) return null
  } else if (folded.length === 1) {
    return null
  }
  return stemmer(IRREGULAR.get(folded) ?? folded)
}

// A written word always gives the same term: a corpus repeats its words, and folding and stemming each occurrence
// again was most of an index build. Bounded, so an odd corpus cannot grow it forever.
const TERM_OF_WRITTEN = new Map<string, string | null>()
const MAX_REMEMBERED = 300_000

function termOfWritten(written: string): string | null {
  let term = TERM_OF_WRITTEN.get(written)
  if (term === undefined) {
    term = termOf(foldWord(written), written)
    if (TERM_OF_WRITTEN.size >= MAX_REMEMBERED) TERM_OF_WRITTEN.clear()
    TERM_OF_WRITTEN.set(written, term)
  }
  return term
}

/** Analyses a text into content terms with their spans. The same function serves documents and questions. */
export function analyse(text: string): AnalysedText {
  const terms: string[] = []
  const spans: Span[] = []
  for (const m of text.matchAll(WORD)) {
    const written = m[0]
    const term = termOfWritten(written)
    if (term === null) continue
    terms.push(term)
    spans.push([m.index, m.index + written.length])
  }
  return { terms, spans }
}

/** Content terms only: what the index stores for a field. */
export function analyseTerms(text: string): string[] {
  return analyse(text).terms
}

/** Whether a folded word is a stop word (question words included). */
export function isStopword(folded: string): boolean {
  return STOPWORDS.has(folded)
}

/** Calls `visit` with the start and end of every written word of a text, stop words included, in order. */
export function eachWord(text: string, visit: (start: number, end: number) => void): void {
  const re = new RegExp(WORD.source, WORD.flags)
  for (let m = re.exec(text); m !== null; m = re.exec(text)) visit(m.index, m.index + m[0].length)
}

/** Every written word of a text with its span, stop words included (for sentence and answer extraction). */
export function words(text: string): { word: string; span: Span }[] {
  const out: { word: string; span: Span }[] = []
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], span: [m.index, m.index + m[0].length] })
  return out
}
