import type { Token } from '../analysis/annotate.js'
import { swappedOpposites } from './antonyms.js'
import type { QuestionShape } from '../question/questionShape.js'

/**
 * Word-level (not term-level) evidence of a question against the answer's sentence: edits of a copied phrase
 * (a word swapped, inserted, or turned into its opposite), negations on one side only, and cue words. These are
 * how questions that the passage cannot answer tend to differ from those it can (SQuAD 2.0).
 */
export interface WordEvidence {
  /** 1 when exactly one of the question and the sentence holds a negation. */
  negationMismatch: number
  /** 1 when the question holds a superlative or comparative ("largest", "most", "fewer"). */
  comparative: number
  /** Longest run of the question's words (stop words included) found verbatim in the sentence, over the question's length. */
  verbatimRun: number
  /** Share of the question's words (stop words included) found in the sentence. */
  wordShare: number
  /** A question word missing from the sentence between two that stand close together there: a swapped word. */
  swapped: number
  /** The same with the two standing side by side: an inserted word ("non shared", "never sold"). */
  inserted: number
  /** A question word whose opposite (and not itself) is in the sentence ("last" for "first"). */
  antonym: number
  /** Cue words of the question that often mark a question the passage cannot answer. */
  cueNever: number
  cueNot: number
  cueNo: number
  cueLeast: number
  cueNon: number
  cueOnly: number
}

const NEGATIONS = new Set(['not', "n't", 'n’t', 'never', 'no', 'none', 'nothing', 'neither', 'nor', 'without', 'cannot'])
const COMPARATIVE = /^(most|least|more|less|fewer|fewest)$|est$|er$/
const WH_WORDS = new Set(['who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'what', 'which'])
const CUES = {
  cueNever: /\bnever\b/i,
  cueNot: /\bnot\b|n['’]t\b/i,
  cueNo: /\b(no|none|nothing|neither|nor|without|cannot)\b/i,
  cueLeast: /\b(least|fewest)\b/i,
  cueNon: /\bnon\b|\bnon-/i,
  cueOnly: /\bonly\b/i,
}

/** Word-level evidence of the question (`text`, tagged in `shape`) against the sentence `range` of `tokens`. Pure. */
export function wordEvidence(text: string, shape: QuestionShape, tokens: readonly Token[], range: readonly [number, number] | undefined): WordEvidence {
  const sentence = new Set<string>()
  let sentenceNegated = false
  if (range) {
    for (let i = range[0]; i < range[1]; i++) {
      const w = tokens[i]!.lower
      sentence.add(w)
      if (NEGATIONS.has(w)) sentenceNegated = true
    }
  }
  return {
    negationMismatch: shape.negated !== sentenceNegated ? 1 : 0,
    comparative: shape.tokens.some((t) => COMPARATIVE.test(t.lower) && (t.pos === 'ADJ' || t.pos === 'ADV')) ? 1 : 0,
    ...surfaceMatch(shape.tokens, tokens, range),
    antonym: Math.min(1, swappedOpposites(shape.tokens.map((t) => t.lower), sentence)),
    cueNever: CUES.cueNever.test(text) ? 1 : 0,
    cueNot: CUES.cueNot.test(text) ? 1 : 0,
    cueNo: CUES.cueNo.test(text) ? 1 : 0,
    cueLeast: CUES.cueLeast.test(text) ? 1 : 0,
    cueNon: CUES.cueNon.test(text) ? 1 : 0,
    cueOnly: CUES.cueOnly.test(text) ? 1 : 0,
  }
}

/** Word-level (not term-level) comparison of the question with one sentence: copied runs and edits inside them. */
function surfaceMatch(
  question: readonly Token[],
  passage: readonly Token[],
  range: readonly [number, number] | undefined,
): { verbatimRun: number; wordShare: number; swapped: number; inserted: number } {
  const words = question.filter((t) => t.pos !== 'PUNCT' && !WH_WORDS.has(t.lower)).map((t) => t.lower)
  if (!range || words.length === 0) return { verbatimRun: 0, wordShare: 0, swapped: 0, inserted: 0 }
  const positions = new Map<string, number[]>()
  for (let i = range[0]; i < range[1]; i++) {
    const w = passage[i]!.lower
    const list = positions.get(w)
    if (list) list.push(i)
    else positions.set(w, [i])
  }
  let found = 0
  let longest = 0
  let run = 0
  let swapped = 0
  let inserted = 0
  for (let i = 0; i < words.length; i++) {
    const here = positions.get(words[i]!)
    if (here) found++
    // A run continues when this word stands right after the previous one somewhere in the sentence.
    const prev = i > 0 ? positions.get(words[i - 1]!) : undefined
    if (here && prev && here.some((p) => prev.includes(p - 1))) run++
    else run = here ? 1 : 0
    longest = Math.max(longest, run)
    if (!here && i > 0 && i + 1 < words.length) {
      const before = positions.get(words[i - 1]!)
      const after = positions.get(words[i + 1]!)
      if (before && after) {
        if (before.some((p) => after.includes(p + 1))) inserted = 1
        else if (before.some((p) => after.some((q) => q - p >= 2 && q - p <= 3))) swapped = 1
      }
    }
  }
  return { verbatimRun: longest / words.length, wordShare: found / words.length, swapped, inserted }
}
