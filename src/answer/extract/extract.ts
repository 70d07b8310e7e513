import { foldWord, termOf, words } from '../../index/analyse.js'
import type { SearchIndex } from '../../index/searchIndex.js'
import type { Span } from '../../types.js'
import type { Annotation, Token } from '../analysis/annotate.js'
import { describedPerson } from './describedPerson.js'
import { bestSentences, candidateFeatures, FeatureBuffer, passageContext, WANTED_KINDS } from './answerFeatures.js'
import type { PassageContext } from './answerFeatures.js'
import { ANSWER_MODEL } from '../models/answerWeights.js'
import { kindNames, passageCandidates } from '../analysis/candidates.js'
import type { Question } from '../question/question.js'
import type { QuestionShape } from '../question/questionShape.js'

const WEIGHTS = new Map(Object.entries(ANSWER_MODEL))

/** A short answer: its text as written, where it stands in the passage, and how sure the extractor is. */
export interface ShortAnswer {
  text: string
  span: Span
  /** How it was found, for `:why`: a special form, or the candidate's kinds. */
  method: string
  /** Index of the sentence (in the passage's annotation) that holds it. */
  sentence: number
  /** Share of the candidates' softmax mass on this one (1 for special forms). */
  probability: number
  /** Its linear score minus the runner-up's (0 when alone). */
  margin: number
  /** Whether it is of the kind the question asks for (a date for "when", a number for "how many"…); false when the question names no kind. */
  typeMatch: boolean
}

/** Everything the extractor learnt about one passage, for the abstention model too. */
export interface Extraction {
  best: ShortAnswer | null
  context: PassageContext
}

/**
 * Extracts the short answer from a passage: special forms first ("what is ACRONYM", "who is X", a quotation
 * for "how does X describe…"), otherwise the best-scoring candidate span (ANSWER_MODEL over answerFeatures.ts).
 * Pure.
 */
export function extractAnswer(index: SearchIndex, text: string, ann: Annotation, question: Question, shape: QuestionShape): Extraction {
  const context = passageContext(index, ann, question, shape)
  const form = acronymExpansion(text, ann, question) ?? whoIsDescription(text, context) ?? formerRole(text, context) ?? quotedSpan(text, context) ?? describedName(text, context)
  if (form) return { best: form, context }
  const cands = passageCandidates(ann)
  const aside = shape.coarse === 'date' ? nameAsides(ann, question) : null
  let best = -1
  let bestZ = -Infinity
  let secondZ = -Infinity
  const z = new Float64Array(cands.length)
  const features = new FeatureBuffer()
  for (let k = 0; k < cands.length; k++) {
    if (aside && (aside[cands[k]!.first] || aside[cands[k]!.last])) {
      z[k] = -Infinity
      continue
    }
    candidateFeatures(context, cands[k]!, features)
    let s = 0
    for (let f = 0; f < features.count; f++) s += (WEIGHTS.get(features.names[f]!) ?? 0) * features.values[f]!
    z[k] = s
    if (s > bestZ) {
      secondZ = bestZ
      bestZ = s
      best = k
    } else if (s > secondZ) secondZ = s
  }
  if (best < 0) return { best: null, context }
  let sum = 0
  for (const s of z) sum += Math.exp(s - bestZ)
  const c = cands[best]!
  const span: Span = [ann.tokens[c.first]!.start, hyphenatedEnd(text, ann.tokens[c.last]!.end)]
  return {
    best: {
      ...trimmed(text, span),
      method: kindNames(c.kinds).join('+'),
      sentence: c.sentence,
      probability: 1 / sum,
      margin: secondZ === -Infinity ? 0 : bestZ - secondZ,
      typeMatch: (c.kinds & (WANTED_KINDS[shape.coarse] ?? 0)) !== 0,
    },
    context,
  }
}

/** A span never stops inside a hyphenated word: "President Tsai Ing" is "President Tsai Ing-wen". */
function hyphenatedEnd(text: string, end: number): number {
  const tail = /^[-‐]\p{L}+/u.exec(text.slice(end, end + 40))
  return tail && /\p{L}/u.test(text[end - 1] ?? '') ? end + tail[0].length : end
}

/**
 * For a follow-up ("and when was that?" after "who did Xi send?"), the tokens inside a bracketed aside right after
 * a name ("Vice President Han Zheng (formerly a Politburo Standing Committee Member from 2017 to 2022)"), or null
 * when there are none or the question is not a follow-up. Such an aside describes the person (a term of office, a
 * birth year), while the follow-up asks when the previous exchange's event happened, which the main clause tells:
 * its dates are not candidates. The aside stays when it holds one of the question's own words ("and when was he on
 * the Politburo?"). Questions asked on their own keep every aside ("When was Chopin born?" → "Chopin (1 March 1810 –
 * 17 October 1849)"): there the name is the question's subject, not a participant of an earlier event.
 */
