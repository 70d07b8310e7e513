// Fits the meaning stage's weights (src/answer/models/meaningWeights.ts, scored by src/answer/rerank/meaning.ts):
// a listwise softmax regression of "this candidate holds the answer" over MEANING_FEATURES, on
//   - the repo's own chat-style questions over the BBC corpus (bench/news/fit-questions.jsonl and fit-chat-*.jsonl,
//     answerable ones), and
//   - a sample of SQuAD 1.1's 35 tuning articles' questions (so the stage does not undo SQuAD's ranking),
// each question's positives against the other candidates of its ranking. news-dev.jsonl is only measured, never fitted.
//   npx tsx bench/tune/meaningFit.ts            fit, print the weights and P@1 before/after on every set
//   npx tsx bench/tune/meaningFit.ts --write    … and write meaningWeights.ts
//   --lambda 0.05 --squad 1500 --news-weight 4  L2 strength, SQuAD questions sampled, weight of a news question
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import { parseQuestion } from '../../src/answer/question/question.js'
import { CANDIDATES, prepareRanking, rankPassages } from '../../src/answer/retrieve/rank.js'
import { MEANING_FEATURES } from '../../src/answer/rerank/meaning.js'
import { correctSpelling } from '../../src/answer/question/spelling.js'
import { fitChatFiles, loadNewsQuestions, passageMatches } from '../news/newsQuestions.js'
import { loadTuneSet } from './retrievalData.js'

const REPO = join(import.meta.dirname, '../..')
const NEWS_DIR = join(REPO, '../shared/news/bbc')
const FIT_FILES = fitChatFiles()
const DEV_FILE = join(REPO, '../shared/eval/news-dev.jsonl')
const F = MEANING_FEATURES.length

/** One question: its candidates' features (row-major) and which candidates are right. */
interface Group {
  x: Float64Array
  pos: Uint8Array
  weight: number
}

function groupOf(index: SearchIndex, text: string, isRight: (id: number) => boolean, weight: number): Group | null {
  const parsed = parseQuestion(correctSpelling(index, text).text)
  if (!parsed.ok) return null
  const ranked = rankPassages(index, parsed.question, CANDIDATES)
  const x = new Float64Array(ranked.length * F)
  const pos = new Uint8Array(ranked.length)
  ranked.forEach((r, c) => {
    MEANING_FEATURES.forEach((name, f) => (x[c * F + f] = r.features[name] ?? 0))
    pos[c] = isRight(r.id) ? 1 : 0
  })
  return { x, pos, weight }
}

/** Share of groups whose best-scoring candidate is right (ties against: no credit for luck). */
function p1(groups: readonly Group[], w: Float64Array, all: number): number {
  let right = 0
  for (const g of groups) {
    const n = g.pos.length
    let best = -Infinity
    let bestPos = false
    for (let c = 0; c < n; c++) {
      let z = 0
      for (let f = 0; f < F; f++) z += w[f]! * g.x[c * F + f]!
      if (z > best || (z === best && !g.pos[c])) {
        best = z
        bestPos = g.pos[c] === 1
      }
    }
    if (bestPos) right++
  }
  return right / all
}

