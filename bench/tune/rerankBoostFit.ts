// Fits the reranker's boosted trees (src/answer/models/rerankTrees.ts), which correct the linear score of
// rerankWeights.ts, on the 35 dev-v1.1 articles that dev-v2.0 also holds (the 13 hold-out articles stay unseen) and,
// with --chat, on our chat questions over the BBC corpus too (bench/news/fit-questions.jsonl and fit-chat-*.jsonl,
// answerable ones, asked after spelling correction as ask() asks them; news-dev is only measured).
//   npx tsx bench/tune/rerankBoostFit.ts --write      fit and write rerankTrees.ts (without --write: only report)
//   npx tsx bench/tune/rerankBoostFit.ts --folds 2    also cross-validate, folds by article (SQuAD only)
//   npx tsx bench/tune/rerankBoostFit.ts --chat --write   fit on SQuAD and the chat questions
//   --trees 100 --rate 0.05 --depth 3 --lambda 10 --minHessian 20 --sample 0.7   the boosting's settings. L2 10 and
//   minHessian 20 won 5-fold cross-validation by article against depth 4 and weaker or stronger L2; with 40
//   candidates, 100 trees at rate 0.05 cross-validate at .8708 against 150 trees' .8699 (linear alone .8670).
// Refit after retrievalFit.ts --write: the trees start from the shipped linear score.
// Method: gradient boosting with Newton steps on the listwise softmax loss (the gold passage against the other
// candidates of its question), starting from the linear score times a fitted temperature. The trees are fitted
// on that logit scale and shipped divided by the temperature, so the reranker's scores keep the linear scale.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { correctSpelling } from '../../src/answer/question/spelling.js'
import { prepareRanking } from '../../src/answer/retrieve/rank.js'
import { fitChatFiles, loadNewsQuestions, passageMatches } from '../news/newsQuestions.js'
import type { FeatureDump } from './retrievalFit.js'
import { RERANK_WEIGHTS } from '../../src/answer/models/rerankWeights.js'
import { treeScoreOf } from '../../src/answer/rerank/rerankBoost.js'
import type { TreeModel } from '../../src/answer/rerank/rerankBoost.js'
import { RERANK_TREES } from '../../src/answer/models/rerankTrees.js'
import { loadTuneSet } from './retrievalData.js'
import { dumpFeatures, fitSoftmax } from './retrievalFit.js'
import { BINS, binRows, fitTrees, type Settings, type Table } from './boostTrees.js'

/** What the trees read: the linear model's features, plus signals only useful in interaction. */
const LINEAR = Object.keys(RERANK_WEIGHTS)
const FEATURES = [...LINEAR, 'bm25', 'linearRatio', 'questionTerms', 'answerType', 'sentenceGap', 'phraseGap', 'looseGap', 'proximityGap']

/** Mean log-likelihood of the gold and R@1 (ties against the gold) of margins over some questions. */
function judge(t: Table, margin: Float64Array, questions: readonly number[]): { r1: number; logLoss: number } {
  let r1 = 0
  let ll = 0
  for (const q of questions) {
    const g = t.gold[q]!
    if (g < 0) continue
    let max = -Infinity
    let beaten = false
    for (let r = t.start[q]!; r < t.start[q + 1]!; r++) {
      max = Math.max(max, margin[r]!)
      if (r !== g && margin[r]! >= margin[g]!) beaten = true
    }
    let sum = 0
    for (let r = t.start[q]!; r < t.start[q + 1]!; r++) sum += Math.exp(margin[r]! - max)
    ll += margin[g]! - max - Math.log(sum)
    if (!beaten) r1++
  }
  return { r1: r1 / questions.length, logLoss: -ll / questions.length }
}

/** The linear score of every row under weights `w` over the LINEAR features. */
function linearScores(t: Table, w: readonly number[]): Float64Array {
  const out = new Float64Array(t.rows)
  for (let r = 0; r < t.rows; r++) for (let f = 0; f < LINEAR.length; f++) out[r]! += w[f]! * t.x[r * t.F + f]!
  return out
}

/** The temperature that makes the linear score the best softmax logit on `questions` (a grid search). */
function temperature(t: Table, linear: Float64Array, questions: readonly number[]): number {
  let best = { beta: 1, loss: Infinity }
  for (let beta = 0.5; beta <= 20; beta *= 1.05) {
    const loss = judge(t, linear.map((v) => v * beta), questions).logLoss
    if (loss < best.loss) best = { beta, loss }
  }
  return best.beta
}

