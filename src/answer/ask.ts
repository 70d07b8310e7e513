import { analyse } from '../index/analyse.js'
import type { SearchIndex } from '../index/searchIndex.js'
import type { Answer, AskOptions, Citation, DeclineReason } from '../types.js'
import { answerProbability, evidence } from './decide/abstain.js'
import type { EvidenceFeatures } from './decide/abstain.js'
import { passageAnnotation } from './analysis/annotate.js'
import { citation, furtherCitations, mergedFeatures } from './cite/cite.js'
import { asksDescription, asksFormerRole, extractAnswer, sentenceAnswer } from './extract/extract.js'
import type { Extraction, ShortAnswer } from './extract/extract.js'
import { ABSTAIN_MODEL } from './models/answerWeights.js'
import { CLAIM_MODEL, TOPIC_MODEL } from './models/claimWeights.js'
import { claimFeatures as claimEvidence, claimProbability } from './decide/claim.js'
import type { ClaimFeatures } from './decide/claim.js'
import { topicFeatures as topicEvidence, topicProbability } from './decide/topic.js'
import type { TopicFeatures } from './decide/topic.js'
import { cleanQuestion, parseQuestion } from './question/question.js'
import { correctSpelling } from './question/spelling.js'
import type { Question } from './question/question.js'
import { questionShape } from './question/questionShape.js'
import type { QuestionShape } from './question/questionShape.js'
import { WANTED_KINDS } from './extract/answerFeatures.js'
import { passageCandidates } from './analysis/candidates.js'
import { rankPassages } from './retrieve/rank.js'
import type { Ranked } from './rerank/rerank.js'
import { chooseSentence } from './analysis/sentence.js'

const DEFAULT_K = 3
const SPECIAL_FORMS = new Set(['acronym', 'apposition', 'title', 'description'])
/** Confidence at most, below any sensible threshold, for a date or number question whose best span holds none. */
const NO_NUMBER_CAP = 0.2

/**
 * Answers one question from the index: correct typos, retrieve, rerank, extract, then decide what to claim. Pure.
 * `Answer.question` stays the question as the user typed it (cleaned); the words corrected are in `corrections`.
 */
export function ask(index: SearchIndex, raw: string, options: AskOptions = {}): Answer {
  const t0 = performance.now()
  const d = deliberate(index, raw, options)
  const answer = decide(index, d, citationCount(options), t0)
  if (d.corrections.length === 0) return answer
  return { ...answer, question: cleanQuestion(raw), corrections: d.corrections }
}

/** Everything `ask()` weighs before it decides: shared with the fitting scripts, which fit the decision on it. */
export type Deliberation =
  | { kind: 'unasked'; text: string; reason: DeclineReason; corrections: Correction[] }
  | { kind: 'unranked'; question: Question; corrections: Correction[] }
  | Weighed

export interface Weighed {
  kind: 'weighed'
  question: Question
  corrections: Correction[]
  ranked: readonly Ranked[]
  examination: Examination
  /** The short answer the extractor would give, or null (none, or the question wants a sentence). */
  short: ShortAnswer | null
  /** P(the short answer is right), 0 without one. */
  claim: number
  claimFeatures: ClaimFeatures | null
  /** P(the articles are about the question). */
  topic: number
  topicFeatures: TopicFeatures
}

type Correction = { from: string; to: string }

