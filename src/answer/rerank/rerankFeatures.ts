import type { Retrieved, SearchIndex } from '../../index/searchIndex.js'
import type { ArticleStats } from '../retrieve/articleModel.js'
import { formOf, profileOf, sortedHas } from '../analysis/passageProfile.js'
import type { QueryProfile } from '../question/queryProfile.js'
import type { Question } from '../question/question.js'
import type { RerankFeatures } from './rerank.js'
import { nearPairs, proximity, windowCoverage } from './termWindows.js'
import { typeCue } from '../analysis/typeCues.js'

/** Dirichlet priors (in terms) of the paragraph and sentence language models. */
const MU_PARAGRAPH = 100
const MU_SENTENCE = 20
/** Paragraphs longer than this many terms get no brevity credit (`shortness`). */
const LONG_PARAGRAPH = 150

/**
 * Buffers reused for every candidate of every question, cleared per candidate: scoring 30 candidates would
 * otherwise allocate hundreds of small arrays per question, and garbage collection shows in the latency tail.
 */
class Scratch {
  terms = 0
  tf = new Uint16Array(0)
  exact = new Uint8Array(0)
  lastSentence = new Int32Array(0)
  pairSeen = new Uint8Array(0)
  inField = new Uint8Array(0)
  neighbours = new Uint8Array(0)
  count = new Uint16Array(0)
  windowShare = new Float64Array(0)
  perSentence = new Float64Array(0)
  perSentenceLocal = new Float64Array(0)
  localShare = new Float64Array(0)
  nearSeen = new Uint8Array(0)
  sentenceTf = new Uint16Array(0)
  mask = new Uint32Array(0)
  positions = new Int32Array(0)
  which = new Int32Array(0)

  /** Clears (and grows, when needed) the buffers for `n` question terms, `sentences` sentences and `length` terms. */
  reset(n: number, sentences: number, length: number): void {
    if (this.tf.length < n) {
      this.tf = new Uint16Array(n)
      this.exact = new Uint8Array(n)
      this.lastSentence = new Int32Array(n)
      this.pairSeen = new Uint8Array(n)
      this.inField = new Uint8Array(n)
      this.neighbours = new Uint8Array(n)
      this.count = new Uint16Array(n)
      this.windowShare = new Float64Array(n)
      this.localShare = new Float64Array(n)
      this.nearSeen = new Uint8Array(n)
    }
    if (this.perSentence.length < sentences || this.sentenceTf.length < sentences * n) {
      this.perSentence = new Float64Array(2 * sentences)
      this.perSentenceLocal = new Float64Array(2 * sentences)
      this.mask = new Uint32Array(2 * sentences)
      this.sentenceTf = new Uint16Array(2 * sentences * n)
    }
    if (this.positions.length < length) {
      this.positions = new Int32Array(2 * length)
      this.which = new Int32Array(2 * length)
    }
    this.terms = n
    // One call each, not a loop over an array literal: this runs for every candidate of every question.
    this.tf.fill(0, 0, n)
    this.exact.fill(0, 0, n)
    this.pairSeen.fill(0, 0, n)
    this.inField.fill(0, 0, n)
    this.neighbours.fill(0, 0, n)
    this.nearSeen.fill(0, 0, n)
    this.lastSentence.fill(-1, 0, n)
    this.perSentence.fill(0, 0, sentences)
    this.perSentenceLocal.fill(0, 0, sentences)
    this.mask.fill(0, 0, sentences + 1)
    this.sentenceTf.fill(0, 0, sentences * n)
  }
}

const scratch = new Scratch()

/**
 * The reranker's signals for one candidate. `slot[termId]` is the question term a vocabulary id stands for
 * (or -1). Features that compare candidates (bm25n, lm, slm, localBm25) are raw here and normalised by rerank().
 */
