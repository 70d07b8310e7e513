// Typo correction for questions, before they are searched: "who did xi sned to the inaugration" → "who did xi send to
// the inauguration". Retrieval already matches an unknown term fuzzily (MiniSearch, one edit), but every stage after it
// (reranking, coverage, the answer-or-decline model, extraction) would still see "sned" as a word the articles lack.
//
// A word is corrected only when the corpus lacks it and it is not an ordinary English word (in the bundled GloVe
// vocabulary, or an inflection of a word there): "screamer" or "bump" stay as typed even when the articles never use
// them. Names the corpus lacks that GloVe lacks too can still be "corrected" into a near corpus word; `:why` shows it.
import { analyse, foldWord, isStopword, termOf } from '../../index/analyse.js'
import { alphabetOf, nearTerms } from '../../index/fuzzy.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import { defaultWordVectors } from '../../index/wordVectors/wordVectors.js'
import { cleanQuestion, MAX_QUESTION_LENGTH } from './question.js'

/** One corrected word of a question, as typed and as replaced. */
export interface Correction {
  from: string
  to: string
}

/** Shortest word that is ever corrected. */
const MIN_LETTERS = 4
/** Words of at least this many letters may be two edits from their correction; shorter ones one edit. */
const TWO_EDITS_FROM = 8
/** A correction must occur this often in the corpus, unless it is the only word one edit away. */
const MIN_COUNT = 2
/** Distinct unknown words remembered per index; the memo starts over beyond this (a long-running bot). */
const MEMO_LIMIT = 10_000

// Words for checking: letters and digits (a word with digits is a model number, never corrected).
const WORD = /[\p{L}\p{N}]+/gu
const LETTER = /^\p{L}$/u
const DIGIT = /\p{N}/u
const APOSTROPHE = /^['’]/u

/** Per index: the corpus's surface words and what has been corrected so far. */
interface Speller {
  /** Lowercase surface words with their occurrences in the chunks' texts, headings and titles. */
  words: CorpusWords
  /** Corpus words by length (index = length), for the two-edit scan. */
  byLength: string[][]
  /** Per word of `byLength`, a bit per letter it holds (letters hashed to 32 bits). */
  masks: Uint32Array[]
  /** The letters tried in one-edit candidates. */
  alphabet: string[]
  /** Lowercase word → the corpus words it may be a typo of (lowercase, all equally near), empty for none. */
  memo: Map<string, string[]>
}

const spellers = new WeakMap<SearchIndex, Speller>()

/**
 * Replaces the question's words that the corpus lacks and English does not know with the nearest corpus word
 * (one edit, or two for words of 8 letters and more), keeping the typed case pattern. Pure apart from per-index caches.
 */
export function correctSpelling(index: SearchIndex, text: string): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = []
  // A question that long is declined unread: do not spend time on its words.
  if (cleanQuestion(text).length > MAX_QUESTION_LENGTH) return { text, corrections }
  let out = ''
  let last = 0
  let context: QuestionContext | undefined
  for (const m of text.matchAll(WORD)) {
    const word = m[0]
    const at = m.index
    const fix = questionWordFix(word, text, at) ?? corpusFix(index, word, text, at, () => (context ??= questionContext(index, text)))
    if (fix === null) continue
    const to = withCaseOf(word, fix)
    corrections.push({ from: word, to })
    out += text.slice(last, at) + to
    last = at + word.length
  }
  return corrections.length === 0 ? { text, corrections } : { text: out + text.slice(last), corrections }
}

/** A capitalised word inside the question is a name: "the new Beeb drama" is not "Beer", "Wat Pho" is not "What Pho". */
const inName = (word: string, at: number): boolean => at > 0 && word[0] !== word.toLowerCase()[0]
/** The word follows an apostrophe: the rest of a contraction ("didn't" → "t"). */
const afterApostrophe = (text: string, at: number): boolean => APOSTROPHE.test(text.slice(Math.max(0, at - 1), at))

/** The question word a misspelt one stands for ("wich" → "which"), or null. */
function questionWordFix(word: string, text: string, at: number): string | null {
  if (inName(word, at) || afterApostrophe(text, at)) return null
  return QUESTION_WORD_TYPOS.get(word.toLowerCase()) ?? null
}

