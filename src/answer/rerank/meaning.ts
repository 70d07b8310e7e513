import { analyse } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import { rowCosine, termVectors } from '../../index/wordVectors/termVectors.js'
import type { TermVectors } from '../../index/wordVectors/termVectors.js'
import { profileOf } from '../analysis/passageProfile.js'
import { typeCue } from '../analysis/typeCues.js'
import { askedCues, showsCue } from '../analysis/answerCues.js'
import { MEANING_MODEL } from '../models/meaningWeights.js'
import type { Question } from '../question/question.js'
import type { Ranked } from './rerank.js'

// The second reranking stage: people ask in their own words ("how tall", "swearing-in", "coughing up"), so a
// passage is also credited for words that mean what the question's words mean (GloVe cosines), for its story's
// headline, for holding an answer of the wanted type, and for where it stands in its article. The first stage's
// score stays the base; a fitted linear model (models/meaningWeights.ts) multiplies it.

/** Below this cosine two words are unrelated for our purpose (robot/banana .07, debt/borrowing .73). */
const COSINE_FLOOR = 0.4
/** Below this share of the question unmatched (squared), the stage leaves the order alone: coverage above ~0.78. */
const MIN_PARAPHRASE = 0.05

/** The signals this stage adds to a passage's features. */
export const MEANING_FEATURES = ['base', 'soft', 'softGain', 'softLocal', 'softSentence', 'titleSoft', 'articleCover', 'typeAny', 'cueFit', 'lead'] as const
export type MeaningFeature = (typeof MEANING_FEATURES)[number]

interface QuestionTerms {
  /** Vocabulary id per term (-1 when the corpus lacks it) and GloVe row per term (-1 when the table lacks it). */
  ids: Int32Array
  rows: Int32Array
  /** IDF × question weight, over their sum. */
  share: Float64Array
  /** Per vocabulary id met so far, its slot in `match` (+1; 0 = not yet), and the ids to clear afterwards. */
  slot: Int32Array
  seen: number[]
  /** `match[s * n + t]`: how well the id in slot s matches question term t (1 exact, else the rescaled cosine). */
  match: Float32Array
  /** The question terms' rows packed for `WordVectors.packedDots` (null: too long to pack), and its output. */
  packed: Float64Array | null
  dots: Float64Array
}

// Scratch reused across questions (cleared after each): a Map and an array per passage word would be garbage.
const slots = new WeakMap<SearchIndex, Int32Array>()
let matchScratch = new Float32Array(4096)

function questionTerms(index: SearchIndex, tv: TermVectors, question: Question): QuestionTerms {
  const terms = [...question.weights.keys()]
  const ids = Int32Array.from(terms, (t) => index.termId(t))
  const rows = Int32Array.from(terms, (t, i) => (ids[i]! >= 0 ? tv.rowOfId[ids[i]!]! : tv.rowOf(t)))
  const share = Float64Array.from(terms, (t) => index.idf(t) * question.weights.get(t)!)
  const total = share.reduce((a, b) => a + b, 0) || 1
  for (let i = 0; i < share.length; i++) share[i]! /= total
  let slot = slots.get(index)
  if (!slot || slot.length !== index.vocabularySize) slots.set(index, (slot = new Int32Array(index.vocabularySize)))
  return { ids, rows, share, slot, seen: [], match: matchScratch, packed: tv.vectors.packRows(rows), dots: new Float64Array(rows.length) }
}

/** Clears the slots a question used. */
function release(q: QuestionTerms): void {
  for (const id of q.seen) q.slot[id] = 0
  q.seen.length = 0
}