function report(name: string, s: { r1: number; logLoss: number }): void {
  console.log(`${name.padEnd(44)} R@1 ${s.r1.toFixed(4)}  log-loss ${s.logLoss.toFixed(4)}`)
}

/** Fits base temperature + trees on `train`; returns the model (on the linear scale) and the base margins of all rows. */
function fit(t: Table, w: readonly number[], train: readonly number[], settings: Settings, log = false): { model: TreeModel; margin: Float64Array; beta: number } {
  const linear = linearScores(t, w)
  const beta = temperature(t, linear, train)
  const margin = linear.map((v) => v * beta)
  const trees = fitTrees(t, margin.slice(), train, settings, log ? (k, m) => report(`  ${k} trees (training)`, judge(t, m, train)) : undefined)
  const model: TreeModel = {
    features: FEATURES, read: () => {}, depth: settings.depth,
    split: Int8Array.from(trees.split), threshold: Float64Array.from(trees.threshold), leaf: Float64Array.from(trees.leaf, (v) => v / beta),
  }
  return { model, margin, beta }
}

const TREES_FILE = join(import.meta.dirname, '../../src/answer/models/rerankTrees.ts')

function treesFile(model: TreeModel, settings: Settings, data: string): string {
  const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v)
  const list = (xs: ArrayLike<number>) => Array.from(xs, round).join(',')
  return `// The reranker's boosted trees, written by bench/tune/rerankBoostFit.ts: do not edit by hand, refit instead.
// Fitted on the 35 SQuAD dev-v1.1 articles that dev-v2.0 also holds (${data}; the 13 hold-out articles are
// neither indexed nor asked): ${model.leaf.length >> model.depth} trees of depth ${model.depth}, Newton boosting of the listwise softmax loss from the
// linear score of rerankWeights.ts (rate ${settings.rate}, L2 ${settings.lambda}, ${settings.sample} of the questions per tree, ${BINS} bins per feature).
// Refit (after retrievalFit.ts): npx tsx bench/tune/rerankBoostFit.ts --write   (add --folds 2 for a cross-validated check)
import type { RerankFeatures } from './rerank.js'
import type { TreeModel } from './rerankBoost.js'

export const RERANK_TREES: TreeModel = {
  features: ${JSON.stringify(model.features)},
  read: (f: RerankFeatures, out: Float64Array) => {
${model.features.map((n, k) => `    out[${k}] = f.${n}`).join('\n')}
  },
  depth: ${model.depth},
  split: Int8Array.from([${list(model.split)}]),
  threshold: Float64Array.from([${list(model.threshold)}]),
  leaf: Float64Array.from([${list(model.leaf)}]),
}
`
}

const REPO = join(import.meta.dirname, '../..')

/** The chat questions' dumps over the BBC corpus: ours (to fit on) and news-dev (measured only). */
async function chatDumps(): Promise<{ fit: FeatureDump; dev: FeatureDump }> {
  const index = buildSearchIndex((await loadCorpus(join(REPO, '../shared/news/bbc'))).chunks)
  prepareRanking(index)
  const dump = (files: readonly string[]) => {
    const qs = files.flatMap(loadNewsQuestions).filter((q) => !q.unanswerable)
    const asked = qs.map((q) => ({ question: correctSpelling(index, q.q).text, gold: -1, holdout: false }))
    const byText = new Map(asked.map((a, i) => [a, qs[i]!]))
    return dumpFeatures(index, asked, FEATURES, undefined, (tq, id) => passageMatches(byText.get(tq)!, index.chunks[id]!.text))
  }
  return { fit: dump(fitChatFiles()), dev: dump([join(REPO, '../shared/eval/news-dev.jsonl')]) }
}

