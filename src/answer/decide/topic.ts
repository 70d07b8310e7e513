import { generalProbability } from '../question/generalQuestion.js'
import { analyse } from '../../index/analyse.js'
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
  'articleShare', 'centralShare', 'rareCentral', 'year', 'yearMissing', 'plainArticle', 'plainPassage', 'general', 'generalApart',
]

// News reports events; it does not give advice, nor talk about the bot. Questions of those forms are rarely about the
// articles, whatever words they share with them.
const ADVICE = /\b(?:how (?:long |much |many |often |far |soon )?(?:do|can|should|would|must) (?:i|you|we|u)|how to|should (?:i|you|we)|can i|what can (?:i|you|we)|any tips|tips (?:for|on)|best way|good way|quickest way|easiest way|recipe|what's a good|whats a good|is it (?:bad|good|safe|ok|okay) to|my)\b/i
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
  // A follow-up's words are its own and those it takes from the exchange before ("and when was that?").
  const terms = [...question.weights.keys()]
  const matched = terms.filter((t) => inTop.has(t)).map((t) => index.idf(t) / maxIdf).sort((a, b) => b - a)
  out.rarestMatched = matched[0] ?? 0
  out.secondMatched = matched[1] ?? 0
  out.corrected = Math.min(3, corrected) / 3
  out.unknownTerms = terms.length === 0 ? 0 : terms.filter((t) => !index.knows(t)).length / terms.length
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
  out.terms = Math.min(5, terms.length) / 5
  Object.assign(out, articleFeatures(index, question, top.id, terms))
  // Unweighted: in a folder of a few articles every known word has a low IDF, and one the articles lack outweighs
  // them all ("How many lanes does the Harbor Bridge have?" of a story about the bridge).
  out.plainPassage = terms.length === 0 ? 0 : matched.length / terms.length
  // A general question may still be the one the articles are about ("What is the JCCIC?" of a story about the
  // inauguration); it counts against the topic most when the top passage's article holds few of its words.
  out.general = generalProbability(question.text)
  out.generalApart = generalApart(out.general, out.plainArticle ?? 0)
  return out
}

/** The general-question score, counted the more the top passage's article lacks the question's words. */
export const generalApart = (general: number, plainArticle: number): number => general * (1 - plainArticle)

const YEAR = /\b(?:1[89]|20)\d\d\b/g

/**
 * How much the top passage's article is about the question's words, not just whether one paragraph mentions them: a
 * story's own names recur through its article ("Berlin Wall" in passing, once, is not a story about it). And a year
 * the question names that its article never gives is a sign of another story (a question about 2019 of a 2005 corpus).
 */
function articleFeatures(index: SearchIndex, question: Question, top: number, terms: readonly string[]): TopicFeatures {
  const a = index.articleOf[top]!
  const size = Math.max(1, index.articleSizes[a]!)
  const counts = index.paragraphsWith(a, Int32Array.from(terms, (t) => index.termId(t)))
  let total = 0
  let held = 0
  let central = 0
  let rarest = -1
  let rareCentral = 0
  terms.forEach((t, i) => {
    const idf = index.idf(t)
    total += idf
    if (counts[i]! === 0) return
    held += idf
    central += (idf * counts[i]!) / size
    if (idf > rarest) {
      rarest = idf
      rareCentral = counts[i]! / size
    }
  })
  // The article's share unweighted too (see plainPassage).
  const plainArticle = terms.length === 0 ? 0 : counts.filter((c) => c > 0).length / terms.length
  const years = [...new Set(question.text.match(YEAR) ?? [])]
  const yearIds = Int32Array.from(years, (y) => index.termId(analyse(y).terms[0] ?? y))
  const yearCounts = index.paragraphsWith(a, yearIds)
  return {
    articleShare: total === 0 ? 0 : held / total,
    centralShare: total === 0 ? 0 : central / total,
    rareCentral,
    year: years.length > 0 ? 1 : 0,
    yearMissing: years.length > 0 && yearCounts.every((c) => c === 0) ? 1 : 0,
    plainArticle,
  }
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