/** Listwise loss −log P(right | candidates) with L2 towards the identity (base 1, the rest 0), by Adam. */
function fit(groups: readonly Group[], lambda: number, steps = 600): Float64Array {
  const w = new Float64Array(F)
  w[0] = 1
  const m = new Float64Array(F)
  const v = new Float64Array(F)
  const rate = 0.05
  const total = groups.reduce((s, g) => s + g.weight, 0)
  for (let step = 1; step <= steps; step++) {
    const grad = new Float64Array(F)
    for (const g of groups) {
      if (!g.pos.includes(1)) continue
      const n = g.pos.length
      const z = new Float64Array(n)
      let max = -Infinity
      for (let c = 0; c < n; c++) {
        for (let f = 0; f < F; f++) z[c]! += w[f]! * g.x[c * F + f]!
        max = Math.max(max, z[c]!)
      }
      let all = 0
      let right = 0
      for (let c = 0; c < n; c++) {
        z[c] = Math.exp(z[c]! - max)
        all += z[c]!
        if (g.pos[c]) right += z[c]!
      }
      for (let c = 0; c < n; c++) {
        const coef = z[c]! / all - (g.pos[c] ? z[c]! / right : 0)
        for (let f = 0; f < F; f++) grad[f]! += (g.weight / total) * coef * g.x[c * F + f]!
      }
    }
    for (let f = 0; f < F; f++) {
      grad[f]! += lambda * (w[f]! - (f === 0 ? 1 : 0))
      m[f] = 0.9 * m[f]! + 0.1 * grad[f]!
      v[f] = 0.999 * v[f]! + 0.001 * grad[f]! ** 2
      w[f]! -= (rate * (m[f]! / (1 - 0.9 ** step))) / (Math.sqrt(v[f]! / (1 - 0.999 ** step)) + 1e-8)
    }
  }
  return w
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      lambda: { type: 'string', default: '0.02' },
      squad: { type: 'string', default: '1500' },
      'news-weight': { type: 'string', default: '4' },
    },
  })
  const lambda = Number(values.lambda)
  const newsWeight = Number(values['news-weight'])
  const corpus = await loadCorpus(NEWS_DIR)
  const news = buildSearchIndex(corpus.chunks)
  prepareRanking(news)
  const newsGroups = (files: readonly string[], weight: number) => {
    const qs = files.flatMap(loadNewsQuestions).filter((q) => !q.unanswerable)
    const groups = qs.map((q) => groupOf(news, q.q, (id) => passageMatches(q, news.chunks[id]!.text), weight)).filter((g) => g !== null)
    return { groups, all: qs.length }
  }
  const fitNews = newsGroups(FIT_FILES, newsWeight)
  const dev = newsGroups([DEV_FILE], 1)
  const tune = loadTuneSet('v1.1', 'train')
  const squad = buildSearchIndex(tune.chunks)
  prepareRanking(squad)
  const step = Math.max(1, Math.floor(tune.questions.length / Number(values.squad)))
  const sample = tune.questions.filter((_, i) => i % step === 0)
  const squadGroups = sample.map((q) => groupOf(squad, q.question, (id) => id === q.gold, 1)).filter((g) => g !== null)

  // Measured only: SQuAD 1.1's 13 hold-out articles, indexed on their own.
  const held = loadTuneSet('v1.1', 'holdout')
  const heldIndex = buildSearchIndex(held.chunks)
  prepareRanking(heldIndex)
  const heldGroups = held.questions.filter((_, i) => i % 2 === 0).map((q) => groupOf(heldIndex, q.question, (id) => id === q.gold, 1)).filter((g) => g !== null)
  const identity = new Float64Array(F)
  identity[0] = 1
  const w = fit([...fitNews.groups, ...squadGroups], lambda)
  const row = (name: string, groups: readonly Group[], all: number) =>
    console.log(`${name.padEnd(22)} P@1 ${p1(groups, identity, all).toFixed(3)} → ${p1(groups, w, all).toFixed(3)}  (${all} questions)`)
  row('fit (news, own)', fitNews.groups, fitNews.all)
  row('SQuAD 1.1 tuning', squadGroups, squadGroups.length)
  row('SQuAD hold-out (meas.)', heldGroups, heldGroups.length)
  row('news-dev (measured)', dev.groups, dev.all)
  const weights = Object.fromEntries(MEANING_FEATURES.map((name, f) => [name, Number(w[f]!.toFixed(4))]))
  console.log(JSON.stringify(weights))
  if (values.write) {
    const path = join(REPO, 'src/answer/models/meaningWeights.ts')
    writeFileSync(path, weightsFile(weights, lambda, newsWeight, fitNews.groups.length, squadGroups.length))
    console.log(`wrote ${path}`)
  }
}

function weightsFile(weights: Record<string, number>, lambda: number, newsWeight: number, news: number, squad: number): string {
  return `// The meaning stage's weights (rerank/meaning.ts), written by bench/tune/meaningFit.ts: do not edit by hand, refit:
//   npx tsx bench/tune/meaningFit.ts --write --lambda ${lambda} --news-weight ${newsWeight}
// Fitted on ${news} answerable questions of bench/news/fit-questions.jsonl and fit-chat-*.jsonl (each weighing ${newsWeight}) and ${squad} questions of
// SQuAD 1.1's 35 tuning articles; listwise softmax, L2 ${lambda} towards the identity (base 1, the rest 0).
import type { MeaningFeature } from '../rerank/meaning.js'

export const MEANING_MODEL: { weights: Record<MeaningFeature, number> } = {
  weights: { ${Object.entries(weights).map(([k, v]) => `${k}: ${v}`).join(', ')} },
}
`
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
