import type { SearchIndex } from '../../index/searchIndex.js'
import { TOPIC_MODEL } from '../models/claimWeights.js'
import type { QuestionShape } from '../question/questionShape.js'
import type { Question } from '../question/question.js'
import type { Ranked } from '../rerank/rerank.js'
import type { EvidenceFeatures } from './abstain.js'
import { answerRouting } from './abstain.js'

/**
 * Whether the articles are about the question at all. Only a question they are not about is declined: one about a
 * story they tell, even for a detail they lack, gets the closest passages. So this model separates off-topic
 * questions from on-topic ones (answerable or not), not answerable from unanswerable.
 */
export type TopicFeatures = Record<string, number>

const FROM_EVIDENCE = ['coverage', 'knownShare', 'missingIdf', 'missingCount', 'missingName', 'bm25PerTerm', 'sentenceCoverage', 'windowCoverage'] as const
/** The top passage's ranking signals: word-vector matches (meaning.ts) say whether it is about the same thing. */
const FROM_RANKING = ['soft', 'softSentence', 'titleSoft', 'articleCover', 'anchors', 'rareHit', 'exact', 'window8', 'headingMatch'] as const
const DEPTH = 5

/** Every feature name the topic model can read, for the fitting script. */
export const TOPIC_FEATURES: readonly string[] = [
  ...FROM_EVIDENCE, ...FROM_RANKING.map((n) => `top:${n}`), 'evidence', 'router', 'bestCoverage', 'meanCoverage', 'unknownName', 'terms',
  'rarestMatched', 'secondMatched', 'corrected', 'unknownTerms', 'advice', 'toBot',
]

// News reports events; it does not give advice, nor talk about the bot. Questions of those forms are rarely about the
// articles, whatever words they share with them.
const ADVICE = /\b(?:how (?:do|can|should|would) (?:i|you|we|u)|how to|should i|any tips|tips (?:for|on)|best way|good way|recipe|what's a good|whats a good)\b/i
const TO_BOT = /\b(?:you|u|your|ur)\b/i

/**
 * The topic model's features; `corrected` is how many of the question's words the spelling step replaced (an
 * off-topic name the articles lack gets "corrected" into one they have). Pure.
 */
export function topicFeatures(
  index: SearchIndex, question: Question, shape: QuestionShape, ranked: readonly Ranked[], f: EvidenceFeatures, probability: number, corrected: number,
): TopicFeatures {
  const out: TopicFeatures = { evidence: probability, router: answerRouting(f) }
  for (const name of FROM_EVIDENCE) out[name] = f[name] ?? 0
  const top = ranked[0]!
  for (const name of FROM_RANKING) out[`top:${name}`] = (top.features as unknown as Record<string, number>)[name] ?? 0
  // How specific the words are that the top passage shares with the question: a story's own names are rare words,
  // an off-topic question shares only common ones ("win", "final", "fix").
  const maxIdf = Math.log(1 + (index.stats.docCount + 0.5) / 0.5)
  const inTop = new Set(index.analysed(top.id).terms)
  const matched = question.terms.filter((t) => inTop.has(t)).map((t) => index.idf(t) / maxIdf).sort((a, b) => b - a)
  out.rarestMatched = matched[0] ?? 0
  out.secondMatched = matched[1] ?? 0
  out.corrected = Math.min(3, corrected) / 3
  out.unknownTerms = question.terms.length === 0 ? 0 : question.terms.filter((t) => !index.knows(t)).length / question.terms.length
  out.advice = ADVICE.test(question.text) ? 1 : 0
  out.toBot = TO_BOT.test(question.text) ? 1 : 0
  let best = 0
  let sum = 0
  const depth = Math.min(DEPTH, ranked.length)
  for (let i = 0; i < depth; i++) {
    const c = ranked[i]!.features.coverage
    best = Math.max(best, c)
    sum += c
  }
  out.bestCoverage = best
  out.meanCoverage = depth === 0 ? 0 : sum / depth
  out.unknownName = unknownName(index, shape) ? 1 : 0
  out.terms = Math.min(5, question.terms.length) / 5
  return out
}

/** A name or number of the question that no article uses. */
function unknownName(index: SearchIndex, shape: QuestionShape): boolean {
  return shape.tokens.some((t) => t.term !== null && (t.pos === 'PROPN' || t.pos === 'NUM') && !index.knows(t.term))
}

/** P(the articles are about the question): TOPIC_MODEL's logistic model. */
export function topicProbability(f: TopicFeatures): number {
  let z = TOPIC_MODEL.intercept
  for (const [name, w] of TOPIC_WEIGHTS) z += w * (f[name] ?? 0)
  return 1 / (1 + Math.exp(-z))
}

const TOPIC_WEIGHTS = Object.entries(TOPIC_MODEL.weights)
