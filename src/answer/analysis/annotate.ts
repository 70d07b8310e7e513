import { createRequire } from 'node:module'
import type winkNLPType from 'wink-nlp'
import type { ItemEntity, ItemSentence, WinkMethods } from 'wink-nlp'
import { foldWord, termOf } from '../../index/analyse.js'
import type { AnalysedText } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import type { Span } from '../../types.js'
import { winkModel } from './winkModel.js'

/** One token of a passage with its part of speech (Universal POS tags, e.g. PROPN, NUM). */
export interface Token {
  /** Character offsets in the text: `[start, end)`. */
  start: number
  end: number
  text: string
  pos: string
  /** The token's index term (stemmed, as the index analyses it), or null for stop words and punctuation. */
  term: string | null
  /** Lower-cased text, for the few function words the extractor looks at. */
  lower: string
}

/** A named entity found by wink-nlp: DATE, TIME, CARDINAL, ORDINAL, MONEY, PERCENT, DURATION… */
export interface Entity {
  span: Span
  type: string
  /** Index of its first and last token in `tokens`. */
  tokens: readonly [first: number, last: number]
}

/** The linguistic analysis of one passage: sentences, tagged tokens and entities, all as character spans. */
export interface Annotation {
  sentences: Span[]
  tokens: Token[]
  entities: Entity[]
  /** For each sentence, the index of its first token and one past its last. */
  sentenceTokens: (readonly [first: number, end: number])[]
}

let nlp: WinkMethods | null = null
// wink-nlp and its model take ~0.3 s and ~25 MB to load: on first use, not at import, so that building the index,
// a bot waiting for questions, or any process that never tags a text does not pay for them. Both are CommonJS, so
// a synchronous require keeps `annotate` synchronous.
function pipeline(): WinkMethods {
  if (!nlp) {
    const winkNLP = createRequire(import.meta.url)('wink-nlp') as typeof winkNLPType
    nlp = winkNLP(winkModel() as unknown as Parameters<typeof winkNLPType>[0], ['sbd', 'pos', 'ner'])
  }
  return nlp
}

/** Loads the tagger now, if it is not loaded yet (for idle time before the first question). */
export function warmTagger(): void {
  pipeline()
}

// Annotations are kept for every passage asked about: one shared copy of each word ("the", "of", "said"…) keeps
// them several times smaller than a fresh string per token. Bounded, so an odd corpus cannot grow it forever.
const INTERNED = new Map<string, string>()
const MAX_INTERNED = 200_000

function intern(s: string): string {
  const shared = INTERNED.get(s)
  if (shared !== undefined) return shared
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(s, s)
  return s
}

/** The index term of a written token, or null (stop word, punctuation). */
export function tokenTerm(text: string): string | null {
  return WORDLIKE.test(text) ? termOf(foldWord(text), text) : null
}

const WORDLIKE = /[\p{L}\p{N}]/u

/**
 * Splits a text into sentences and tags it. wink-nlp gives token values; offsets are recovered by scanning.
 * `analysed` (the index's analysis of the same text) saves re-deriving the index term of every token.
 */
export function annotate(text: string, analysed?: AnalysedText): Annotation {
  const w = pipeline()
  const its = w.its
  const doc = w.readDoc(text)
  const values = doc.tokens().out(its.value) as string[]
  const pos = doc.tokens().out(its.pos) as string[]
  const tokens: Token[] = new Array(values.length)
  let cursor = 0
  let k = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let at = text.startsWith(v, cursor) ? cursor : text.indexOf(v, cursor)
    // wink may normalise a token (rare); fall back to the cursor so spans stay ordered.
    if (at < 0 || at - cursor > 40) at = cursor
    const end = Math.min(text.length, at + v.length)
    const written = intern(text.slice(at, end))
    let term: string | null | undefined
    if (analysed) {
      // The index's words are at least as long as wink's tokens ("Trump’s" vs "Trump" + "’s"): reuse a term only on an exact match.
      while (k < analysed.spans.length && analysed.spans[k]![1] <= at) k++
      const span = analysed.spans[k]
      if (span && span[0] === at && span[1] === end) term = analysed.terms[k]!
      else if (!span || span[0] >= end) term = WORDLIKE.test(written) ? undefined : null
    }
    if (term === undefined) term = tokenTerm(written)
    tokens[i] = { start: at, end, text: written, pos: pos[i] ?? 'X', term, lower: intern(written.toLowerCase()) }
    cursor = end
  }
  const sentenceTokens: (readonly [number, number])[] = []
  const sentences: Span[] = []
  doc.sentences().each((s: ItemSentence) => {
    const [first, last] = s.out(its.span) as unknown as number[]
    if (first === undefined || last === undefined || !tokens[first] || !tokens[last]) return
    sentenceTokens.push([first, last + 1])
    sentences.push([tokens[first].start, tokens[last].end])
  })
  if (sentences.length === 0 && tokens.length > 0) {
    sentenceTokens.push([0, tokens.length])
    sentences.push([tokens[0]!.start, tokens[tokens.length - 1]!.end])
  }
  const entities: Entity[] = []
  doc.entities().each((e: ItemEntity) => {
    const [first, last] = e.out(its.span) as unknown as number[]
    if (first === undefined || last === undefined || !tokens[first] || !tokens[last]) return
    entities.push({ span: [tokens[first].start, tokens[last].end], type: e.out(its.type) as string, tokens: [first, last] })
  })
  return { sentences, tokens, entities, sentenceTokens }
}

/**
 * Most passages kept tagged at once (about 25 KB each): the most recently used ones, so that a long-running bot
 * over a large corpus does not grow without bound.
 */
export const MAX_ANNOTATIONS = 5000

/** The tagged form of chunk `id`, computed on first use and kept with the index (least recently used dropped). */
export function passageAnnotation(index: SearchIndex, id: number): Annotation {
  const cache = index.cached('annotations', () => new Map<number, Annotation>())
  let ann = cache.get(id)
  if (ann) {
    // Map order is insertion order: move it to the young end.
    cache.delete(id)
  } else {
    ann = annotate(index.chunks[id]!.text, index.analysed(id))
    if (cache.size >= MAX_ANNOTATIONS) cache.delete(cache.keys().next().value!)
  }
  cache.set(id, ann)
  return ann
}

/**
 * Tags passages ahead of the first questions (at start-up, after the index is built or loaded), so that no
 * `ask()` pays for tagging its top passage on first sight: about 0.4 ms and 25 KB per passage. Optional; at
 * most MAX_ANNOTATIONS passages.
 */
export function annotateAll(index: SearchIndex): void {
  for (let id = 0; id < Math.min(index.chunks.length, MAX_ANNOTATIONS); id++) passageAnnotation(index, id)
}
