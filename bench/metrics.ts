// Scoring primitives: the official SQuAD answer normalisation, EM/F1, retrieval ranks, percentiles and the
// best-single-threshold baseline. Pure functions; nothing here knows which engine produced the numbers.

/** Python's `string.punctuation`, which the official script strips (ASCII only, as there). */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')
/** `\b(a|an|the)\b` as Python 3 reads it: word characters are Unicode letters, digits and `_`. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu
/** Python's `str.split()` whitespace, which includes the \x1c-\x1f separators that `\s` lacks. */
// eslint-disable-next-line no-control-regex -- matching those separators is the point
const WHITESPACE = /[\s\x1c-\x1f]+/u

/** The official SQuAD `normalize_answer`: lower-case, remove punctuation, remove articles, fix whitespace. */
export function normalizeAnswer(text: string): string {
  let out = ''
  for (const ch of text.toLowerCase()) if (!PUNCTUATION.has(ch)) out += ch
  return out.replace(ARTICLES, ' ').split(WHITESPACE).filter(Boolean).join(' ')
}

function tokens(text: string): string[] {
  const normalized = normalizeAnswer(text)
  return normalized === '' ? [] : normalized.split(' ')
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0
}

/** Token F1 as in the official v2.0 script (which equals v1.1's whenever both sides have tokens). */
export function f1Score(prediction: string, gold: string): number {
  const predicted = tokens(prediction)
  const expected = tokens(gold)
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0
  const counts = new Map<string, number>()
  for (const t of expected) counts.set(t, (counts.get(t) ?? 0) + 1)
  let same = 0
  for (const t of predicted) {
    const left = counts.get(t) ?? 0
    if (left > 0) {
      same++
      counts.set(t, left - 1)
    }
  }
  if (same === 0) return 0
  const precision = same / predicted.length
  const recall = same / expected.length
  return (2 * precision * recall) / (precision + recall)
}

/** Max of a metric over the gold answers, as the official script does. No gold answers scores 0. */
export function maxOverGold(metric: (p: string, g: string) => number, prediction: string, golds: readonly string[]): number {
  let best = 0
  for (const gold of golds) best = Math.max(best, metric(prediction, gold))
  return best
}

/**
 * Whether a normalised gold answer occurs in the normalised text, on token boundaries
 * (so gold "1" is not found inside "1990").
 */
export function containsAnswer(text: string, golds: readonly string[]): boolean {
  const haystack = ` ${normalizeAnswer(text)} `
  return golds.some((gold) => {
    const needle = normalizeAnswer(gold)
    return needle !== '' && haystack.includes(` ${needle} `)
  })
}

/** 1-based rank of `gold` in a best-first list of paragraph ids (duplicates ignored), or null if not in the first `k`. */
export function rankOf(ranked: readonly number[], gold: number, k = 10): number | null {
  const seen = new Set<number>()
  for (const id of ranked) {
    if (seen.has(id)) continue
    seen.add(id)
    if (seen.size > k) return null
    if (id === gold) return seen.size
  }
  return null
}

/** Best-first paragraph ids with repeats removed (a split paragraph can come back twice). */
export function dedupe(ranked: readonly (number | null)[]): number[] {
  const out: number[] = []
  for (const id of ranked) if (id !== null && !out.includes(id)) out.push(id)
  return out
}

/** Nearest-rank percentile of an unsorted sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

export interface ThresholdResult {
  /** Answer when score ≥ threshold. */
  threshold: number
  answerRate: number
  declineRate: number
  balancedAccuracy: number
}

/**
 * The best single threshold on a score for answering versus declining, chosen on the same data to maximise
 * balanced accuracy (an optimistic baseline by construction). `positives` are the scores of answerable questions.
 */
export function bestThreshold(positives: readonly number[], negatives: readonly number[]): ThresholdResult {
  if (positives.length === 0 || negatives.length === 0) {
    return { threshold: Number.NaN, answerRate: Number.NaN, declineRate: Number.NaN, balancedAccuracy: Number.NaN }
  }
  const all = [
    ...positives.map((s) => ({ s, pos: true })),
    ...negatives.map((s) => ({ s, pos: false })),
  ].sort((a, b) => a.s - b.s)
  // Threshold below everything: answer all.
  let best: ThresholdResult = { threshold: -Infinity, answerRate: 1, declineRate: 0, balancedAccuracy: 0.5 }
  let posBelow = 0
  let negBelow = 0
  for (let i = 0; i < all.length; i++) {
    if (all[i].pos) posBelow++
    else negBelow++
    // Only cut between distinct scores: threshold = the next score (or +Infinity: decline all).
    if (i + 1 < all.length && all[i + 1].s === all[i].s) continue
    const threshold = i + 1 < all.length ? all[i + 1].s : Infinity
    const answerRate = 1 - posBelow / positives.length
    const declineRate = negBelow / negatives.length
    const balancedAccuracy = (answerRate + declineRate) / 2
    if (balancedAccuracy > best.balancedAccuracy) best = { threshold, answerRate, declineRate, balancedAccuracy }
  }
  return best
}