function nameAsides(ann: Annotation, question: Question): Uint8Array | null {
  if (question.context.length === 0) return null
  const tokens = ann.tokens
  let mask: Uint8Array | null = null
  for (const [from, to] of ann.sentenceTokens) {
    for (let open = from + 1; open < to; open++) {
      const closer = BRACKETS[tokens[open]!.text]
      if (closer === undefined || tokens[open - 1]!.pos !== 'PROPN') continue
      let close = open + 1
      while (close < to && tokens[close]!.text !== closer) close++
      if (close === to) continue
      let own = false
      for (let i = open + 1; i < close && !own; i++) own = tokens[i]!.term !== null && question.terms.includes(tokens[i]!.term!)
      if (!own) (mask ??= new Uint8Array(tokens.length)).fill(1, open, close + 1)
      open = close
    }
  }
  return mask
}

const BRACKETS: Partial<Record<string, string>> = { '(': ')', '[': ']' }

/**
 * Whether the whole sentence answers better than the span: yes/no questions and keyword queries (no wh-word),
 * and why-questions without a clause.
 */
export function sentenceAnswer(shape: QuestionShape, best: ShortAnswer): boolean {
  if (shape.yesNo || shape.qclass === 'none') return true
  // "What did Blair say about the war?" asks for what was said: a phrase of it ("an investigation") misleads.
  if (shape.qclass === 'what' && asksWhatWasSaid(shape) && best.method !== 'quotation') return true
  return shape.qclass === 'why' && !/CLAUSE|acronym|apposition|title|quotation/.test(best.method)
}

/**
 * "What did Blair say about the war?" asks for what was said; "what issue did Xi say is tied to sovereignty" (a focus
 * noun) and "what did Leavitt say the invite was an example of" (a clause after the verb, missing its object) ask for a
 * thing, as does "what think tank is Sun with".
 */
function asksWhatWasSaid(shape: QuestionShape): boolean {
  if (shape.focus !== null) return false
  const tokens = shape.tokens
  const at = tokens.findIndex((t) => SPEECH.has(t.lower))
  if (at < 0) return false
  const next = tokens[at + 1]
  const clause = next !== undefined && ['DET', 'PROPN', 'NOUN', 'PRON'].includes(next.pos) && tokens.slice(at + 2).some((t) => t.pos === 'VERB' || t.pos === 'AUX')
  return !clause
}

const SPEECH = new Set(['say', 'said', 'says', 'tell', 'told', 'think', 'thought', 'thinks', 'argue', 'argued', 'claim', 'claimed', 'feel', 'felt', 'mean', 'meant', 'describe', 'described', 'react', 'reacted', 'respond', 'responded'])

