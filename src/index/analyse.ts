import { eng as STOPWORDS_EN } from 'stopword'
import { stemmer } from 'stemmer'
import type { Span } from '../types.js'

/**
 * Bumped whenever analysis changes what terms a text yields: a persisted index built by another
 * version is stale and is rebuilt.
 */
export const ANALYSER_VERSION = 'en-porter-3'

// The `stopword` list plus forms it lacks. Question words are stop words too: "who" never occurs in the answer.
const STOPWORDS = new Set<string>([
  ...STOPWORDS_EN,
  'does', 'doing', 'done', 'whom', 'whose', 'why', 'when', 'yet', 'its', 'it', 'was', 'were', 'is', 'be',
  'not', 'no', 'nor', 'so', 'than', 'too', 'just', 'own', 'same', 'few', 'ours', 'yours', 'hers', 'theirs',
  'itself', 'herself', 'themselves', 'myself', 'yourself', 'ourselves', 'am', 'an', 'dont', 'doesnt', 'didnt',
  'isnt', 'wasnt', 'arent', 'werent', 'cant', 'wont', 'im', 'ive', 'youre', 'theyre', 'hes', 'shes', 'thats',
  'whats', 'theres', 'us', 'upon', 'via', 'per', 'onto', 'toward', 'towards', 'within', 'without', 'among',
  'against', 'during', 'until', 'above', 'below', 'off', 'again', 'further', 'once', 'why', 'how', 'what',
  'which', 'who', 'whoever', 'whatever', 'whichever', 'there', 'here', 'say', 'says', 'tell', 'told',
])

// Words are letters/digits joined by an apostrophe or a dot (U.S., Trump’s, 3.5) or digit groups (1,000).
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ.]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu
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
  let w = word.normalize('NFKC')
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
  return stemmer(folded)
}

/** Analyses a text into content terms with their spans. The same function serves documents and questions. */
export function analyse(text: string): AnalysedText {
  const terms: string[] = []
  const spans: Span[] = []
  for (const m of text.matchAll(WORD)) {
    const written = m[0]
    const term = termOf(foldWord(written), written)
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

/** Every written word of a text with its span, stop words included (for sentence and answer extraction). */
export function words(text: string): { word: string; span: Span }[] {
  const out: { word: string; span: Span }[] = []
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], span: [m.index, m.index + m[0].length] })
  return out
}