/** Where in `q.match` vocabulary id `id`'s matches with each question term start (computed on first use). */
function matchOf(q: QuestionTerms, tv: TermVectors, id: number): number {
  const n = q.ids.length
  const s = q.slot[id]!
  if (s > 0) return (s - 1) * n
  const at = q.seen.length * n
  q.seen.push(id)
  q.slot[id] = q.seen.length
  if (q.match.length < at + n) {
    const grown = new Float32Array(2 * (at + n))
    grown.set(q.match)
    q.match = matchScratch = grown
  }
  const row = tv.rowOfId[id]!
  const { vectors } = tv
  // The dot products with every question term at once (two per multiplication): most of this stage's time.
  if (row >= 0 && q.packed) vectors.packedDots(row, q.packed, n, q.dots)
  for (let t = 0; t < n; t++) {
    let m = 0
    const other = q.rows[t]!
    if (q.ids[t] === id) m = 1
    else if (row >= 0 && other >= 0) {
      // rowCosine, with the dot product computed above: the same integer, so the same cosine.
      const c = !q.packed ? rowCosine(vectors, row, other) : row === other ? 1 : q.dots[t]! / (vectors.norm(row) * vectors.norm(other))
      m = c > COSINE_FLOOR ? (c - COSINE_FLOOR) / (1 - COSINE_FLOOR) : 0
    }
    q.match[at + t] = m
  }
  return at
}

/** Per question term, its best match among `ids[from, to)`, into `out`. */
function bestMatches(q: QuestionTerms, tv: TermVectors, ids: ArrayLike<number>, out: Float64Array, from = 0, to = ids.length): Float64Array {
  out.fill(0)
  for (let i = from; i < to; i++) {
    const at = matchOf(q, tv, ids[i]!)
    for (let t = 0; t < out.length; t++) if (q.match[at + t]! > out[t]!) out[t] = q.match[at + t]!
  }
  return out
}

const titleIds = new WeakMap<SearchIndex, Map<number, Int32Array>>()

/** The term ids of an article's headline (as analysed for the index), memoised per index. */
function headlineIds(index: SearchIndex, chunkId: number): Int32Array {
  let byArticle = titleIds.get(index)
  if (!byArticle) titleIds.set(index, (byArticle = new Map()))
  const a = index.articleOf[chunkId]!
  let ids = byArticle.get(a)
  if (!ids) {
    const terms = analyse(index.chunks[chunkId]!.title ?? '').terms
    ids = Int32Array.from(terms.map((t) => index.termId(t)).filter((id) => id >= 0))
    byArticle.set(a, ids)
  }
  return ids
}

/**
 * Reorders ranked passages with the meaning signals. Writes the stage's features (MEANING_FEATURES) into each
 * passage's feature record, for `:why` and the fitting script, and multiplies its score by exp(weights · features),
 * so scores stay positive and comparable as ratios. Reads nothing but its arguments and the index.
 */
export function rerankByMeaning(index: SearchIndex, question: Question, ranked: readonly Ranked[]): Ranked[] {
  if (ranked.length === 0) return []
  const tv = termVectors(index)
  let covered = 0
  for (const r of ranked) covered = Math.max(covered, r.features.textCoverage)
  const paraphrase = (1 - covered) ** 2
  // A question that some passage holds almost word for word: these signals would move scores by a few percent at
  // most, so the first stage's order stands and no question pays for them.
  if (paraphrase < MIN_PARAPHRASE) return unchanged(ranked)
  const q = questionTerms(index, tv, question)
  try {
    return scored(index, tv, q, question, ranked, paraphrase)
  } finally {
    release(q)
  }
}

/** The first stage's order, with the stage's features set as it would see them: the base alone. */
function unchanged(ranked: readonly Ranked[]): Ranked[] {
  const top = ranked[0]!.score || 1
  for (const r of ranked) {
    for (const name of MEANING_FEATURES) r.features[name] = 0
    r.features.base = Math.log(r.score / top)
  }
  return [...ranked]
}