export function candidateFeatures(
  index: SearchIndex,
  question: Question,
  q: QueryProfile,
  slot: Int16Array,
  hit: Retrieved,
  article: ArticleStats,
): RerankFeatures {
  const p = profileOf(index, hit.id)
  const { text } = index.chunks[hit.id]!
  const spans = index.spansOf(hit.id)
  const n = q.ids.length
  const sentences = p.sentenceLength.length
  scratch.reset(n, sentences, p.ids.length)
  const { tf, exact, perSentence, lastSentence, sentenceTf, mask, positions, which, pairSeen, inField, neighbours } = scratch
  let matches = 0
  let adjacent = 0
  for (let k = 0; k < p.fieldIds.length; k++) if (slot[p.fieldIds[k]!]! >= 0) inField[slot[p.fieldIds[k]!]!] = 1
  // A question term in the title or heading stands for the whole passage: the sentence and window signals
  // count it everywhere rather than where the text happens to repeat it.
  const windowShare = scratch.windowShare
  let fieldShare = 0
  // Shares by IDF among the article's own paragraphs: once the article is right, its topic words ("Huguenots")
  // no longer tell its paragraphs apart, and the question's other words must.
  const localShare = scratch.localShare
  let localTotal = 0
  for (let t = 0; t < n; t++) {
    windowShare[t] = inField[t] ? 0 : q.share[t]!
    if (inField[t]) fieldShare += q.share[t]!
    localTotal += localShare[t] = q.weight[t]! * article.localIdf[t]!
  }
  for (let t = 0; t < n; t++) localShare[t]! /= localTotal || 1
  for (let i = 0; i < p.ids.length; i++) {
    const t = slot[p.ids[i]!]!
    if (t < 0) continue
    const s = p.sentenceOf[i]!
    tf[t]!++
    sentenceTf[s * n + t]!++
    if (t < 32) mask[s]! |= 1 << t
    if (!exact[t] && q.forms[t]!.has(formOf(text.slice(spans[2 * i]!, spans[2 * i + 1]!)))) exact[t] = 1
    positions[matches] = i
    which[matches++] = t
    if (lastSentence[t] !== s) {
      lastSentence[t] = s
      perSentence[s]! += windowShare[t]!
      scratch.perSentenceLocal[s]! += localShare[t]!
    }
    const nx = q.next[t]!
    if (nx >= 0 && !pairSeen[t] && i + 1 < p.ids.length && slot[p.ids[i + 1]!] === nx) {
      pairSeen[t] = 1
      adjacent++
    }
  }
  for (let other = hit.id - 1; other <= hit.id + 1; other += 2) {
    if (other < 0 || other >= index.chunks.length || index.articleOf[other] !== index.articleOf[hit.id]) continue
    const ids = index.termIds(other)
    for (let k = 0; k < ids.length; k++) if (slot[ids[k]!]! >= 0) neighbours[slot[ids[k]!]!] = 1
  }

  let coverage = 0
  let textCoverage = 0
  let exactCoverage = 0
  let looseCoverage = 0
  let context = 0
  let inFields = 0
  let anchors = 0
  let anchorsFound = 0
  let localBm25 = 0
  let localCoverage = 0
  let missing = 0
  let lm = 0
  let weights = 0
  for (let t = 0; t < n; t++) {
    const share = q.share[t]!
    if (tf[t]) textCoverage += share
    if (tf[t]) localCoverage += localShare[t]!
    else if (!inField[t] && share > missing) missing = share
    if (tf[t] || inField[t]) coverage += share
    if (exact[t]) exactCoverage += share
    if (tf[t] || (q.loose[t]! >= 0 && sortedHas(p.loose, q.loose[t]!))) looseCoverage += share
    if (tf[t] || neighbours[t]) context += share
    if (inField[t]) inFields++
    anchors += q.anchor[t]!
    if (q.anchor[t] && (tf[t] || inField[t])) anchorsFound++
    if (tf[t]) localBm25 += (q.weight[t]! * article.localIdf[t]! * tf[t]! * 2.2) / (tf[t]! + 1.2)
    lm += q.weight[t]! * Math.log((tf[t]! + MU_PARAGRAPH * article.background[t]!) / (p.ids.length + MU_PARAGRAPH))
    weights += q.weight[t]!
  }

  // The best sentence, and its likelihood smoothed with the paragraph's: questions are written from one sentence.
  let best = 0
  let bestSentence = 0
  let slm = -Infinity
  let pairCoverage = 0
  let localSentence = 0
  for (let s = 0; s < sentences; s++) {
    if (perSentence[s]! > best) {
      best = perSentence[s]!
      bestSentence = s
    }
    localSentence = Math.max(localSentence, scratch.perSentenceLocal[s]!)
    let v = 0
    for (let t = 0; t < n; t++) {
      const background = (tf[t]! + MU_PARAGRAPH * article.background[t]!) / (p.ids.length + MU_PARAGRAPH)
      v += q.weight[t]! * Math.log((sentenceTf[s * n + t]! + MU_SENTENCE * background) / (p.sentenceLength[s]! + MU_SENTENCE))
    }
    if (v > slm) slm = v
    const both = mask[s]! | (mask[s + 1] ?? 0)
    let c = 0
    for (let t = 0; t < Math.min(n, 32); t++) if (both & (1 << t)) c += windowShare[t]!
    if (c > pairCoverage) pairCoverage = c
  }

  const f = blankFeatures()
  f.bm25 = hit.bm25
  f.bm25n = hit.bm25
  f.article = hit.article
  f.coverage = coverage
  f.textCoverage = textCoverage
  f.sentenceCoverage = best + fieldShare
  f.proximity = proximity(positions, which, matches, n, scratch.count)
  f.bigrams = q.pairs ? adjacent / q.pairs : 0
  f.headingMatch = n ? inFields / n : 0
  f.typeCue = typeCue(question.type, p.cues[bestSentence]!, p.names.subarray(p.nameStart[bestSentence], p.nameStart[bestSentence + 1]), (id) => slot[id]! >= 0)
  f.exact = exactCoverage
  f.looseCoverage = looseCoverage
  f.phrasePairs = share(q.phrasePairs, p.pairs)
  f.phraseTriples = share(q.phraseTriples, p.triples)
  f.window8 = windowCoverage(positions, which, matches, windowShare, 8, scratch.count) + fieldShare
  f.window16 = windowCoverage(positions, which, matches, windowShare, 16, scratch.count) + fieldShare
  f.pairCoverage = pairCoverage + fieldShare
  f.context = context
  f.anchors = anchors ? anchorsFound / anchors : 1
  f.rareHit = tf[q.rarest] || inField[q.rarest] ? 1 : 0
  f.localBm25 = localBm25
  f.lm = lm / (weights || 1)
  f.slm = slm / (weights || 1)
  f.shortness = Math.max(0, 1 - p.ids.length / LONG_PARAGRAPH)
  f.localCoverage = localCoverage
  f.localSentence = localSentence
  f.noMissing = 1 - missing
  f.nearPairs = q.pairs ? nearPairs(positions, which, matches, q.next, scratch.nearSeen) / q.pairs : 0
  return f
}

