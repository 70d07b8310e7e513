import type { Retrieved, SearchIndex } from '../index/searchIndex.js'
import { analyse, foldWord, termOf, words } from '../index/analyse.js'
import { profileOf, wordKey } from './passageProfile.js'
import type { Question } from './question.js'
import { RERANK_WEIGHTS } from './rerankWeights.js'
import { typeCue } from './typeCues.js'

/** A retrieved chunk with the signals the reranker combined into its score. */
export interface Ranked {
  id: number
  score: number
  features: RerankFeatures
}

export interface RerankFeatures {
  /** First-stage BM25 score, and the same divided by the best one among the candidates. */
  bm25: number
  bm25n: number
  /** BM25 of the chunk's article (all its paragraphs as one document) over the best article's. */
  article: number
  /** IDF-weighted share of the question's terms found anywhere in the chunk's article. */
  articleCoverage: number
  /** IDF-weighted share of the question's terms found in the chunk (text, heading or title). */
  coverage: number
  /** The same, in the text only. */
  textCoverage: number
  /** IDF-weighted share found in the chunk's best single sentence. */
  sentenceCoverage: number
  /** Distinct matched terms divided by the length of the shortest window holding them all (1 = adjacent). */
  proximity: number
  /** Share of consecutive question-term pairs that also stand side by side in the text. */
  bigrams: number
  /** Share of the question's terms found in the heading or title. */
  headingMatch: number
  /** 1 when the best sentence shows a cue of the expected answer type (a date, a number, a name). */
  typeCue: number
  [name: string]: number
}

/** The question as the reranker reads it: vocabulary ids, weights, and which term follows which. */
interface QueryProfile {
  ids: number[]
  /** (weight × IDF) per term, over their sum. */
  share: number[]
  /** Per term, the index of the next term of the question as written, or -1. */
  next: number[]
  pairs: number
  /** Per article, the share of the question found in it. */
  articleShare: Float64Array
  /** Per term, the question's own written forms of it (folded, unstemmed). */
  forms: Set<string>[]
  /** Neighbouring word pairs of the question, stop words included, with at least one content word. */
  wordPairs: string[]
}

// Vocabulary id → index of the question term (or -1); one per index, cleared after every call.
const slots = new WeakMap<SearchIndex, Int16Array>()

/** Reorders first-stage hits by how well, and how closely, each covers the question's terms. Pure. */
export function rerank(index: SearchIndex, question: Question, hits: readonly Retrieved[]): Ranked[] {
  if (hits.length === 0) return []
  let top = 0
  for (const h of hits) top = Math.max(top, h.bm25)
  top ||= 1
  let slot = slots.get(index)
  if (!slot || slot.length !== index.vocabularySize) slots.set(index, (slot = new Int16Array(index.vocabularySize).fill(-1)))
  const q = queryProfile(index, question)
  q.ids.forEach((id, i) => id >= 0 && (slot[id] = i))
  try {
    const weights = Object.entries(RERANK_WEIGHTS)
    const ranked = hits.map((hit): Ranked => {
      const f = features(index, question, q, slot, hit)
      f.bm25n = hit.bm25 / top
      let score = 0
      for (const [name, w] of weights) score += w * (f[name] ?? 0)
      return { id: hit.id, score, features: f }
    })
    return ranked.sort((a, b) => b.score - a.score || a.id - b.id)
  } finally {
    for (const id of q.ids) if (id >= 0) slot[id] = -1
  }
}

function queryProfile(index: SearchIndex, question: Question): QueryProfile {
  const terms = [...question.weights.keys()]
  const ids = terms.map((t) => index.termId(t))
  const raw = terms.map((t) => (question.weights.get(t) ?? 1) * index.idf(t))
  const total = raw.reduce((a, b) => a + b, 0) || 1
  const share = raw.map((w) => w / total)
  // Bigrams follow the question's own wording, not the borrowed context terms.
  const position = new Map(terms.map((t, i) => [t, i]))
  const next = terms.map(() => -1)
  for (let i = 0; i + 1 < question.terms.length; i++) next[position.get(question.terms[i]!)!] = position.get(question.terms[i + 1]!)!
  const articleShare = new Float64Array(index.articleCount)
  ids.forEach((id, i) => {
    if (id >= 0) for (const a of index.articlesWith(id)) articleShare[a]! += share[i]!
  })
  const forms = terms.map(() => new Set<string>())
  const own = analyse(question.text)
  own.terms.forEach((t, i) => forms[position.get(t) ?? -1]?.add(foldWord(question.text.slice(...own.spans[i]!))))
  const ws = words(question.text).map((w) => ({ key: wordKey(w.word), content: termOf(foldWord(w.word), w.word) !== null }))
  const wordPairs: string[] = []
  for (let i = 0; i + 1 < ws.length; i++) if (ws[i]!.content || ws[i + 1]!.content) wordPairs.push(ws[i]!.key + ' ' + ws[i + 1]!.key)
  return { ids, share, next, pairs: Math.max(0, question.terms.length - 1), articleShare, forms, wordPairs }
}