function scored(index: SearchIndex, tv: TermVectors, q: QuestionTerms, question: Question, ranked: readonly Ranked[], paraphrase: number): Ranked[] {
  const n = q.ids.length
  const best = new Float64Array(n)
  const top = ranked[0]!.score || 1
  // Per candidate, its best match per question term: the soft matches, and (summed over the candidates of one
  // article) how common each term's meaning is in that story, for the local weighting.
  const matches = ranked.map((r) => Float64Array.from(bestMatches(q, tv, index.termIds(r.id), best)))
  const perArticle = new Map<number, { count: number; df: Float64Array }>()
  ranked.forEach((r, i) => {
    const a = index.articleOf[r.id]!
    let s = perArticle.get(a)
    if (!s) perArticle.set(a, (s = { count: 0, df: new Float64Array(n) }))
    s.count++
    for (let t = 0; t < n; t++) s.df[t]! += matches[i]![t]!
  })
  const cues = askedCues(question.text)
  const questionWords = new Set(question.text.toLowerCase().split(/[^\p{L}\p{N}]+/u))
  const localWeight = new Float64Array(n)
  const sentenceBest = new Float64Array(n)
  const out = ranked.map((r, i): Ranked => {
    const f = r.features
    const m = matches[i]!
    const a = perArticle.get(index.articleOf[r.id]!)!
    const title = bestMatches(q, tv, headlineIds(index, r.id), best)
    let soft = 0
    let local = 0
    let localTotal = 0
    let titleSoft = 0
    let articleCover = 0
    for (let t = 0; t < n; t++) {
      soft += q.share[t]! * m[t]!
      titleSoft += q.share[t]! * title[t]!
      // A term whose meaning is in every candidate of the story tells them apart less than one in few.
      const w = (localWeight[t] = q.share[t]! * Math.log((a.count + 1) / (a.df[t]! + 0.5)))
      local += w * m[t]!
      localTotal += w
      if (q.ids[t]! >= 0 && index.articleTerms.tf(q.ids[t]!, index.articleOf[r.id]!) > 0) articleCover += q.share[t]!
    }
    const profile = profileOf(index, r.id)
    const softSentence = bestSentence(q, tv, index.termIds(r.id), profile.sentenceOf, localWeight, localTotal, sentenceBest)
    let typeAny = 0
    const isQuestionTerm = (id: number) => q.ids.includes(id)
    for (let s = 0; s < profile.cues.length && typeAny === 0; s++) {
      typeAny = typeCue(question.type, profile.cues[s]!, profile.names.subarray(profile.nameStart[s]!, profile.nameStart[s + 1]!), isQuestionTerm)
    }
    const values: Record<MeaningFeature, number> = {
      base: Math.log(r.score / top),
      soft,
      softGain: soft - f.textCoverage,
      softLocal: localTotal > 0 ? local / localTotal : 0,
      titleSoft,
      articleCover,
      softSentence,
      typeAny: question.type === 'sentence' ? 0 : typeAny,
      cueFit: cues.length > 0 && showsCue(cues, index.chunks[r.id]!.text, questionWords) ? 1 : 0,
      lead: 1 / index.chunks[r.id]!.paragraph,
    }
    let logit = 0
    for (const name of MEANING_FEATURES) {
      // Scaled by how much of the question no passage holds word for word: a question that copies the article
      // (SQuAD's) is ranked well by the first stage alone; a paraphrased one leans on these signals.
      f[name] = name === 'base' ? values[name] : values[name] * paraphrase
      logit += MEANING_MODEL.weights[name] * f[name]
    }
    // Divided by the base's weight: the same order, and the first stage's score ratios (which the typed-runner-up
    // rule and the decline model read) keep their scale where the other signals agree.
    return { id: r.id, score: top * Math.exp(logit / MEANING_MODEL.weights.base), features: f }
  })
  return out.sort((x, y) => y.score - x.score || x.id - y.id)
}

/** The best single sentence's locally weighted soft coverage: an answer stands in one sentence. */
function bestSentence(
  q: QuestionTerms, tv: TermVectors, ids: Int32Array, sentenceOf: Uint16Array, weight: Float64Array, total: number, best: Float64Array,
): number {
  if (!(total > 0)) return 0
  let top = 0
  for (let i = 0; i < ids.length; ) {
    const from = i
    while (i < ids.length && sentenceOf[i] === sentenceOf[from]) i++
    bestMatches(q, tv, ids, best, from, i)
    let sum = 0
    for (let t = 0; t < best.length; t++) sum += weight[t]! * best[t]!
    top = Math.max(top, sum / total)
  }
  return top
}
