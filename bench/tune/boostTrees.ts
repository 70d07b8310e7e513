// Gradient-boosted regression trees for listwise ranking, used by rerankBoostFit.ts. Histogram splits over
// quantile bins, complete trees of one depth (the shape rerankBoost.ts scores), Newton leaf values on the
// softmax loss of each question's candidates (p = softmax of the margins, gradient p − gold, hessian p(1 − p)).
import type { FeatureDump } from './retrievalFit.js'

export const BINS = 64

/** Every candidate of every question as a row: `x[r * F + f]`, its bin, and where each question's rows start. */
export interface Table {
  F: number
  rows: number
  x: Float64Array
  bin: Uint8Array
  /** Per feature, the cut values: bin b holds the values above cuts[b − 1] and up to cuts[b]. */
  cuts: Float64Array[]
  /** Question q's rows are start[q] .. start[q + 1] − 1; gold[q] is the gold's row, or −1. */
  start: Int32Array
  gold: Int32Array
}

export interface Settings {
  trees: number
  rate: number
  depth: number
  lambda: number
  sample: number
  minHessian: number
}

export function binRows(d: FeatureDump): Table {
  const F = d.names.length
  const start = new Int32Array(d.x.length + 1)
  d.x.forEach((row, q) => (start[q + 1] = start[q]! + row.length / F))
  const rows = start[d.x.length]!
  const x = new Float64Array(rows * F)
  d.x.forEach((row, q) => x.set(row, start[q]! * F))
  const gold = Int32Array.from(d.gold, (g, q) => (g >= 0 ? start[q]! + g : -1))
  const bin = new Uint8Array(rows * F)
  const cuts: Float64Array[] = []
  for (let f = 0; f < F; f++) {
    const sorted = Float64Array.from({ length: rows }, (_, r) => x[r * F + f]!).sort()
    const c: number[] = []
    for (let b = 1; b < BINS; b++) {
      const v = sorted[Math.floor((b * rows) / BINS)]!
      if (c.length === 0 || v > c[c.length - 1]!) c.push(v)
    }
    cuts.push(Float64Array.from(c))
    for (let r = 0; r < rows; r++) {
      const v = x[r * F + f]!
      let b = 0
      while (b < c.length && v > c[b]!) b++
      bin[r * F + f] = b
    }
  }
  return { F, rows, x, bin, cuts, start, gold }
}

/** A small deterministic generator, so that a refit gives the same trees. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

/**
 * Boosts `settings.trees` trees from `margin` (updated in place, for every row) on the questions `train`.
 * Returns the trees flat, leaf values scaled by the rate, in rerankBoost.ts's layout.
 */
export function fitTrees(t: Table, margin: Float64Array, train: readonly number[], s: Settings, progress?: (k: number, margin: Float64Array) => void) {
  const inner = (1 << s.depth) - 1
  const split: number[] = []
  const threshold: number[] = []
  const leaf: number[] = []
  const g = new Float64Array(t.rows)
  const h = new Float64Array(t.rows)
  const node = new Int32Array(t.rows)
  const rand = random(7)
  const used = train.filter((q) => t.gold[q]! >= 0)
  for (let k = 0; k < s.trees; k++) {
    const sample = used.filter(() => rand() < s.sample)
    const rows: number[] = []
    for (const q of sample) {
      let max = -Infinity
      for (let r = t.start[q]!; r < t.start[q + 1]!; r++) max = Math.max(max, margin[r]!)
      let sum = 0
      for (let r = t.start[q]!; r < t.start[q + 1]!; r++) sum += Math.exp(margin[r]! - max)
      for (let r = t.start[q]!; r < t.start[q + 1]!; r++) {
        const p = Math.exp(margin[r]! - max) / sum
        g[r] = p - (r === t.gold[q] ? 1 : 0)
        h[r] = Math.max(p * (1 - p), 1e-12)
        node[r] = 0
        // Candidates the model already rules out carry no gradient worth the time.
        if (Math.abs(g[r]!) > 1e-6) rows.push(r)
      }
    }
    const splitBin: number[] = []
    for (let d = 0; d < s.depth; d++) {
      const nodes = 1 << d
      const first = nodes - 1
      const G = new Float64Array(nodes * t.F * BINS)
      const H = new Float64Array(nodes * t.F * BINS)
      for (const r of rows) {
        const off = (node[r]! - first) * t.F * BINS
        const gr = g[r]!
        const hr = h[r]!
        for (let f = 0; f < t.F; f++) {
          const i = off + f * BINS + t.bin[r * t.F + f]!
          G[i]! += gr
          H[i]! += hr
        }
      }
      for (let n = 0; n < nodes; n++) {
        let best = { gain: 0, f: 0, b: BINS }
        for (let f = 0; f < t.F; f++) {
          const off = (n * t.F + f) * BINS
          let gt = 0
          let ht = 0
          for (let b = 0; b < BINS; b++) [gt, ht] = [gt + G[off + b]!, ht + H[off + b]!]
          let gl = 0
          let hl = 0
          for (let b = 0; b < t.cuts[f]!.length; b++) {
            gl += G[off + b]!
            hl += H[off + b]!
            const gr = gt - gl
            const hr = ht - hl
            if (hl < s.minHessian || hr < s.minHessian) continue
            const gain = (gl * gl) / (hl + s.lambda) + (gr * gr) / (hr + s.lambda) - (gt * gt) / (ht + s.lambda)
            if (gain > best.gain) best = { gain, f, b }
          }
        }
        split.push(best.f)
        // No worthwhile split: everything goes left (its sibling leaf stays empty).
        threshold.push(best.b < BINS ? t.cuts[best.f]![best.b]! : Infinity)
        splitBin.push(best.b)
      }
      for (const r of rows) {
        const i = node[r]!
        node[r] = 2 * i + (t.bin[r * t.F + split[k * inner + i]!]! > splitBin[i]! ? 2 : 1)
      }
    }
    const GL = new Float64Array(inner + 1)
    const HL = new Float64Array(inner + 1)
    for (const r of rows) {
      GL[node[r]! - inner]! += g[r]!
      HL[node[r]! - inner]! += h[r]!
    }
    const values = Array.from(GL, (gs, i) => (-s.rate * gs) / (HL[i]! + s.lambda))
    leaf.push(...values)
    // Every row moves, sampled or not: the next tree starts from the whole model's margins.
    for (let r = 0; r < t.rows; r++) {
      let i = 0
      for (let d = 0; d < s.depth; d++) i = 2 * i + (t.bin[r * t.F + split[k * inner + i]!]! > splitBin[i]! ? 2 : 1)
      margin[r]! += values[i - inner]!
    }
    if (progress && (k + 1) % 50 === 0) progress(k + 1, margin)
  }
  return { split, threshold, leaf }
}
