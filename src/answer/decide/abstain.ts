import { analyseTerms } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import { ABSTAIN_MODEL } from '../models/answerWeights.js'
import type { Token } from '../analysis/annotate.js'
import type { Extraction } from '../extract/extract.js'
import type { Question } from '../question/question.js'
import { wordEvidence } from '../extract/wordEvidence.js'
import type { WordEvidence } from '../extract/wordEvidence.js'
import type { Ranked } from '../rerank/rerank.js'

/** The evidence for answering, as the abstention model sees it. All features are roughly on a 0..1 scale. */
export interface EvidenceFeatures extends WordEvidence {
  /** IDF-weighted share of the question's terms in the top passage (text, heading or title). */
  coverage: number
  /** The same in the answer's sentence. */
  sentenceCoverage: number
  /** IDF-weighted share of the question's terms that occur anywhere in the corpus. */
  knownShare: number
  /** Largest IDF among the question's terms missing from the top passage, over the largest possible IDF. */
  missingIdf: number
  /** The same for terms missing from the answer's sentence. */
  sentenceMissingIdf: number
  /** How many of the question's terms the top passage lacks (capped at 4, over 4). */
  missingCount: number
  /** 1 when a capitalised word or a number of the question is absent from the top passage. */
  missingName: number
  /** Top passage's BM25 score per question term, squashed: s / (s + 5). */
  bm25PerTerm: number
  /** Runner-up's BM25 over the top passage's. */
  runnerUp: number
  /** The extractor's softmax share on its best span (1 for special forms, 0 without a span). */
  spanProbability: number
  /** Its score margin over the next span, squashed: m / (m + 1). */
  spanMargin: number
  /** 1 when the question asks for a date, number, person or place and the span is of that kind. */
  typeMatch: number
  /** 1 when the question asks for a date or a number and the span holds none. */
  typeMismatch: number
  /** 1 when the question holds a negation. */
  negated: number
  /** Number of question terms, over 10 (capped at 1). */
  length: number
  /** Question words (tagged, stop words left out) absent from the answer's sentence, over 4 (capped at 1). */
  sentenceMissingCount: number
  /** Of those, names and numbers. */
  sentenceMissingNames: number
  /** Of those, verbs, adjectives and adverbs: where a question swaps in an antonym. */
  sentenceMissingModifiers: number
  /** Largest IDF of a question term in the passage but not in the answer's sentence, over the largest possible IDF. */
  elsewhereIdf: number
  /** Missing question words whose neighbours in the question are in the sentence: a word swapped in a matched phrase. */
  substitution: number
  /** 1 when every question word is in the answer's sentence; the same for the passage. */
  allInSentence: number
  allInPassage: number
  /** IDF-weighted share of the question's terms in the answer's sentence and its neighbours. */
  windowCoverage: number
  /** 1 when the question holds a number (or year) that the answer's sentence lacks while it holds another. */
  numberMismatch: number
  /** Coverage of the passage's best-covering sentence, and 1 when that is the answer's sentence. */
  maxSentenceCoverage: number
  answerInBestSentence: number
  [name: string]: number
}


/**
 * The question's terms that the passage can be checked against. The noun naming the answer's kind is left out;
 * so is a word the articles never use
 * when it is a verb, adjective or adverb: most likely a paraphrase ("hard" for "difficult"). An unknown noun,
 * name or number stays: the question is about something the articles do not cover.
 */
function checkableTerms(index: SearchIndex, question: Question, tokens: readonly Token[]): string[] {
  const terms = question.terms.length ? question.terms : [...question.weights.keys()]
  const kept = terms.filter((t) => {
    // "What day…", "which country…": the noun names the answer's kind; the passage says "Monday", not "day".
    if ((question.weights.get(t) ?? 1) < 1) return false
    if (index.knows(t)) return true
    const tagged = tokens.filter((x) => x.term === t)
    return tagged.length === 0 || tagged.some((x) => !PARAPHRASABLE.has(x.pos))
  })
  return kept.length ? kept : terms
}

const PARAPHRASABLE = new Set(['VERB', 'ADJ', 'ADV', 'AUX'])