const concat = (a: FeatureDump, b: FeatureDump): FeatureDump => ({ names: a.names, x: [...a.x, ...b.x], gold: [...a.gold, ...b.gold] })

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string', default: '0' },
      trees: { type: 'string', default: '100' },
      rate: { type: 'string', default: '0.05' },
      depth: { type: 'string', default: '3' },
      lambda: { type: 'string', default: '10' },
      sample: { type: 'string', default: '0.7' },
      minHessian: { type: 'string', default: '20' },
      write: { type: 'boolean', default: false },
      chat: { type: 'boolean', default: false },
    },
  })
  const settings: Settings = {
    trees: Number(values.trees), rate: Number(values.rate), depth: Number(values.depth),
    lambda: Number(values.lambda), sample: Number(values.sample), minHessian: Number(values.minHessian),
  }
  const set = loadTuneSet('v1.1', 'train')
  const index = buildSearchIndex(set.chunks)
  const squadDump = dumpFeatures(index, set.questions, FEATURES)
  const chat = values.chat ? await chatDumps() : null
  const d = chat ? concat(squadDump, chat.fit) : squadDump
  const table = binRows(d)
  const all = d.x.map((_, q) => q)
  const shipped = LINEAR.map((n) => RERANK_WEIGHTS[n]!)
  report('linear (shipped), all tuning questions', judge(table, linearScores(table, shipped), all))
  const folds = Number(values.folds)
  if (folds > 1 && !chat) {
    const foldOf = set.questions.map((q) => index.articleOf[q.gold]! % folds)
    let linearHits = 0
    let treeHits = 0
    for (let k = 0; k < folds; k++) {
      const train = all.filter((q) => foldOf[q] !== k)
      const test = all.filter((q) => foldOf[q] === k)
      // The linear weights are refitted on the training folds too, so nothing of the test fold is seen.
      const sub = { names: d.names.slice(0, LINEAR.length), x: train.map((q) => sliceLinear(d.x[q]!, d.names.length)), gold: train.map((q) => d.gold[q]!) }
      const w = fitSoftmax(sub)
      const lin = judge(table, linearScores(table, w), test)
      const { model, margin, beta } = fit(table, w, train, settings)
      const withTrees = judge(table, scored(table, margin, model, beta), test)
      report(`fold ${k}: linear fitted on the other folds`, lin)
      report(`fold ${k}: linear + trees fitted on the other folds`, withTrees)
      linearHits += lin.r1 * test.length
      treeHits += withTrees.r1 * test.length
    }
    console.log(`cross-validated R@1: linear ${(linearHits / all.length).toFixed(4)}, linear + trees ${(treeHits / all.length).toFixed(4)}`)
  }
  const { model, margin, beta } = fit(table, shipped, all, settings, true)
  report(`linear + trees, in-sample (temperature ${beta.toFixed(2)})`, judge(table, scored(table, margin, model, beta), all))
  if (chat) {
    const squadOnly = set.questions.map((_, q) => q)
    const chatOnly = chat.fit.x.map((_, q) => set.questions.length + q)
    report('  of which SQuAD', judge(table, scored(table, margin, model, beta), squadOnly))
    report('  of which chat (in-sample)', judge(table, scored(table, margin, model, beta), chatOnly))
    const dev = binRows(chat.dev)
    const devAll = chat.dev.x.map((_, q) => q)
    const base = linearScores(dev, shipped).map((v) => v * beta)
    report('news-dev (measured only): linear', judge(dev, base, devAll))
    report('news-dev (measured only): linear + trees', judge(dev, scored(dev, base, model, beta), devAll))
    report('news-dev (measured only): linear + shipped trees', judge(dev, scored(dev, base, RERANK_TREES, beta), devAll))
  }
  if (values.write) {
    writeFileSync(TREES_FILE, treesFile(model, settings, chat ? `${set.questions.length} questions, and ${chat.fit.x.length} of our chat questions over the BBC corpus` : `${d.x.length} questions`))
    console.log(`wrote ${TREES_FILE}`)
  }
}

/** Only the LINEAR columns of a question's dump (they come first). */
function sliceLinear(row: Float64Array, F: number): Float64Array {
  const n = row.length / F
  const out = new Float64Array(n * LINEAR.length)
  for (let c = 0; c < n; c++) for (let f = 0; f < LINEAR.length; f++) out[c * LINEAR.length + f] = row[c * F + f]!
  return out
}

/** Margins of the shipped form (the model's own tree evaluation, on raw values) on the logit scale. */
function scored(t: Table, base: Float64Array, model: TreeModel, beta: number): Float64Array {
  const out = new Float64Array(t.rows)
  for (let r = 0; r < t.rows; r++) out[r] = base[r]! + beta * treeScoreOf(t.x.subarray(r * t.F, (r + 1) * t.F), model)
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