/** The corpus word a word the corpus lacks and English does not know is a typo of, or null. */
function corpusFix(index: SearchIndex, word: string, text: string, at: number, context: () => QuestionContext): string | null {
  if (!candidateWord(word, text, at)) return null
  const lower = word.toLowerCase()
  // A stop word or chat filler ("lmao", "gonna") is no misspelt name: "lmao" is not "lma".
  if (isStopword(lower)) return null
  // English first: a question of ordinary words never pays for building the corpus's word list.
  if (englishWord(lower)) return null
  const speller = spellerOf(index)
  if (speller.words.count(lower) > 0) return null
  let near = speller.memo.get(lower)
  if (near === undefined) {
    near = nearestWords(speller, lower)
    if (speller.memo.size >= MEMO_LIMIT) speller.memo.clear()
    speller.memo.set(lower, near)
  }
  if (inName(word, at)) near = near.filter((w) => speller.words.isName(w))
  if (near.length === 0) return null
  return near.length === 1 ? near[0]! : best(near, lower, speller, context())
}

/**
 * Misspelt question words. They are stop words, so the corpus cannot correct them, and GloVe knows most of them
 * ("wich", "wat"), yet they decide what is asked: "wich paraguayan leader …" must be a "which" question.
 */
const QUESTION_WORD_TYPOS: ReadonlyMap<string, string> = new Map(Object.entries({
  wich: 'which', whcih: 'which', whihc: 'which', wihch: 'which', whch: 'which',
  wat: 'what', waht: 'what', wht: 'what', whta: 'what', whats: "what's",
  hwo: 'who', whos: "who's",
  wher: 'where', whre: 'where', wehre: 'where', wheres: "where's",
  whn: 'when', wehn: 'when', whne: 'when',
  whyy: 'why',
}))

/** At least 4 letters, no digits, not all capitals (an acronym), and not the stem of a contraction ("didn't"). */
function candidateWord(word: string, text: string, at: number): boolean {
  if (word.length < MIN_LETTERS || DIGIT.test(word)) return false
  if (word === word.toUpperCase()) return false
  const after = text.slice(at + word.length, at + word.length + 4)
  if (APOSTROPHE.test(after)) {
    // "Nintedno's" is corrected; "didn't", "we've" are left alone.
    const clitic = after.slice(1).match(/^\p{L}+/u)?.[0].toLowerCase()
    if (clitic !== undefined && clitic !== 's') return false
  }
  return !afterApostrophe(text, at)
}

// Inflections and derivations GloVe's 50,000 words often lack: "screamer" (scream), "pics" (pic), "bumped" (bump).
const SUFFIXES = ['s', 'es', 'ed', 'er', 'ers', 'est', 'ing', 'ings', 'ly']
/** Shortest stem an inflection is recognised on: "sned" is not "sn" + "ed". */
const MIN_STEM = 3

/** Whether `lower` is an ordinary English word: in the GloVe vocabulary, or an inflection of one (a stem, or a stem ending in "e"). */
function englishWord(lower: string): boolean {
  const vectors = defaultWordVectors()
  if (vectors.row(lower) >= 0) return true
  return SUFFIXES.some((suffix) => {
    if (!lower.endsWith(suffix) || lower.length - suffix.length < MIN_STEM) return false
    const stem = lower.slice(0, -suffix.length)
    return vectors.row(stem) >= 0 || (suffix[0] !== 's' && vectors.row(`${stem}e`) >= 0)
  })
}

/** The speller of `index`, built on first use: the corpus's surface words and their counts. */
function spellerOf(index: SearchIndex): Speller {
  let speller = spellers.get(index)
  if (speller === undefined) {
    speller = buildSpeller(index)
    spellers.set(index, speller)
  }
  return speller
}

function buildSpeller(index: SearchIndex): Speller {
  const words = new CorpusWords()
  // A title or heading repeats on every chunk under it: count it once per article.
  let article = -1
  let heading: string | null = null
  index.chunks.forEach((chunk, i) => {
    words.add(chunk.text)
    const next = index.articleOf[i]!
    if (next !== article && chunk.title) words.add(chunk.title)
    if (chunk.heading && (next !== article || chunk.heading !== heading)) words.add(chunk.heading)
    article = next
    heading = chunk.heading
  })
  const byLength: string[][] = []
  for (const word of words.list) (byLength[word.length] ??= []).push(word)
  const masks = byLength.map((list) => Uint32Array.from(list, letterMask))
  return { words, byLength, masks, alphabet: alphabetOf(words.list), memo: new Map() }
}

