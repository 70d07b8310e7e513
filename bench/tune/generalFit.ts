// Fits GENERAL_MODEL (src/answer/models/generalWeights.ts): P(a question is general knowledge, advice or help rather
// than about news), from its text alone (src/answer/question/generalQuestion.ts), for the topic model to weigh.
// Fitted on our questions only: the chat questions over fit-articles.txt (bench/news/fit-questions.jsonl,
// fit-chat-*.jsonl) against our off-topic ones (bench/news/offtopic-*.jsonl but offtopic-dev). Measured only:
// offtopic-dev, news-dev, the seeds' questions and SQuAD 1.1 questions (a fifth), printed at the cut that flags 1% and
// 3% of the chat questions out of fold.
//   npx tsx bench/tune/generalFit.ts                          cross-validated report
//   npx tsx bench/tune/generalFit.ts --write --oof FILE       fit on all, write the weights, and the out-of-fold
//                                                             scores of the fitting questions (claimFit.ts reads them)
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generalInputs, generalScore, generalTerms } from '../../src/answer/question/generalQuestion.js'
import type { GeneralModel } from '../../src/answer/question/generalQuestion.js'
import { fitChatFiles, loadNewsQuestions, OFF_TOPIC_DEV_FILE, offTopicFitFiles } from '../news/newsQuestions.js'
import { loadSquad } from '../squad.js'
import { foldOf, rocAuc } from './logistic.js'

const REPO = join(import.meta.dirname, '../..')

interface Example {
  q: string
  y: number
}

/** Terms in at least this many fitting questions get a weight. */
const MIN_DF = 2

function vocabulary(examples: readonly Example[]): Map<string, number> {
  const df = new Map<string, number>()
  for (const e of examples) for (const t of new Set(generalTerms(e.q))) df.set(t, (df.get(t) ?? 0) + 1)
  const n = examples.length
  const idf = new Map<string, number>()
  for (const [t, c] of df) if (c >= MIN_DF) idf.set(t, Math.log((1 + n) / (1 + c)) + 1)
  return idf
}

/** L2-regularised logistic regression (sum of losses + l2/2 ‖w‖², intercept free) by full-batch Adam. */
function fit(examples: readonly Example[], l2: number, iterations = 600): GeneralModel {
  const idf = vocabulary(examples)
  const inputs = examples.map((e) => generalInputs(e.q, idf))
  const termIds = new Map([...idf.keys()].map((t, i) => [t, i]))
  const d = termIds.size + inputs[0]!.vectors.length
  const rows = inputs.map((x) => {
    const ids: number[] = []
    const vals: number[] = []
    for (const [t, v] of x.terms) {
      ids.push(termIds.get(t)!)
      vals.push(v)
    }
    x.vectors.forEach((v, i) => {
      if (v !== 0) {
        ids.push(termIds.size + i)
        vals.push(v)
      }
    })
    return { ids, vals }
  })
  const w = new Float64Array(d)
  let b = 0
  const m = new Float64Array(d + 1)
  const v = new Float64Array(d + 1)
  const g = new Float64Array(d + 1)
  const lr = 0.05
  for (let it = 1; it <= iterations; it++) {
    g.fill(0)
    rows.forEach((r, i) => {
      let z = b
      for (let k = 0; k < r.ids.length; k++) z += w[r.ids[k]!]! * r.vals[k]!
      const err = 1 / (1 + Math.exp(-z)) - examples[i]!.y
      for (let k = 0; k < r.ids.length; k++) g[r.ids[k]!]! += err * r.vals[k]!
      g[d]! += err
    })
    for (let j = 0; j < d; j++) g[j]! += l2 * w[j]!
    for (let j = 0; j <= d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!
      const step = (lr * (m[j]! / (1 - 0.9 ** it))) / (Math.sqrt(v[j]! / (1 - 0.999 ** it)) + 1e-8)
      if (j === d) b -= step
      else w[j]! -= step
    }
  }
  const weights = new Map([...termIds].map(([t, i]) => [t, w[i]!]))
  return { intercept: b, idf, weights, vectors: w.slice(termIds.size) }
}

