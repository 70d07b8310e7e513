// Fits the reranker's linear weights (src/answer/rerankWeights.ts) on the 35 dev-v1.1 articles that dev-v2.0
// also holds (the 13 hold-out articles are neither indexed nor asked), and prints them as code.
//   npx tsx bench/tune/retrievalFit.ts            fit and print
//   npx tsx bench/tune/retrievalFit.ts --folds 2  also report 2-fold cross-validation by article
// Method: coordinate ascent on R@1 (plus a little MRR to break ties) over non-negative weights, starting from
// the shipped ones. Non-negative weights over non-negative features keep scores positive, which cite.ts's
// score ratios rely on; weights are scaled to sum to WEIGHT_SUM so scores keep their magnitude.
import { parseArgs } from 'node:util'
import { buildSearchIndex, INDEX_OPTIONS } from '../../src/index/searchIndex.js'
import type { IndexOptions, SearchIndex } from '../../src/index/searchIndex.js'
import { parseQuestion } from '../../src/answer/question.js'
import { CANDIDATES } from '../../src/answer/rank.js'
import { rerank } from '../../src/answer/rerank.js'
import { RERANK_WEIGHTS } from '../../src/answer/rerankWeights.js'
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
export function dumpFeatures(index: SearchIndex, questions: readonly TuneQuestion[], names: readonly string[], candidates = CANDIDATES): FeatureDump {
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
    gold.push(ranked.findIndex((r) => r.id === tq.gold))
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

const objective = (d: FeatureDump, w: readonly number[]) => {
  const e = evaluate(d, w)
  return e.r1 + 0.25 * e.mrr
}

/** Coordinate ascent over non-negative weights. */
export function fit(d: FeatureDump, start: readonly number[], rounds = 4): number[] {
  const w = [...start]
  let best = objective(d, w)
  const steps = [0, 0.25, 0.5, 0.7, 0.85, 1.15, 1.4, 2, 4]
  for (let round = 0; round < rounds; round++) {
    let improved = false
    for (let f = 0; f < w.length; f++) {
      const base = w[f]!
      const tries = [...new Set([...steps.map((s) => base * s), 0.05, 0.1, 0.2, 0.4, 0.8, 1.6])]
      let bestValue = base
      for (const v of tries) {
        w[f] = v
        const o = objective(d, w)
        if (o > best + 1e-9) {
          best = o
          bestValue = v
          improved = true
        }
      }
      w[f] = bestValue
    }
    if (!improved) break
  }
  const sum = w.reduce((a, b) => a + b, 0) || 1
  return w.map((v) => Math.round(((v * WEIGHT_SUM) / sum) * 1000) / 1000)
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
  const start = names.map((n) => RERANK_WEIGHTS[n]!)
  const d = dumpFeatures(index, set.questions, names, Number(values.candidates))
  const inCandidates = d.gold.filter((g) => g >= 0).length / d.gold.length
  console.log(`${set.name}: ${d.x.length} questions, gold among candidates ${inCandidates.toFixed(3)}`)
  console.log('shipped', evaluate(d, start))
  const folds = Number(values.folds)
  if (folds > 1) {
    // Questions are grouped by article; fold by the gold chunk's article so no article is in both halves.
    const foldOf = set.questions.map((q) => index.articleOf[q.gold]! % folds)
    for (let k = 0; k < folds; k++) {
      const w = fit(subset(d, (i) => foldOf[i] !== k), start)
      console.log(`fold ${k}: fitted on the rest, held-out`, evaluate(subset(d, (i) => foldOf[i] === k), w))
    }
  }
  const w = fit(d, start)
  console.log('fitted', evaluate(d, w))
  console.log('export const RERANK_WEIGHTS: Readonly<Record<string, number>> = {')
  names.forEach((n, f) => console.log(`  ${n}: ${w[f]},`))
  console.log('}')
}

if (import.meta.url === `file://${process.argv[1]}`) main()