/** Shortest corpus word kept: a correction is at most one letter shorter than a 4-letter word. */
const MIN_CORPUS_LETTERS = MIN_LETTERS - 1
/** Per UTF-16 code unit above ASCII: 0 not yet known, 1 a letter, 2 anything else. */
const letterCodes = new Uint8Array(0x10000)
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/**
 * The lowercase words (runs of letters, at least 3) of a corpus and how often each occurs. Words are hashed (FNV-1a)
 * while scanning and found in an open-addressing table by comparing characters, so only a word's first occurrence
 * becomes a string: slicing every word into a Map took twice as long on the 5 MB BBC corpus.
 */
class CorpusWords {
  /** The distinct words, in order of first occurrence. */
  readonly list: string[] = []
  private readonly counts: number[] = []
  /** Per word, how many of its occurrences are capitalised. */
  private readonly capitals: number[] = []
  private slots = new Int32Array(1 << 16) // word index + 1 per slot, 0 = empty

  /** Counts the words of `text`. */
  add(text: string): void {
    const lower = text.toLowerCase()
    let start = -1
    let hash = FNV_OFFSET
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 32
      let letter = c >= 97 && c <= 122
      if (!letter && c > 127) {
        letterCodes[c] ||= LETTER.test(String.fromCharCode(c)) ? 1 : 2
        letter = letterCodes[c] === 1
      }
      if (letter) {
        if (start < 0) start = i
        hash = Math.imul(hash ^ c, FNV_PRIME)
      } else if (start >= 0) {
        if (i - start >= MIN_CORPUS_LETTERS) {
          const at = this.find(lower, start, i, hash)
          const capital = text.charCodeAt(start) !== lower.charCodeAt(start) ? 1 : 0
          if (at >= 0) {
            this.counts[at]!++
            this.capitals[at]! += capital
          } else this.insert(lower.slice(start, i), hash, capital)
        }
        start = -1
        hash = FNV_OFFSET
      }
    }
  }

  /** Occurrences of `word` (lowercase), 0 when the corpus lacks it. */
  count(word: string): number {
    const at = this.find(word, 0, word.length, hashOf(word))
    return at < 0 ? 0 : this.counts[at]!
  }

  /** Whether `word` (lowercase) is written capitalised at least half the times the corpus has it: a name. */
  isName(word: string): boolean {
    const at = this.find(word, 0, word.length, hashOf(word))
    return at >= 0 && 2 * this.capitals[at]! >= this.counts[at]!
  }

  /** The index of `text.slice(from, to)` in `list`, or -1. */
  private find(text: string, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s]! - 1
      if (at < 0 || sameWord(this.list[at]!, text, from, to)) return at
    }
  }

  private insert(word: string, hash: number, capital: number): void {
    this.place(hash, this.list.push(word) - 1)
    this.counts.push(1)
    this.capitals.push(capital)
    if (this.list.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2)
      this.list.forEach((w, at) => this.place(hashOf(w), at))
    }
  }

  private place(hash: number, at: number): void {
    const mask = this.slots.length - 1
    let s = hash & mask
    while (this.slots[s] !== 0) s = (s + 1) & mask
    this.slots[s] = at + 1
  }
}

function hashOf(word: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME)
  return hash
}

/** Whether `word` is `text.slice(from, to)`, without slicing. */
function sameWord(word: string, text: string, from: number, to: number): boolean {
  if (word.length !== to - from) return false
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(from + i)) return false
  return true
}

/** The corpus words nearest `word` (lowercase): one edit away, else two for long words; empty when none is near and frequent enough. */
function nearestWords(speller: Speller, word: string): string[] {
  const near = nearTerms(word, (w) => speller.words.count(w) > 0, speller.alphabet)
  // A word seen once is likelier a name or another typo than what was meant, unless nothing else is one edit away.
  if (near.length === 1) return near
  const frequent = near.filter((w) => speller.words.count(w) >= MIN_COUNT)
  if (frequent.length > 0 || word.length < TWO_EDITS_FROM) return frequent
  return twoEdits(word, speller).filter((w) => speller.words.count(w) >= MIN_COUNT)
}

/**
 * The question's other words, as the articles each is in: what a correction is judged by. "Bond moive" means
 * "movie", not the commoner "move", because the articles that say "movie" also say "Bond"; "Sarbanes-Oxly" is
 * "Oxley", not "only".
 */
interface QuestionContext {
  articleSets: Set<number>[]
  index: SearchIndex
}