/**
 * News names a person in full once ("Sen. Marco Rubio") and by surname after ("Rubio called China…"). A sentence
 * that says "Rubio" speaks of Marco Rubio: the other words of a full name in the passage count as in the sentence
 * when its last word is. Runs of two to four capitalised proper nouns make the full names.
 */
function addFullNames(tokens: readonly Token[], inSentence: Set<string>): void {
  for (let i = 0; i < tokens.length; ) {
    let j = i
    while (j < tokens.length && tokens[j]!.pos === 'PROPN' && tokens[j]!.term !== null && CAPITALISED.test(tokens[j]!.text)) j++
    if (j - i >= 2 && j - i <= 4 && inSentence.has(tokens[j - 1]!.term!)) for (let k = i; k < j - 1; k++) inSentence.add(tokens[k]!.term!)
    i = j > i ? j : i + 1
  }
}

const CAPITALISED = /^\p{Lu}/u

/** Computes the evidence features for the top-ranked passage and the extracted answer. Pure. */
export function evidence(index: SearchIndex, question: Question, ranked: readonly Ranked[], extraction: Extraction, sentence: number): EvidenceFeatures {
  const top = ranked[0]!
  const { context, best } = extraction
  const terms = checkableTerms(index, question, context.shape.tokens)
  const checkable = new Set(terms)
  const idfs = terms.map((t) => index.idf(t))
  const total = idfs.reduce((a, b) => a + b, 0) || 1
  const known = terms.reduce((a, t, i) => a + (index.knows(t) ? idfs[i]! : 0), 0)
  const chunk = index.chunks[top.id]!
  const inTop = new Set(index.analysed(top.id).terms)
  const inFields = index.cached(`fieldset:${chunk.heading ?? ''}\u0000${chunk.title ?? ''}`, () =>
    new Set([...analyseTerms(chunk.heading ?? ''), ...analyseTerms(chunk.title ?? '')]),
  )
  const inSentence = new Set<string>()
  const range = context.ann.sentenceTokens[sentence]
  if (range) for (let i = range[0]; i < range[1]; i++) if (context.ann.tokens[i]!.term) inSentence.add(context.ann.tokens[i]!.term!)
  addFullNames(context.ann.tokens, inSentence)
  const maxIdf = Math.log(1 + (index.stats.docCount + 0.5) / 0.5)
  let missing = 0
  let sentenceMissing = 0
  let missingCount = 0
  terms.forEach((t, i) => {
    const present = inTop.has(t) || inFields.has(t)
    if (!present) {
      missing = Math.max(missing, idfs[i]!)
      missingCount++
    }
    if (!inSentence.has(t)) sentenceMissing = Math.max(sentenceMissing, idfs[i]!)
  })
  let missingName = 0
  for (const t of context.shape.tokens) {
    if (t.term === null || !(t.pos === 'PROPN' || t.pos === 'NUM')) continue
    if (!inTop.has(t.term) && !inFields.has(t.term)) missingName = 1
  }
  // Word by word against the answer's sentence: swapped names, antonyms and negations show up here.
  const qTokens = context.shape.tokens.filter((t) => t.term !== null && checkable.has(t.term))
  let sMissing = 0
  let sMissingNames = 0
  let sMissingModifiers = 0
  let elsewhere = 0
  let substitution = 0
  qTokens.forEach((t, i) => {
    if (inSentence.has(t.term!)) return
    sMissing++
    if (t.pos === 'PROPN' || t.pos === 'NUM') sMissingNames++
    else if (t.pos === 'VERB' || t.pos === 'ADJ' || t.pos === 'ADV') sMissingModifiers++
    if (inTop.has(t.term!)) elsewhere = Math.max(elsewhere, index.idf(t.term!))
    const left = qTokens[i - 1]
    const right = qTokens[i + 1]
    if ((left && inSentence.has(left.term!)) || (right && inSentence.has(right.term!))) substitution++
  })
  // The sentence with its neighbours: questions often draw on two adjacent sentences.
  const ns = context.coverage.length
  const inWindow = new Set<string>(inSentence)
  for (const n of [sentence - 1, sentence + 1]) {
    const r = n >= 0 && n < ns ? context.ann.sentenceTokens[n] : undefined
    if (r) for (let i = r[0]; i < r[1]; i++) if (context.ann.tokens[i]!.term) inWindow.add(context.ann.tokens[i]!.term!)
  }
  let windowWeight = 0
  let sentenceWeight = 0
  let topWeight = 0
  terms.forEach((t, i) => {
    if (inWindow.has(t)) windowWeight += idfs[i]!
    if (inSentence.has(t)) sentenceWeight += idfs[i]!
    if (inTop.has(t) || inFields.has(t)) topWeight += idfs[i]!
  })
  let qNumber = false
  let qNumberMissing = false
  for (const t of qTokens) {
    if (t.pos !== 'NUM') continue
    qNumber = true
    if (!inSentence.has(t.term!)) qNumberMissing = true
  }
  let sentenceHasNumber = false
  if (range) for (let i = range[0]; i < range[1]; i++) if (context.ann.tokens[i]!.pos === 'NUM') sentenceHasNumber = true
  const bm25 = top.features.bm25 / Math.max(1, terms.length)
  const runnerUp = ranked.length > 1 && top.features.bm25 > 0 ? ranked[1]!.features.bm25 / top.features.bm25 : 0
  const margin = best?.margin ?? 0
  return {
    coverage: topWeight / total,
    sentenceCoverage: sentenceWeight / total,
    knownShare: known / total,
    missingIdf: missing / maxIdf,
    sentenceMissingIdf: sentenceMissing / maxIdf,
    missingCount: Math.min(4, missingCount) / 4,
    missingName,
    bm25PerTerm: bm25 / (bm25 + 5),
    runnerUp,
    spanProbability: best?.probability ?? 0,
    spanMargin: margin / (margin + 1),
    typeMatch: best?.typeMatch ? 1 : 0,
    typeMismatch: (context.shape.coarse === 'date' || context.shape.coarse === 'number') && best && !best.typeMatch ? 1 : 0,
    negated: context.shape.negated ? 1 : 0,
    length: Math.min(1, terms.length / 10),
    sentenceMissingCount: Math.min(4, sMissing) / 4,
    sentenceMissingNames: Math.min(2, sMissingNames) / 2,
    sentenceMissingModifiers: Math.min(2, sMissingModifiers) / 2,
    elsewhereIdf: elsewhere / maxIdf,
    substitution: Math.min(2, substitution) / 2,
    allInSentence: sMissing === 0 ? 1 : 0,
    allInPassage: missingCount === 0 ? 1 : 0,
    windowCoverage: windowWeight / total,
    numberMismatch: qNumber && qNumberMissing && sentenceHasNumber ? 1 : 0,
    maxSentenceCoverage: context.maxCoverage,
    answerInBestSentence: context.rank[sentence] === 0 ? 1 : 0,
    ...wordEvidence(question.text, context.shape, context.ann.tokens, range),
    [`q:${context.shape.qclass}`]: 1,
  }
}