function measuredSets(): [string, string[]][] {
  const seeds = [join(REPO, '../shared/eval/seed-questions.jsonl'), join(REPO, 'bench/seeds/questions.jsonl')].flatMap((f) =>
    readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; kind?: string }),
  )
  const squad = loadSquad(join(REPO, '../shared/squad/dev-v1.1.json'), 'v1.1').questions.filter((_, i) => i % 5 === 0).map((q) => q.question)
  return [
    ['offtopic-dev (want high)', loadNewsQuestions(OFF_TOPIC_DEV_FILE).map((q) => q.q)],
    ['news-dev (want low)', loadNewsQuestions(join(REPO, '../shared/eval/news-dev.jsonl')).map((q) => q.q)],
    ['seeds on-topic', seeds.filter((s) => s.kind !== 'offtopic').map((s) => s.q)],
    ['seeds off-topic', seeds.filter((s) => s.kind === 'offtopic').map((s) => s.q)],
    ['SQuAD 1.1 (a fifth)', squad],
  ]
}

function main(): void {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, oof: { type: 'string' }, l2: { type: 'string', default: '0.3' } } })
  const l2 = Number(values.l2)
  const chat = fitChatFiles().flatMap(loadNewsQuestions).map((q) => ({ q: q.q, y: 0 }))
  const off = offTopicFitFiles().flatMap(loadNewsQuestions).map((q) => ({ q: q.q, y: 1 }))
  const examples = [...chat, ...off]
  console.log(`fitting questions: ${chat.length} chat, ${off.length} off-topic; L2 ${l2}`)
  const oof = new Map<string, number>()
  for (let k = 0; k < 5; k++) {
    const model = fit(examples.filter((e) => foldOf(e.q) !== k), l2)
    for (const e of examples.filter((e) => foldOf(e.q) === k)) oof.set(e.q, generalScore(model, e.q))
  }
  const scores = examples.map((e) => oof.get(e.q)!)
  console.log(`out of fold: AUC ${rocAuc(scores, examples.map((e) => e.y)).toFixed(3)}`)
  const model = fit(examples, l2)
  const chatScores = chat.map((e) => oof.get(e.q)!).sort((a, b) => a - b)
  for (const share of [0.01, 0.03, 0.05]) {
    const cut = chatScores[Math.floor((1 - share) * chatScores.length)]!
    const offRate = off.filter((e) => oof.get(e.q)! >= cut).length / off.length
    const parts = measuredSets().map(([name, qs]) => `${name} ${(qs.filter((q) => generalScore(model, q) >= cut).length / qs.length).toFixed(2)}`)
    console.log(`cut ${cut.toFixed(3)} (chat flagged ${share}): off-topic out of fold ${offRate.toFixed(2)}; measured: ${parts.join(', ')}`)
  }
  if (values.oof) writeFileSync(values.oof, JSON.stringify(Object.fromEntries(oof)))
  if (!values.write) return
  const r = (x: number) => Math.round(x * 1000) / 1000
  const terms = [...model.idf].map(([t, idf]) => `    ${JSON.stringify(t)}: [${r(idf)}, ${r(model.weights.get(t)!)}],`)
  const text = [
    '// BEGIN GENERAL_MODEL (generated by bench/tune/generalFit.ts --write)',
    `// Fitted ${new Date().toISOString().slice(0, 10)} on ${chat.length} chat questions (bench/news/fit-*.jsonl) against ${off.length} off-topic ones (bench/news/offtopic-*.jsonl`,
    `// but offtopic-dev); L2 ${l2}. Refit: npx tsx bench/tune/generalFit.ts --write --oof FILE, then claimFit.ts with GENERAL_OOF=FILE.`,
    '/** P(a question is general knowledge, advice or help): term → [IDF, weight], and the weights of the two mean word vectors. */',
    'export const GENERAL_MODEL = {',
    `  intercept: ${r(model.intercept)},`,
    '  terms: {',
    ...terms,
    '  } as Readonly<Record<string, readonly [idf: number, weight: number]>>,',
    `  vectors: [${Array.from(model.vectors, r).join(', ')}] as readonly number[],`,
    '}',
    '// END GENERAL_MODEL',
    '',
  ].join('\n')
  writeFileSync(join(REPO, 'src/answer/models/generalWeights.ts'), text)
  console.log('wrote src/answer/models/generalWeights.ts')
}

main()
