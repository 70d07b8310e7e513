import { analyse } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import { KINDS } from '../analysis/candidates.js'
import type { ShortAnswer } from '../extract/extract.js'
import { CLAIM_MODEL } from '../models/claimWeights.js'
import type { QuestionShape } from '../question/questionShape.js'
import type { Question } from '../question/question.js'
import type { Ranked } from '../rerank/rerank.js'
import type { EvidenceFeatures } from './abstain.js'
import { answerRouting } from './abstain.js'

/**
 * The evidence that a short answer is right, not just its passage: what kind of span it is against what the question
 * asks for, whether it repeats the question's own words, whether other passages give it too. The passage evidence
 * (abstain.ts) could not tell right from wrong answers (precision ≤ .47 at any cut on news-dev): most wrong claims
 * answered a different type than the question asked.
 */
export type ClaimFeatures = Record<string, number>

/** Evidence features the claim model reads as they are. */
const FROM_EVIDENCE = [
  'coverage', 'sentenceCoverage', 'knownShare', 'missingIdf', 'sentenceMissingIdf', 'missingCount', 'missingName', 'bm25PerTerm',
  'runnerUp', 'spanProbability', 'spanMargin', 'typeMatch', 'typeMismatch', 'negated', 'length', 'sentenceMissingCount',
  'sentenceMissingNames', 'allInSentence', 'allInPassage', 'windowCoverage', 'numberMismatch', 'maxSentenceCoverage',
  'answerInBestSentence', 'elsewhereIdf', 'substitution',
] as const

/** The top passage's ranking signals the claim model reads. */
const FROM_RANKING = ['soft', 'softSentence', 'anchors', 'rareHit', 'exact', 'proximity', 'typeCue', 'bigrams', 'base'] as const

const SPECIAL_FORMS = new Set(['acronym', 'apposition', 'title', 'description', 'quotation'])
const COARSE = ['person', 'date', 'place', 'number', 'thing', 'reason', 'manner', 'other'] as const
const SUPPORT_DEPTH = 5

/** Every feature name the claim model can read, for the fitting script. */
export const CLAIM_FEATURES: readonly string[] = [
  'evidence', 'router', ...FROM_EVIDENCE, ...FROM_RANKING.map((n) => `top:${n}`), 'special', ...[...SPECIAL_FORMS].map((m) => `m:${m}`), 'focus', 'answerWords', 'echo', 'echoAny', 'support', 'supportOther', 'scoreGap',
  ...KINDS.map((k) => `k:${k}`), ...COARSE.map((c) => `c:${c}`),
  ...['who', 'when', 'where', 'why', 'how', 'howmany', 'howmuch', 'howmeasure', 'what', 'which', 'whose', 'none'].map((q) => `q:${q}`),
]

/** The claim model's features for the short answer `short` of the top passage. Pure. */
export function claimFeatures(
  index: SearchIndex, question: Question, shape: QuestionShape, ranked: readonly Ranked[], f: EvidenceFeatures, probability: number, short: ShortAnswer,
): ClaimFeatures {
  const out: ClaimFeatures = { evidence: probability, router: answerRouting(f) }
  for (const name of FROM_EVIDENCE) out[name] = f[name] ?? 0
  const top = ranked[0]!.features as unknown as Record<string, number>
  for (const name of FROM_RANKING) out[`top:${name}`] = top[name] ?? 0
  const special = SPECIAL_FORMS.has(short.method)
  out.special = special ? 1 : 0
  // Which special form: an acronym spelt out by its initials ("What is the JCCIC?") is surer than a quotation.
  if (special) out[`m:${short.method}`] = 1
  else for (const k of methodKinds(short.method)) out[`k:${k}`] = 1
  out[`c:${shape.coarse}`] = 1
  out[`q:${shape.qclass}`] = 1
  out.focus = shape.focus === null ? 0 : 1
  const answerTerms = analyse(short.text).terms
  const words = short.text.split(/\s+/).filter(Boolean).length
  out.answerWords = Math.min(12, words) / 12
  // An answer made of the question's own words ("which magazine…" → "news magazine") rarely is one.
  out.echo = answerTerms.length === 0 ? 1 : answerTerms.filter((t) => question.weights.has(t)).length / answerTerms.length
  // "Who set up Lita's opener?" → "Leroy Lita": a name the question already gives is not the one it asks for.
  out.echoAny = answerTerms.some((t) => question.weights.has(t)) ? 1 : 0
  const support = supportOf(index, ranked, answerTerms)
  out.support = support.any
  out.supportOther = support.otherArticle
  const s0 = ranked[0]!.score
  const s1 = ranked[1]?.score
  out.scoreGap = s1 === undefined ? 1 : Math.max(0, Math.min(1, (s0 - s1) / (Math.abs(s0) + 1e-9)))
  return out
}

/** The candidate kinds named in a span's `method` (`NAME+NP`). */
function methodKinds(method: string): string[] {
  return method.split('+').filter((k) => (KINDS as readonly string[]).includes(k))
}

/** Share of the next passages (and of those from other articles) that hold the answer's terms in a row. */
function supportOf(index: SearchIndex, ranked: readonly Ranked[], answerTerms: readonly string[]): { any: number; otherArticle: number } {
  if (answerTerms.length === 0) return { any: 0, otherArticle: 0 }
  const file = index.chunks[ranked[0]!.id]!.file
  let any = 0
  let other = 0
  const depth = Math.min(SUPPORT_DEPTH, ranked.length - 1)
  for (let i = 1; i <= depth; i++) {
    const id = ranked[i]!.id
    if (!holdsSequence(index.analysed(id).terms, answerTerms)) continue
    any++
    if (index.chunks[id]!.file !== file) other++
  }
  return depth === 0 ? { any: 0, otherArticle: 0 } : { any: any / depth, otherArticle: other / depth }
}

/** Whether `seq` stands in `terms` as consecutive terms. */
export function holdsSequence(terms: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= terms.length; i++) {
    for (let j = 0; j < seq.length; j++) if (terms[i + j] !== seq[j]) continue outer
    return true
  }
  return seq.length === 0
}

/** P(the short answer is right): CLAIM_MODEL's logistic model over the claim features. */
export function claimProbability(f: ClaimFeatures): number {
  let z = CLAIM_MODEL.intercept
  for (const [name, w] of CLAIM_WEIGHTS) z += w * (f[name] ?? 0)
  return 1 / (1 + Math.exp(-z))
}

const CLAIM_WEIGHTS = Object.entries(CLAIM_MODEL.weights)