/**
 * Probability that the top passage answers the question: ABSTAIN_MODEL's mixture over the evidence. A question
 * that copies its passage's wording is judged as SQuAD's are (missing words mean "decline"), a paraphrased chat
 * question by the model that also learnt from those, where missing words are the norm.
 */
export function answerProbability(f: EvidenceFeatures): number {
  const router = logistic(ROUTER, f)
  return router * logistic(WORDING, f) + (1 - router) * logistic(CHAT, f)
}

/** The router's probability that the question copies its passage's wording (SQuAD-like) rather than paraphrasing it. */
export function answerRouting(f: EvidenceFeatures): number {
  return logistic(ROUTER, f)
}

type Logistic = { intercept: number; weights: [string, number][] }

function logistic(m: Logistic, f: EvidenceFeatures): number {
  let z = m.intercept
  for (const [name, w] of m.weights) z += w * (f[name] ?? 0)
  return 1 / (1 + Math.exp(-z))
}

// Listed once, not per question.
const listed = (m: { intercept: number; weights: Readonly<Record<string, number>> }): Logistic => ({ intercept: m.intercept, weights: Object.entries(m.weights) })
const WORDING = listed(ABSTAIN_MODEL.wording)
const CHAT = listed(ABSTAIN_MODEL.chat)
const ROUTER = listed(ABSTAIN_MODEL.router)
