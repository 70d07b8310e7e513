// End-to-end answer quality of `ask()` (retrieval included), as the benchmark scores it: on SQuAD dev-v1.1 EM, F1
// and sentence-contains-answer for all 48 articles, the 13 hold-out ones and the 35 tuning ones; on dev-v2.0 the
// answer and decline rates, their balanced accuracy, and the best single threshold on the top passage's BM25
// score as the baseline; on the product's seeds the sample questions; and ask() latency (k = 10, as the bench).
//   npx tsx bench/tune/answerEval.ts                 everything, all questions
//   npx tsx bench/tune/answerEval.ts --step 5        every 5th question (quick)
//   npx tsx bench/tune/answerEval.ts --only v2.0     one part: v1.1, v2.0 or seeds
//   npx tsx bench/tune/answerEval.ts --prepare       tag every passage (annotateAll) before timing ask()
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { annotateAll } from '../../src/answer/analysis/annotate.js'
import { ask } from '../../src/answer/ask.js'
import { parseQuestion } from '../../src/answer/question/question.js'
import { rankPassages } from '../../src/answer/retrieve/rank.js'
import { Engine } from '../../src/engine.js'
import type { Answer } from '../../src/types.js'
import { summariseAnswers } from '../evaluate.js'
import type { Outcome } from '../evaluate.js'
import { bestThreshold, percentile } from '../metrics.js'
import { every, loadAnswerSet } from './answerData.js'
import type { AnswerCase, AnswerSet } from './answerData.js'

/** How the benchmark sees one answer (bench/evaluate.ts scores it). */
function outcome(c: AnswerCase, a: Answer): Outcome {
  return { question: c.question, ranked: [], answered: a.answered, answer: a.answer, sentence: a.citations[0]?.sentence ?? null }
}

/** The benchmark's answer scores for these cases (unanswerable ones count as declines), plus top-1 against the gold chunks. */
function show(name: string, cases: readonly AnswerCase[], answers: readonly Answer[]): string {
  const s = summariseAnswers(cases.map((c, i) => outcome(c, answers[i]!)))
  let top1 = 0
  cases.forEach((c, i) => {
    const top = answers[i]!.citations[0]
    if (!c.question.impossible && top && c.goldChunks.includes(top.chunk.id)) top1++
  })
  const n = s.answerable || 1
  return `${name.padEnd(16)} n=${String(s.answerable).padStart(5)}  EM ${s.em.toFixed(1)}  F1 ${s.f1.toFixed(1)}  sentence∋answer ${s.sentenceContainsAnswer.toFixed(3)}  answered ${s.answerRate.toFixed(3)}  top1 ${(top1 / n).toFixed(3)}`
}

/** `show` over the cases (and their answers) that `keep` selects. */
function showSome(name: string, cases: readonly AnswerCase[], answers: readonly Answer[], keep: (c: AnswerCase) => boolean): string {
  const at = cases.flatMap((c, i) => (keep(c) ? [i] : []))
  return show(name, at.map((i) => cases[i]!), at.map((i) => answers[i]!))
}

let prepare = false

function timed(data: AnswerSet, cases: readonly AnswerCase[], latencies: number[]): Answer[] {
  if (prepare) {
    const t = performance.now()
    annotateAll(data.index)
    console.log(`${data.set.name}: annotateAll ${data.index.chunks.length} passages in ${(performance.now() - t).toFixed(0)} ms`)
  }
  for (const c of cases.slice(0, 100)) ask(data.index, c.question.question, { k: 10 })
  return cases.map((c) => {
    const t = performance.now()
    const a = ask(data.index, c.question.question, { k: 10 })
    latencies.push(performance.now() - t)
    return a
  })
}

function runV11(step: number): void {
  const data = loadAnswerSet('v1.1')
  const cases = every(data.cases, step)
  const lat: number[] = []
  const answers = timed(data, cases, lat)
  console.log(`v1.1 (build ${data.buildMs.toFixed(0)} ms; ask p50 ${percentile(lat, 50).toFixed(2)} p99 ${percentile(lat, 99).toFixed(2)} ms)`)
  console.log(show('all', cases, answers))
  console.log(showSome('hold-out (13)', cases, answers, (c) => c.question.holdout))
  console.log(showSome('tuning (35)', cases, answers, (c) => !c.question.holdout))
}