function questionContext(index: SearchIndex, text: string): QuestionContext {
  const articleSets: Set<number>[] = []
  for (const term of new Set(analyse(text).terms)) {
    const id = index.termId(term)
    if (id >= 0) articleSets.push(new Set(index.articlesWith(id)))
  }
  return { articleSets, index }
}

/**
 * How well `word` fits the question: over the question's words, the share of `word`'s articles that also hold it
 * (add-one smoothed, so a word of one article is not sure of anything). A common word ("move") is in articles of
 * every kind and shares little; the meant one ("movie") is in the story's. -1 for a stop word, which searches nothing.
 */
function contextScore(context: QuestionContext, word: string): number {
  const term = termOf(foldWord(word), word)
  if (term === null) return -1
  const id = context.index.termId(term)
  if (id < 0) return 0
  const articles = new Set(context.index.articlesWith(id))
  let score = 0
  for (const set of context.articleSets) {
    let shared = 0
    for (const a of articles) if (set.has(a)) shared++
    score += shared / (articles.size + 1)
  }
  return score
}

/**
 * Of equally near `words`, the one sharing articles with most of the question's words, then the most frequent;
 * ties go to the one sharing `word`'s first letter, then alphabetical order.
 */
function best(words: readonly string[], word: string, speller: Speller, context: QuestionContext): string | null {
  let top: string | null = null
  let topKey: [number, number, number] = [0, 0, 0]
  for (const w of words) {
    const key: [number, number, number] = [contextScore(context, w), speller.words.count(w), w[0] === word[0] ? 1 : 0]
    const better = top === null || key[0] > topKey[0] || (key[0] === topKey[0] && (key[1] > topKey[1] || (key[1] === topKey[1] && (key[2] > topKey[2] || (key[2] === topKey[2] && w < top)))))
    if (better) [top, topKey] = [w, key]
  }
  return top
}

/** Corpus words at distance exactly 2, scanning only words within two letters of its length. */
function twoEdits(word: string, speller: Speller): string[] {
  const out: string[] = []
  const mask = letterMask(word)
  const prev2 = new Int32Array(word.length + 1)
  const prev = new Int32Array(word.length + 1)
  const row = new Int32Array(word.length + 1)
  for (let length = Math.max(1, word.length - 2); length <= word.length + 2; length++) {
    const words = speller.byLength[length]
    if (words === undefined) continue
    const masks = speller.masks[length]!
    for (let i = 0; i < words.length; i++) {
      // Each edit changes at most two bits of the letter mask: more than four differing bits is more than two edits.
      if (popcount(masks[i]! ^ mask) > 4) continue
      if (withinTwo(word, words[i]!, prev2, prev, row) === 2) out.push(words[i]!)
    }
  }
  return out
}

/** Optimal-string-alignment distance of `a` and `b` when at most 2, else 3 (stops as soon as a row exceeds 2). */
function withinTwo(a: string, b: string, prev2: Int32Array, prev: Int32Array, row: Int32Array): number {
  const n = a.length
  for (let i = 0; i <= n; i++) prev[i] = i
  let [p2, p, r] = [prev2, prev, row]
  for (let j = 1; j <= b.length; j++) {
    r[0] = j
    let min = j
    const bj = b.charCodeAt(j - 1)
    for (let i = 1; i <= n; i++) {
      const ai = a.charCodeAt(i - 1)
      let d = Math.min(p[i]! + 1, r[i - 1]! + 1, p[i - 1]! + (ai === bj ? 0 : 1))
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, p2[i - 2]! + 1)
      r[i] = d
      if (d < min) min = d
    }
    if (min > 2) return 3
    ;[p2, p, r] = [p, r, p2]
  }
  return Math.min(p[n]!, 3)
}

/** A bit per letter of `word` (its code point modulo 32). */
function letterMask(word: string): number {
  let mask = 0
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31)
  return mask >>> 0
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

/** `to` (lowercase) in the case pattern of `from`: "Britian" → "Britain", "nintedno" → "nintendo". */
function withCaseOf(from: string, to: string): string {
  const rest = from.slice(1)
  // Mixed case ("McDonlads"): letter by letter where the lengths agree, else just the first letter.
  if (rest === rest.toLowerCase() || from.length !== to.length) return from[0] === from[0]!.toLowerCase() ? to : to[0]!.toUpperCase() + to.slice(1)
  return [...to].map((ch, i) => (from[i] === from[i]!.toLowerCase() ? ch : ch.toUpperCase())).join('')
}