/** Corrects, parses, ranks and examines a question, and weighs its short answer and its topic. Pure. */
export function deliberate(index: SearchIndex, raw: string, options: AskOptions = {}): Deliberation {
  const spelling = correctSpelling(index, typeof raw === 'string' ? raw : '')
  const corrections = spelling.corrections
  const previous = options.previous && { ...options.previous, question: correctSpelling(index, options.previous.question).text }
  const parsed = parseQuestion(spelling.text, previous)
  if (!parsed.ok) return { kind: 'unasked', text: parsed.text, reason: parsed.reason, corrections }
  const question = parsed.question
  const first = rankPassages(index, question, Math.max(citationCount(options), 10))
  if (first.length === 0) return { kind: 'unranked', question, corrections }
  const { ranked, examination, searched } = preferTypedAnswer(index, question, first)
  const { extraction, features, probability } = examination
  const shape = extraction.context.shape
  const best = extraction.best
  const short = best && !sentenceAnswer(shape, best) ? best : null
  const claimFeatures = short ? claimEvidence(index, question, shape, ranked, features, probability, short) : null
  // Whether the articles are about the question is read from the passage that matched it best: the one moved ahead
  // for its form of answer ("a very good relationship" with "China's leader") may share fewer of its words.
  const topicFeatures = topicEvidence(index, question, shape, first, searched.features, searched.probability, corrections.length)
  return {
    kind: 'weighed', question, corrections, ranked, examination, short,
    claim: claimFeatures ? typedClaim(claimProbability(claimFeatures), shape, short) : 0,
    claimFeatures,
    topic: topicProbability(topicFeatures),
    topicFeatures,
  }
}

/**
 * A date or number question answered with a span of another kind ("When did the Berlin Wall come down?" → "one
 * thought") is never claimed, however the rest of the evidence looks: in the fitting data such spans were right one
 * time in five, and the logistic model, which adds its evidence up, can still reach a high score for them.
 */
function typedClaim(claim: number, shape: QuestionShape, short: ShortAnswer | null): number {
  const typed = shape.coarse === 'date' || shape.coarse === 'number'
  if (typed && short !== null && !short.typeMatch) return Math.min(claim, NO_NUMBER_CAP)
  // "How old was she?" → "15 years" (a prison term in the passage) is a number, but not an age.
  if (short !== null && asksAge(shape) && !AGE.test(short.text)) return Math.min(claim, NO_NUMBER_CAP)
  return claim
}

const asksAge = (shape: QuestionShape): boolean => shape.qclass === 'howmeasure' && shape.tokens.some((t, i) => t.lower === 'old' && shape.tokens[i - 1]?.lower === 'how')
// "15", "aged 15", "15-year-old", "15 years old", "in his 40s"
const AGE = /^\d+$|\baged? \d+|\b\d+[- ]years?[- ]old\b|\b\d+s\b/i

/** How many citations to give: `options.k`, 1 to 50, default 3. */
function citationCount(options: AskOptions): number {
  return Math.max(1, Math.min(50, Math.floor(options.k ?? DEFAULT_K)))
}

/** A span longer than this is never claimed, however probable: it is a passage, not a short answer. */
const MAX_ANSWER_WORDS = 12

