// Weighted, L2-regularised logistic regression by Newton's method, the curves the fitting scripts print, and the
// folds they hold out. Few features (tens): exact and fast.

/** The fold (0 … folds-1) of a key (a question, an article), the same in every run and every script. */
export function foldOf(key: string, folds = 5): number {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0
  return h % folds
}

export interface Logistic {
  w: number[]
  b: number
}

/** Fits P(y = 1 | x) on rows `xs` with labels `ys` (0 or 1) and row weights; the intercept is not regularised. */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly number[], weights: readonly number[], l2: number, iterations = 25): Logistic {
  const d = (xs[0]?.length ?? 0) + 1 // last = intercept
  const beta = new Array<number>(d).fill(0)
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0)
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    for (let i = 0; i < xs.length; i++) {
      const x = [...xs[i]!, 1]
      let z = 0
      for (let j = 0; j < d; j++) z += beta[j]! * x[j]!
      const p = 1 / (1 + Math.exp(-z))
      const weight = weights[i]!
      const err = (p - ys[i]!) * weight
      const curv = p * (1 - p) * weight
      for (let j = 0; j < d; j++) {
        if (x[j] === 0) continue
        g[j]! += err * x[j]!
        for (let k = 0; k < d; k++) H[j]![k]! += curv * x[j]! * x[k]!
      }
    }
    for (let j = 0; j < d - 1; j++) {
      g[j]! += l2 * beta[j]!
      H[j]![j]! += l2
    }
    const step = solve(H, g)
    for (let j = 0; j < d; j++) beta[j]! -= step[j]!
  }
  return { w: beta.slice(0, -1), b: beta[d - 1]! }
}

export function logisticProb(m: Logistic, x: readonly number[]): number {
  let z = m.b
  for (let j = 0; j < m.w.length; j++) z += m.w[j]! * x[j]!
  return 1 / (1 + Math.exp(-z))
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length
  const M = A.map((row, i) => [...row, b[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r
    ;[M[c], M[p]] = [M[p]!, M[c]!]
    const pivot = M[c]![c]! || 1e-12
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = M[r]![c]! / pivot
      if (f === 0) continue
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!
    }
  }
  return M.map((row, i) => row[n]! / (row[i]! || 1e-12))
}

/** Area under the ROC curve of a score for the positive class (ties count half). */
export function rocAuc(scores: readonly number[], ys: readonly number[]): number {
  const pairs = scores.map((s, i) => ({ s, y: ys[i]! })).sort((a, b) => a.s - b.s)
  let rankSum = 0
  let i = 0
  while (i < pairs.length) {
    let j = i
    while (j + 1 < pairs.length && pairs[j + 1]!.s === pairs[i]!.s) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (pairs[k]!.y === 1) rankSum += rank
    i = j + 1
  }
  const P = ys.filter((y) => y === 1).length
  const N = ys.length - P
  return (rankSum - (P * (P + 1)) / 2) / (P * N)
}

/** A reliability table: predicted probability in ten bins against the share observed right. */
export function reliability(scored: readonly { p: number; y: number }[]): string[] {
  const lines = ['  | predicted | n | mean predicted | observed |', '  |---|---|---|---|']
  for (let b = 0; b < 10; b++) {
    const lo = b / 10
    const hi = (b + 1) / 10
    const bin = scored.filter((s) => s.p >= lo && (s.p < hi || (b === 9 && s.p <= 1)))
    if (bin.length === 0) continue
    const mean = bin.reduce((a, s) => a + s.p, 0) / bin.length
    const observed = bin.reduce((a, s) => a + s.y, 0) / bin.length
    lines.push(`  | ${lo.toFixed(1)}–${hi.toFixed(1)} | ${bin.length} | ${mean.toFixed(3)} | ${observed.toFixed(3)} |`)
  }
  return lines
}