/**
 * A features object whose every field starts as a fractional number. V8 then stores them all as doubles from
 * the start; a field that first held an integer (a top candidate's ratio of 1) would change representation
 * later and throw away the compiled scoring code, again and again over the first thousand questions.
 */
function blankFeatures(): RerankFeatures {
  return {
    bm25: 0.5,
    bm25n: 0.5,
    article: 0.5,
    coverage: 0.5,
    textCoverage: 0.5,
    sentenceCoverage: 0.5,
    proximity: 0.5,
    bigrams: 0.5,
    headingMatch: 0.5,
    typeCue: 0.5,
    exact: 0.5,
    looseCoverage: 0.5,
    phrasePairs: 0.5,
    phraseTriples: 0.5,
    window8: 0.5,
    window16: 0.5,
    pairCoverage: 0.5,
    context: 0.5,
    anchors: 0.5,
    rareHit: 0.5,
    localBm25: 0.5,
    lm: 0.5,
    slm: 0.5,
    shortness: 0.5,
    articleSupport: 0.5,
    localCoverage: 0.5,
    localSentence: 0.5,
    noMissing: 0.5,
    nearPairs: 0.5,
    linearRatio: 0.5,
    questionTerms: 0.5,
    answerType: 0.5,
    sentenceGap: 0.5,
    phraseGap: 0.5,
    looseGap: 0.5,
    proximityGap: 0.5,
  }
}

function share(wanted: Float64Array, have: Float64Array): number {
  if (wanted.length === 0) return 0
  let found = 0
  for (let k = 0; k < wanted.length; k++) if (sortedHas(have, wanted[k]!)) found++
  return found / wanted.length
}