/** The span without surrounding quotes, brackets and punctuation. */
function trimmed(text: string, [start, end]: Span): { text: string; span: Span } {
  let a = start
  let b = end
  while (a < b && /[\s,;:.“”"'‘’([]/u.test(text[a]!)) a++
  while (b > a && /[\s,;:“”"'‘’)\]]/u.test(text[b - 1]!)) b--
  if (b > a && text[b - 1] === '.' && !/\b\p{L}\.\p{L}?\.?$/u.test(text.slice(a, b))) b--
  return { text: text.slice(a, b), span: [a, b] }
}

function sentenceOf(ann: Annotation, at: number): number {
  const i = ann.sentences.findIndex(([s, e]) => at >= s && at < e)
  return i < 0 ? 0 : i
}

function special(text: string, ann: Annotation, span: Span, method: string): ShortAnswer {
  return { ...trimmed(text, span), method, sentence: sentenceOf(ann, span[0]), probability: 1, margin: 0, typeMatch: true }
}

/** "Which Italian leader…?": the name the passage describes in the question's words (describedPerson.ts). */
function describedName(text: string, ctx: PassageContext): ShortAnswer | null {
  const span = describedPerson(ctx)
  return span && special(text, ctx.ann, span, 'description')
}

const ACRONYM_QUESTION = /^(?:[Ww]hat|[Ww]ho)\s+(?:is|are|was|were|does|do)\s+(?:the\s+|an?\s+)?(\p{Lu}{2,8})s?(?:\s+stand\s+for)?\s*\??$/u

/** "What is the JCCIC?": the capitalised phrase whose initials spell the acronym. */
function acronymExpansion(text: string, ann: Annotation, question: Question): ShortAnswer | null {
  const m = ACRONYM_QUESTION.exec(question.text)
  if (!m) return null
  const letters = m[1]!.toLowerCase()
  const ws = words(text)
  for (let i = 0; i < ws.length; i++) {
    let k = 0
    let j = i
    while (j < ws.length && k < letters.length) {
      const w = ws[j]!.word
      if (JOINERS.has(w.toLowerCase()) && j > i) {
        j++
        continue
      }
      // Each word of the expansion is a capitalised word, not another acronym ("CO-O" does not spell "CO").
      if (!/^\p{Lu}\p{Ll}/u.test(w) || w[0]!.toLowerCase() !== letters[k]) break
      k++
      j++
    }
    if (k === letters.length) return special(text, ann, [ws[i]!.span[0], ws[j - 1]!.span[1]], 'acronym')
  }
  return null
}

const JOINERS = new Set(['of', 'on', 'for', 'and', 'the', 'de', 'du', 'la', 'von', 'van', 'al', '&'])

// "what was Han Zheng's previous position?", "what job did he have before he became vice president?"
const ASKS_FORMER_ROLE = /\b(?:previous|former|earlier|prior|old)\s+(?:position|job|role|post|title|office)\b|\b(?:position|job|role|post|title)\b.*\bbefore\b|\bwhat did .+ do before\b/i
// "(formerly a Politburo Standing Committee Member from 2017 to 2022)", "previously the chief executive of Ofcom,"
const FORMERLY = /\b(?:formerly|previously)\s+(?:an?\s+|the\s+)?([^,;()]+?)(?=\s+(?:from|until|between|since|in)\s+\d|\s*[,;()]|\.\s|\.?$)/giu

export const asksFormerRole = (question: string): boolean => ASKS_FORMER_ROLE.test(question)

/**
 * A previous role ("what was Han Zheng's previous position?"): what follows "formerly" or "previously" in a sentence
 * that names the question's subject. The span model has no notion of "before": it answers with the current title.
 */
function formerRole(text: string, ctx: PassageContext): ShortAnswer | null {
  if (!asksFormerRole(ctx.question.text)) return null
  const { ann } = ctx
  for (const m of text.matchAll(FORMERLY)) {
    const start = m.index + m[0].length - m[1]!.length
    const s = sentenceOf(ann, start)
    const [from, to] = ann.sentenceTokens[s]!
    let named = false
    for (let i = from; i < to && !named; i++) named = ctx.inQuestion[i] === 1 && ann.tokens[i]!.pos === 'PROPN'
    // "have previously made an official visit" is something done before, not a role.
    const head = ann.tokens.find((t) => t.start === start)
    const role = head !== undefined && !['VERB', 'AUX', 'ADV', 'ADP'].includes(head.pos)
    if (named && role && m[1]!.split(/\s+/).length <= 8) return special(text, ann, [start, start + m[1]!.length], 'former')
  }
  return null
}

// "Who is Danny Russel?" (any case, as chat is typed): a name of one to four words, not "Who was Robert's son?"
// or "Who is the president?" — a possessive or an article means a role, not a name.
const WHO_IS = /^who\s+(?:is|was|are|were)\s+([\p{L}\p{M}.-]+(?:\s+[\p{L}\p{M}.-]+){0,3})\s*\??$/iu
const NOT_A_NAME = /^(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your)\b|['’]s\b/i

/** "Who is Danny Russel?": the apposition after the name, or the title before it. */
function whoIsDescription(text: string, ctx: PassageContext): ShortAnswer | null {
  const m = WHO_IS.exec(ctx.question.text)
  if (!m || NOT_A_NAME.test(m[1]!)) return null
  const { ann } = ctx
  const tokens = ann.tokens
  // The sentence where the name stands: the first one holding the question's words.
  for (let s = 0; s < ann.sentenceTokens.length; s++) {
    const [from, to] = ann.sentenceTokens[s]!
    let first = -1
    let last = -1
    for (let i = from; i < to; i++) {
      if (!ctx.inQuestion[i]) continue
      if (first < 0) first = i
      else if (i > last + 2) break
      last = i
    }
    if (first < 0) continue
    // The whole name must stand there, not one word of it.
    const seen = new Set<string>()
    for (let i = first; i <= last; i++) if (tokens[i]!.term) seen.add(tokens[i]!.term!)
    if (!ctx.question.terms.every((t) => seen.has(t))) continue
    // Apposition: "Danny Russel, vice president for … Institute, said …" — but not a list of further names.
    const a = last + 2
    if (tokens[last + 1]?.text === ',' && a < to && !/^\p{Lu}/u.test(tokens[a]!.text) && APPOSITION_START.has(tokens[a]!.pos)) {
      let end = a
      let noun = false
      while (end < to && ![',', '.', ';', '(', ')'].includes(tokens[end]!.text)) {
        // "Washington-based" is one word, not a verb ending the description.
        if (tokens[end]!.pos === 'VERB' && !(tokens[end - 1]!.text === '-' && tokens[end - 1]!.end === tokens[end]!.start)) break
        if (tokens[end]!.pos === 'NOUN') noun = true
        end++
      }
      // A long one is cut before a preposition, to stay a short answer: "vice president for international security
      // and diplomacy at the Asia Society Policy Institute" → "vice president for international security and diplomacy".
      // Stopped at a verb the tagger misread ("the Washington-based think tank"), it ends on a modifier with no noun:
      // cut before the preposition that opened it instead, "director of the China program".
      const last = tokens[end - 1]
      if (last && end < to && tokens[end]!.pos === 'VERB' && (last.pos === 'ADJ' || last.pos === 'VERB')) {
        for (let i = end - 1; i > a + 1; i--) {
          if (tokens[i]!.pos === 'ADP' && tokens[i]!.lower !== 'of') {
            end = i
            break
          }
        }
      }
      const wordsTo = (i: number) => text.slice(tokens[a]!.start, tokens[i - 1]!.end).split(/\s+/).length
      if (wordsTo(end) > MAX_DESCRIPTION_WORDS) {
        let cut = -1
        for (let i = a + 2; i < end && wordsTo(i) <= MAX_DESCRIPTION_WORDS; i++) if (tokens[i]!.pos === 'ADP' && tokens[i]!.lower !== 'of') cut = i
        if (cut > 0) end = cut
      }
      if (noun && end - a >= 2 && end - a <= 25) return special(text, ann, [tokens[a]!.start, tokens[end - 1]!.end], 'apposition')
    }
    // Title before the name: "El Salvador’s President Nayib Bukele". When the question gives a surname only,
    // the word before it is the first name ("President-elect Donald Trump"), not the title.
    let end = first
    if (!m[1]!.includes(' ') && tokens[end - 1]?.pos === 'PROPN' && end - 1 > from) end--
    let start = end
    while (start > from && start > end - 6 && isTitleToken(tokens[start - 1]!)) start--
    while (start < end && tokens[start]!.pos === 'PUNCT') start++
    let noun = false
    for (let i = start; i < end; i++) if (tokens[i]!.pos === 'NOUN' || tokens[i]!.pos === 'PROPN') noun = true
    // "Sen." or "Mr" alone says what the person is addressed as, not who they are: leave it to the other forms.
    if (end - start === 1 && ABBREVIATED_TITLE.test(tokens[start]!.text)) continue
    if (start < end && noun) return special(text, ann, [tokens[start]!.start, tokens[end - 1]!.end], 'title')
  }
  return null
}

const ABBREVIATED_TITLE = /^(?:Mr|Mrs|Ms|Mx|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cpl|Pres|Prof|Rev|Hon|Sir|Dame|Lord|Lady)\.?$/

// A title is a run of nouns, adjectives and possessives, hyphens included: "El Salvador’s President", "US President-elect".
const TITLE_TAGS = new Set(['PROPN', 'ADJ', 'NOUN', 'PART'])
const isTitleToken = (t: Token): boolean => TITLE_TAGS.has(t.pos) || (t.pos === 'PUNCT' && /^[-–]$/.test(t.text))

/** Words of a description kept whole; a longer one is cut before a preposition. */
const MAX_DESCRIPTION_WORDS = 12
// An apposition is a noun phrase ("a former diplomat", "vice president for …"), not a clause.
const APPOSITION_START = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'])

/** "How does X describe Y?" (not "what is it called?", which asks for a name). */
export const asksDescription = (question: string): boolean => /\b(?:describ|characteri[sz])/i.test(question)

const DESCRIBE = /\b(describe|describes|described|call|calls|called|characteri[sz]e|characteri[sz]es|characteri[sz]ed)\b/i

/** "How does Trump describe …?": a quotation in the best sentence that is more than the question's own words. */
function quotedSpan(text: string, ctx: PassageContext): ShortAnswer | null {
  // Only for questions that want a description, not a date, a number or a name.
  if (!DESCRIBE.test(ctx.question.text) || !['thing', 'manner', 'other'].includes(ctx.shape.coarse)) return null
  const { ann } = ctx
  for (const s of bestSentences(ctx, 2)) {
    const [s0, s1] = ann.sentences[s]!
    const sentence = text.slice(s0, s1)
    for (const m of sentence.matchAll(/["“]([^"”“]{3,120})["”]/gu)) {
      const inner = m[1]!
      const innerTerms = words(inner).map((w) => termOf(foldWord(w.word), w.word)).filter((t): t is string => t !== null)
      if (innerTerms.length === 0 || innerTerms.every((t) => ctx.question.weights.has(t))) continue
      const start = s0 + m.index + 1
      return special(text, ann, [start, start + inner.length], 'quotation')
    }
  }
  return null
}
