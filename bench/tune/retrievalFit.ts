// Fits the reranker's linear weights (src/answer/models/rerankWeights.ts) on the 35 dev-v1.1 articles that dev-v2.0
// also holds. Only those articles are indexed and asked: the 13 hold-out articles stay unseen.
//   npx tsx bench/tune/retrievalFit.ts --write     fit and write rerankWeights.ts (without --write: print it)
//   npx tsx bench/tune/retrievalFit.ts --folds 2   also report cross-validation, folds by article
//   --options '{"bm25":{"k":0.9}}' --candidates 40 try other index options or candidate counts (not written)
// Method: listwise softmax regression (the gold passage against the other candidates of its question) over
// non-negative weights. Non-negative weights over non-negative features keep scores positive, which the
// citation code's score ratios rely on; weights are scaled to sum to WEIGHT_SUM so scores keep their magnitude.
// The features to weigh are the keys of RERANK_WEIGHTS: to try a new one, add it there with weight 0 and refit.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildSearchIndex, INDEX_OPTIONS } from '../../src/index/searchIndex.js'
import type { IndexOptions, SearchIndex } from '../../src/index/searchIndex.js'
import { parseQuestion } from '../../src/answer/question/question.js'
import { CANDIDATES } from '../../src/answer/retrieve/rank.js'
import { rerank } from '../../src/answer/rerank/rerank.js'
import { RERANK_WEIGHTS } from '../../src/answer/models/rerankWeights.js'
import { loadTuneSet } from './retrievalData.js'
import type { TuneQuestion } from './retrievalData.js'

const WEIGHT_SUM = 5

/** Features of every candidate of every question: `x[q][c * F + f]`, and the gold's candidate index or -1. */
export interface FeatureDump {
  names: string[]
  x: Float64Array[]
  gold: number[]
}

/** Runs first-stage retrieval and computes each candidate's reranker features. */
export function dumpFeatures(
  index: SearchIndex, questions: readonly TuneQuestion[], names: readonly string[], candidates = CANDIDATES,
  isGold: (q: TuneQuestion, id: number) => boolean = (q, id) => id === q.gold,
): FeatureDump {
  const x: Float64Array[] = []
  const gold: number[] = []
  for (const tq of questions) {
    const parsed = parseQuestion(tq.question)
    if (!parsed.ok) {
      x.push(new Float64Array(0))
      gold.push(-1)
      continue
    }
    const q = parsed.question
    const hits = index.retrieve([...q.weights.keys()], candidates, q.weights)
    const ranked = rerank(index, q, hits)
    const row = new Float64Array(ranked.length * names.length)
    ranked.forEach((r, c) => names.forEach((n, f) => (row[c * names.length + f] = r.features[n] ?? 0)))
    x.push(row)
    gold.push(ranked.findIndex((r) => isGold(tq, r.id)))
  }
  return { names: [...names], x, gold }
}

/** R@1 and MRR@10 of the weights over a dump (ties broken against the gold: no credit for luck). */
export function evaluate(d: FeatureDump, w: readonly number[]): { r1: number; mrr: number } {
  const F = d.names.length
  let r1 = 0
  let mrr = 0
  d.x.forEach((row, q) => {
    const g = d.gold[q]!
    if (g < 0) return
    const n = row.length / F
    const score = (c: number) => {
      let s = 0
      for (let f = 0; f < F; f++) s += w[f]! * row[c * F + f]!
      return s
    }
    const sg = score(g)
    let rank = 1
    for (let c = 0; c < n && rank <= 10; c++) if (c !== g && score(c) >= sg) rank++
    if (rank === 1) r1++
    if (rank <= 10) mrr += 1 / rank
  })
  return { r1: r1 / d.x.length, mrr: mrr / d.x.length }
}

/**
 * Listwise softmax regression: maximises the mean log-probability of the gold among each question's
 * candidates, p(c) ∝ exp(w·x_c), by projected gradient ascent (Adam) with w ≥ 0 and a little L2. Convex, so it
 * finds the joint optimum that one-coordinate moves can miss.
 */