function features(index: SearchIndex, question: Question, q: QueryProfile, slot: Int16Array, hit: Retrieved): RerankFeatures {
  const p = profileOf(index, hit.id)
  const n = q.ids.length
  const inText = new Uint8Array(n)
  const perSentence = new Float64Array(p.sentences)
  const seenInSentence = new Int32Array(n).fill(-1)
  const positions: number[] = []
  const which: number[] = []
  let pairsFound = 0
  const pairSeen = new Uint8Array(n)
  const exact = new Uint8Array(n)
  for (let i = 0; i < p.ids.length; i++) {
    const t = slot[p.ids[i]!]!
    if (t < 0) continue
    inText[t] = 1
    if (!exact[t] && q.forms[t]!.has(p.folded[i]!)) exact[t] = 1
    positions.push(i)
    which.push(t)
    const s = p.sentenceOf[i]!
    if (seenInSentence[t] !== s) {
      seenInSentence[t] = s
      perSentence[s]! += q.share[t]!
    }
    const nx = q.next[t]!
    if (nx >= 0 && !pairSeen[t] && i + 1 < p.ids.length && slot[p.ids[i + 1]!] === nx) {
      pairSeen[t] = 1
      pairsFound++
    }
  }
  let textCov = 0
  let exactCov = 0
  let cov = 0
  let inFields = 0
  const inField = new Uint8Array(n)
  for (const id of p.fieldIds) if (slot[id]! >= 0) inField[slot[id]!] = 1
  for (let t = 0; t < n; t++) {
    if (inText[t]) textCov += q.share[t]!
    if (exact[t]) exactCov += q.share[t]!
    if (inText[t] || inField[t]) cov += q.share[t]!
    if (inField[t]) inFields++
  }
  let best = 0
  let bestSentence = 0
  for (let s = 0; s < p.sentences; s++) if (perSentence[s]! > best) [best, bestSentence] = [perSentence[s]!, s]
  return {
    bm25: hit.bm25,
    bm25n: 1,
    article: hit.article,
    articleCoverage: q.articleShare[index.articleOf[hit.id]!]!,
    coverage: cov,
    textCoverage: textCov,
    sentenceCoverage: best,
    proximity: proximity(positions, which, n),
    bigrams: q.pairs ? pairsFound / q.pairs : 0,
    headingMatch: n ? inFields / n : 0,
    exact: exactCov,
    wordPairs: q.wordPairs.length ? q.wordPairs.filter((w) => p.wordPairs.has(w)).length / q.wordPairs.length : 0,
    window8: windowCoverage(positions, which, q.share, 8),
    window16: windowCoverage(positions, which, q.share, 16),
    typeCue: typeCue(question.type, p.cues[bestSentence]!, p.names[bestSentence]!, (id) => slot[id]! >= 0),
  }
}

/** The largest IDF-weighted share of the question's distinct terms found within `width` consecutive terms. */
function windowCoverage(positions: readonly number[], which: readonly number[], share: readonly number[], width: number): number {
  const count = new Uint16Array(share.length)
  let best = 0
  let sum = 0
  let left = 0
  for (let right = 0; right < positions.length; right++) {
    if (count[which[right]!]!++ === 0) sum += share[which[right]!]!
    while (positions[right]! - positions[left]! >= width) if (--count[which[left++]!]! === 0) sum -= share[which[left - 1]!]!
    if (sum > best) best = sum
  }
  return best
}

/** Distinct terms over the length of the shortest window (in terms) that holds every distinct matched term. */
function proximity(positions: readonly number[], which: readonly number[], nq: number): number {
  const count = new Uint16Array(nq)
  let distinct = 0
  for (const t of which) if (count[t]!++ === 0) distinct++
  if (distinct <= 1) return distinct === 1 ? 1 / Math.max(1, nq) : 0
  count.fill(0)
  let have = 0
  let bestLen = Infinity
  let left = 0
  for (let right = 0; right < positions.length; right++) {
    if (count[which[right]!]!++ === 0) have++
    while (have === distinct) {
      bestLen = Math.min(bestLen, positions[right]! - positions[left]! + 1)
      if (--count[which[left]!]! === 0) have--
      left++
    }
  }
  return (distinct / bestLen) * (distinct / Math.max(1, nq))
}
