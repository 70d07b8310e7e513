import type { RerankFeatures } from './rerank.js'
import { RERANK_TREES } from '../models/rerankTrees.js'

/**
 * A boosted ensemble of complete binary trees of one depth, stored flat so that scoring is a few array reads:
 * tree `t`'s internal nodes are `split`/`threshold[t * (2^depth − 1) + node]` (node 0 the root, the children of
 * `i` at 2i+1 and 2i+2; a value above the threshold goes right), its leaves `leaf[t * 2^depth + k]`.
 */
export interface TreeModel {
  /** The features the trees read, by name; `split` holds indices into this list. */
  features: readonly string[]
  /**
   * Copies those features of a candidate into `out`, in `features` order. Generated code with one property
   * read per feature: looking 30 features up by name, for 30 candidates, would cost more than the trees.
   */
  read: (f: RerankFeatures, out: Float64Array) => void
  depth: number
  split: Int8Array
  threshold: Float64Array
  leaf: Float64Array
}

// One candidate's tree features, reused: the reranker scores 30 candidates per question.
let values = new Float64Array(0)

/** The trees' sum for one candidate. */
export function treeScore(f: RerankFeatures, model: TreeModel = RERANK_TREES): number {
  if (values.length < model.features.length) values = new Float64Array(model.features.length)
  model.read(f, values)
  return treeScoreOf(values, model)
}

/** The trees' sum over feature values already laid out in `model.features` order (the fitter calls this). */
export function treeScoreOf(v: Float64Array, model: TreeModel): number {
  const inner = (1 << model.depth) - 1
  const trees = model.leaf.length >> model.depth
  const { split, threshold, leaf, depth } = model
  let sum = 0
  for (let t = 0; t < trees; t++) {
    const base = t * inner
    let node = 0
    // Number(a > b), not a branch: which way a candidate goes is a coin toss to the CPU's branch predictor.
    for (let d = 0; d < depth; d++) node = 2 * node + 1 + Number(v[split[base + node]!]! > threshold[base + node]!)
    sum += leaf[t * (inner + 1) + node - inner]!
  }
  return sum
}