export function fitSoftmax(d: FeatureDump, iterations = 300, l2 = 1e-3): number[] {
  const F = d.names.length
  const w = new Float64Array(F).fill(1)
  const m = new Float64Array(F)
  const v = new Float64Array(F)
  const rate = 0.05
  const used = d.x.map((_, q) => q).filter((q) => d.gold[q]! >= 0)
  for (let it = 1; it <= iterations; it++) {
    const grad = new Float64Array(F)
    for (const q of used) {
      const row = d.x[q]!
      const n = row.length / F
      const s = new Float64Array(n)
      let max = -Infinity
      for (let c = 0; c < n; c++) {
        let z = 0
        for (let f = 0; f < F; f++) z += w[f]! * row[c * F + f]!
        s[c] = z
        if (z > max) max = z
      }
      let sum = 0
      for (let c = 0; c < n; c++) sum += s[c] = Math.exp(s[c]! - max)
      const g = d.gold[q]!
      for (let c = 0; c < n; c++) {
        const coef = (c === g ? 1 : 0) - s[c]! / sum
        if (coef !== 0) for (let f = 0; f < F; f++) grad[f]! += coef * row[c * F + f]!
      }
    }
    for (let f = 0; f < F; f++) {
      const gf = grad[f]! / used.length - l2 * w[f]!
      m[f] = 0.9 * m[f]! + 0.1 * gf
      v[f] = 0.999 * v[f]! + 0.001 * gf * gf
      const step = (rate * m[f]! / (1 - 0.9 ** it)) / (Math.sqrt(v[f]! / (1 - 0.999 ** it)) + 1e-8)
      w[f] = Math.max(0, w[f]! + step)
    }
  }
  return [...w]
}

function normalise(w: readonly number[]): number[] {
  const sum = w.reduce((a, b) => a + b, 0) || 1
  return w.map((v) => Math.round(((v * WEIGHT_SUM) / sum) * 1000) / 1000)
}

const WEIGHTS_FILE = join(import.meta.dirname, '../../src/answer/models/rerankWeights.ts')

/** The shipped weights as code, with where they come from. */
function weightsFile(names: readonly string[], w: readonly number[], data: string): string {
  return `// The reranker's weights, written by bench/tune/retrievalFit.ts: do not edit by hand, refit instead.
// Fitted on the 35 SQuAD dev-v1.1 articles that dev-v2.0 also holds (${data}; the 13 hold-out articles are
// neither indexed nor asked), by listwise softmax regression with non-negative weights scaled to sum to ${WEIGHT_SUM}.
// Refit: npx tsx bench/tune/retrievalFit.ts --write   (add --folds 2 for a cross-validated check)

/** Linear reranker over the features of \`RerankFeatures\` (rerank.ts). */
export const RERANK_WEIGHTS: Readonly<Record<string, number>> = {
${names.map((n, f) => `  ${n}: ${w[f]},`).join('\n')}
}
`
}

function subset(d: FeatureDump, keep: (q: number) => boolean): FeatureDump {
  const idx = d.x.map((_, i) => i).filter(keep)
  return { names: d.names, x: idx.map((i) => d.x[i]!), gold: idx.map((i) => d.gold[i]!) }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string', default: '0' },
      options: { type: 'string', default: '{}' },
      candidates: { type: 'string', default: String(CANDIDATES) },
      write: { type: 'boolean', default: false },
    },
  })
  const set = loadTuneSet('v1.1', 'train')
  // --options '{"bm25":{"k":0.9}}' tries index options other than the shipped ones (merged one level deep).
  const overrides = JSON.parse(values.options) as Record<string, object>
  const options = Object.fromEntries(
    Object.entries(INDEX_OPTIONS).map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? { ...v, ...overrides[k] } : v]),
  ) as IndexOptions
  const index = buildSearchIndex(set.chunks, options)
  const names = Object.keys(RERANK_WEIGHTS)
  const d = dumpFeatures(index, set.questions, names, Number(values.candidates))
  const inCandidates = d.gold.filter((g) => g >= 0).length / d.gold.length
  console.log(`${set.name}: ${d.x.length} questions, gold among candidates ${inCandidates.toFixed(3)}`)
  console.log('shipped weights', evaluate(d, names.map((n) => RERANK_WEIGHTS[n]!)))
  const folds = Number(values.folds)
  if (folds > 1) {
    // Questions are grouped by article; fold by the gold chunk's article so no article is in both halves.
    const foldOf = set.questions.map((q) => index.articleOf[q.gold]! % folds)
    for (let k = 0; k < folds; k++) {
      const w = fitSoftmax(subset(d, (i) => foldOf[i] !== k))
      console.log(`fold ${k}: fitted on the other folds, scored on this one`, evaluate(subset(d, (i) => foldOf[i] === k), w))
    }
  }
  const w = normalise(fitSoftmax(d))
  console.log('fitted on all of it', evaluate(d, w))
  const code = weightsFile(names, w, `${d.x.length} questions`)
  if (values.write) writeFileSync(WEIGHTS_FILE, code)
  console.log(values.write ? `wrote ${WEIGHTS_FILE}` : code)
}

if (import.meta.url === `file://${process.argv[1]}`) main()