/** The three outcomes, from a deliberation. */
function decide(index: SearchIndex, d: Deliberation, k: number, t0: number): Answer {
  if (d.kind === 'unasked') return declined(d.text, d.reason, [], [], 0, t0)
  const terms = [...d.question.weights.keys()]
  if (d.kind === 'unranked') return declined(d.question.text, 'not_found', [], terms, 0, t0)
  const { question, ranked, examination, short } = d
  if (d.topic < TOPIC_MODEL.threshold) return { ...declined(question.text, 'not_found', [], terms, d.claim, t0), answerType: question.type }
  const top = ranked[0]!
  const { extraction, sentence, features: f, probability: p } = examination
  const text = index.chunks[top.id]!.text
  const sentenceSpan = extraction.context.ann.sentences[sentence] ?? ([0, text.length] as const)
  const primary = citation(index, top, question, 'primary', sentenceSpan)
  primary.features = mergedFeatures(primary.features, f, d.topicFeatures, d.claimFeatures ?? {}, { probability: p, claim: d.claim, topic: d.topic })
  const claimed = short !== null && d.claim >= CLAIM_MODEL.threshold && wordCount(short.text) <= MAX_ANSWER_WORDS
  if (!claimed) {
    const related = ranked.slice(0, k).map((r) => (r === top ? { ...primary, role: 'related' as const } : citation(index, r, question, 'related')))
    return { ...declined(question.text, 'weak_evidence', related, terms, d.claim, t0), outcome: 'passages', answerType: question.type }
  }
  const answerText = datedText(short.text, top, index)
  const citations: Citation[] = [primary, ...furtherCitations(index, ranked, question, primary, short.text, k, extraction.context.shape)]
  return {
    question: question.text,
    outcome: 'answer',
    answered: true,
    answer: answerText,
    answerSpan: short.span,
    answerType: question.type,
    declineReason: null,
    citations,
    confidence: d.claim,
    terms,
    elapsedMs: performance.now() - t0,
  }
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length

/** What `ask()` finds in the top passage: the short answer, its sentence, and the evidence for answering at all. */
export interface Examination {
  extraction: Extraction
  /** Index of the cited sentence in the passage's annotation. */
  sentence: number
  features: EvidenceFeatures
  /** Probability that the top passage answers the question. */
  probability: number
}

/**
 * Tags the top passage, extracts the short answer and weighs the evidence. Shared with the fitting scripts. Pure.
 * `shape` is the question's, when the caller already has it.
 */
export function examine(index: SearchIndex, question: Question, ranked: readonly Ranked[], shape: QuestionShape = questionShape(question.text)): Examination {
  return weigh(index, question, ranked, extractTop(index, question, ranked, shape))
}

/** The short answer of the top passage, and the sentence to cite. */
function extractTop(index: SearchIndex, question: Question, ranked: readonly Ranked[], shape: QuestionShape): { extraction: Extraction; sentence: number } {
  const top = ranked[0]!
  const text = index.chunks[top.id]!.text
  const ann = passageAnnotation(index, top.id)
  const extraction = extractAnswer(index, text, ann, question, shape)
  // The cited sentence is the one the short answer comes from, so the two never disagree.
  const sentence = extraction.best ? extraction.best.sentence : chooseSentence(index, top.id, ann.sentences, question).index
  return { extraction, sentence }
}

/** The evidence for answering from the top passage at all, and its probability. */
function weigh(index: SearchIndex, question: Question, ranked: readonly Ranked[], { extraction, sentence }: { extraction: Extraction; sentence: number }): Examination {
  const features = evidence(index, question, ranked, extraction, sentence)
  let probability = answerProbability(features)
  // A definition found by a special form ("JCCIC" spelt out, "Danny Russel, vice president for …") in a
  // passage holding every term of the question is strong evidence on its own.
  if (extraction.best && SPECIAL_FORMS.has(extraction.best.method) && features.coverage >= 0.999) {
    probability = Math.max(probability, ABSTAIN_MODEL.threshold)
  }
  // "How many…?" with no number in the passage's best span: whatever the span is, it is not the answer.
  if (extraction.context.shape.coarse === 'number' && extraction.best && !extraction.best.typeMatch) {
    probability = Math.min(probability, NO_NUMBER_CAP)
  }
  return { extraction, sentence, features, probability }
}

/** A runner-up passage may replace the top one from this share of its score up. */
const TYPED_RUNNER_UP = 0.85
const TYPED_LOOKAHEAD = 8

/**
 * Questions whose answer comes in one form that a passage near the top may give when the first does not:
 * - a previous role ("what was Han Zheng's previous position?") from what the person "formerly" was: the question's
 *   words "previous position" are in no passage, so the one that says it need not rank close to the first;
 * - a description ("how does Trump describe his relationship with Xi?") from a quotation holding the described
 *   thing ("a very good relationship"), in the first three, when the first does not describe anything itself (a
 *   passage saying "described as …" gives the description unquoted; on SQuAD, moving past it cost 7 questions'
 *   first passage in 10,570). A quotation of anything else is no description of it.
 */
function wantedForm(index: SearchIndex, question: Question, top: Ranked): { method: string; lookahead: number; fits: (s: ShortAnswer) => boolean } | null {
  if (asksFormerRole(question.text)) return { method: 'former', lookahead: TYPED_LOOKAHEAD, fits: () => true }
  if (asksDescription(question.text) && !asksDescription(index.chunks[top.id]!.text)) {
    return { method: 'quotation', lookahead: 2, fits: (s) => analyse(s.text).terms.some((t) => question.weights.has(t)) }
  }
  return null
}

/**
 * For a date or number question, the top passage may hold no date or number at all ("and when was that?"
 * after "who did Xi send?" → the passage naming the envoy, with no day in it). Then a close runner-up that
 * does hold one is the better evidence, and moves to the front. So does a passage giving the answer in the form the
 * question wants (wantedForm). `searched` is the examination of the ranking as it was searched.
 */
function preferTypedAnswer(index: SearchIndex, question: Question, ranked: readonly Ranked[]): { ranked: readonly Ranked[]; examination: Examination; searched: Examination } {
  const first = examine(index, question, ranked)
  const shape = first.extraction.context.shape
  const form = wantedForm(index, question, ranked[0]!)
  if (form && first.extraction.best?.method !== form.method) {
    for (let i = 1; i <= form.lookahead && i < ranked.length; i++) {
      const extracted = extractTop(index, question, [ranked[i]!], shape)
      const best = extracted.extraction.best
      if (best?.method !== form.method || !form.fits(best)) continue
      return { ...moveToFront(index, question, ranked, i, extracted), searched: first }
    }
  }
  const wanted = shape.coarse === 'date' || shape.coarse === 'number' ? WANTED_KINDS[shape.coarse] : undefined
  if (wanted === undefined || first.extraction.best?.typeMatch) return { ranked, examination: first, searched: first }
  const hasTyped = (id: number) => passageCandidates(passageAnnotation(index, id)).some((c) => (c.kinds & wanted) !== 0)
  const floor = TYPED_RUNNER_UP * ranked[0]!.score
  let best: { at: number; extracted: ReturnType<typeof extractTop>; value: number } | null = null
  for (let i = 1; i <= TYPED_LOOKAHEAD && i < ranked.length && ranked[i]!.score >= floor; i++) {
    // A passage with no date or number anywhere cannot give one: skip extracting from it.
    if (!hasTyped(ranked[i]!.id)) continue
    const extracted = extractTop(index, question, [ranked[i]!], shape)
    const span = extracted.extraction.best
    if (!span?.typeMatch) continue
    // The passage's rank and how sure the extractor is of its date or number, together.
    const value = (ranked[i]!.score / ranked[0]!.score) * span.probability
    if (!best || value > best.value) best = { at: i, extracted, value }
  }
  if (!best) return { ranked, examination: first, searched: first }
  return { ...moveToFront(index, question, ranked, best.at, best.extracted), searched: first }
}

/** The ranking with passage `at` first, and its examination: only its extraction is weighed, over the whole new ranking. */
function moveToFront(index: SearchIndex, question: Question, ranked: readonly Ranked[], at: number, extracted: ReturnType<typeof extractTop>): { ranked: readonly Ranked[]; examination: Examination } {
  const reordered = [ranked[at]!, ...ranked.slice(0, at), ...ranked.slice(at + 1)]
  return { ranked: reordered, examination: weigh(index, question, reordered, extracted) }
}

const RELATIVE_DAYS: Record<string, number> = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1 }
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/**
 * "today" means the article's date: say which day that was, when the article is dated. So does the article's own
 * weekday ("announced Friday" in a piece dated Friday 2025-01-17): news names a day within a week of its date, and
 * writes "last Friday" or "next Friday" for the others. Another weekday ("on Monday") is left as written: it may be
 * the one before the date or the one after, and the words around it do not reliably say which.
 */
export function datedText(text: string, hit: Pick<Ranked, 'id'>, index: SearchIndex): string {
  const date = index.chunks[hit.id]!.date
  if (!date) return text
  const day = new Date(`${date}T00:00:00Z`)
  const word = text.trim().toLowerCase()
  const offset = RELATIVE_DAYS[word] ?? (WEEKDAYS[day.getUTCDay()] === word ? 0 : undefined)
  if (offset === undefined) return text
  day.setUTCDate(day.getUTCDate() + offset)
  return `${text} (${day.toISOString().slice(0, 10)})`
}

function declined(
  question: string,
  reason: DeclineReason,
  citations: Citation[],
  terms: string[],
  confidence: number,
  t0: number,
): Answer {
  return {
    question,
    outcome: 'declined',
    answered: false,
    answer: null,
    answerSpan: null,
    answerType: 'sentence',
    declineReason: reason,
    citations,
    confidence,
    terms,
    elapsedMs: performance.now() - t0,
  }
}

export type { Question }