function runV20(step: number): void {
  const data = loadAnswerSet('v2.0')
  const cases = every(data.cases, step)
  const lat: number[] = []
  const answers = timed(data, cases, lat)
  const pos: number[] = []
  const neg: number[] = []
  for (const c of cases) {
    const parsed = parseQuestion(c.question.question)
    const top = parsed.ok ? rankPassages(data.index, parsed.question, 1)[0] : undefined
    ;(c.question.impossible ? neg : pos).push(top ? top.features.bm25 : -Infinity)
  }
  const summary = summariseAnswers(cases.map((c, i) => outcome(c, answers[i]!)))
  const base = bestThreshold(pos, neg)
  console.log(`v2.0 (ask p50 ${percentile(lat, 50).toFixed(2)} p99 ${percentile(lat, 99).toFixed(2)} ms)`)
  console.log(show('answerable', cases, answers))
  console.log(`answer rate ${summary.answerRate.toFixed(3)}  decline rate ${(summary.declineRate ?? 0).toFixed(3)}  balanced accuracy ${(summary.balancedAccuracy ?? 0).toFixed(3)}`)
  console.log(`baseline: best single threshold on the top BM25 score: ${base.threshold.toFixed(2)} → answered ${base.answerRate.toFixed(3)}, declined ${base.declineRate.toFixed(3)}, balanced ${base.balancedAccuracy.toFixed(3)}`)
}

interface SeedQuestion { q: string; passage_any?: string[] | null; answer_any?: string[] | null; unanswerable?: boolean }

async function runSeeds(): Promise<void> {
  const root = join(import.meta.dirname, '../..')
  const engine = await Engine.open({ seedsDir: join(root, 'seeds'), indexDir: null })
  const lines = readFileSync(join(root, '../shared/eval/seed-questions.jsonl'), 'utf8').trim().split('\n')
  let passages = 0
  let passageN = 0
  let answersOk = 0
  let answerN = 0
  let declines = 0
  let declineN = 0
  for (const line of lines) {
    const q = JSON.parse(line) as SeedQuestion
    const a = engine.ask(q.q)
    const top = a.citations[0]
    let mark = ''
    if (q.unanswerable) {
      declineN++
      if (!a.answered) declines++
      mark = a.answered ? 'ANSWERED (should decline)' : 'declined'
    } else {
      passageN++
      const pOk = a.answered && !!top && (q.passage_any ?? []).some((s) => top.chunk.text.includes(s))
      if (pOk) passages++
      let aOk = true
      if (q.answer_any) {
        answerN++
        aOk = a.answered && !!a.answer && q.answer_any.some((s) => a.answer!.toLowerCase().includes(s.toLowerCase()))
        if (aOk) answersOk++
      }
      mark = `${pOk ? 'passage ok' : 'PASSAGE WRONG'}${q.answer_any ? (aOk ? ', answer ok' : ', ANSWER WRONG') : ''}${a.answered ? '' : ' (declined)'}`
    }
    console.log(`${mark.padEnd(34)} ${a.confidence.toFixed(2)} ${q.q} → ${a.answer?.slice(0, 70) ?? '—'}${a.answered ? '' : ` [related ${a.citations.length}]`}`)
  }
  console.log(`seeds: passage ${passages}/${passageN}, short answer ${answersOk}/${answerN}, declined ${declines}/${declineN}`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { step: { type: 'string', default: '1' }, only: { type: 'string' }, prepare: { type: 'boolean', default: false } },
  })
  prepare = values.prepare
  const step = Number(values.step)
  if (!values.only || values.only === 'seeds') await runSeeds()
  if (!values.only || values.only === 'v1.1') runV11(step)
  if (!values.only || values.only === 'v2.0') runV20(step)
}

await main()
