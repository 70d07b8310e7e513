// Paragraph retrieval on the SQuAD dev sets: R@1, R@5, MRR@10 for dev-v1.1 (all, the 13 hold-out articles,
// the 35 tuning articles) and dev-v2.0's answerable questions, plus build time and rank latency.
//   npx tsx bench/tune/retrievalEval.ts            all questions
//   npx tsx bench/tune/retrievalEval.ts --step 5   every 5th question (quick)
//   npx tsx bench/tune/retrievalEval.ts --ask      also time ask() end to end
import { parseArgs } from 'node:util'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import type { SearchIndex } from '../../src/index/searchIndex.js'
import { parseQuestion } from '../../src/answer/question/question.js'
import { rankPassages } from '../../src/answer/retrieve/rank.js'
import { ask } from '../../src/answer/ask.js'
import { every, loadTuneSet } from './retrievalData.js'
import type { TuneQuestion } from './retrievalData.js'

interface Scores { n: number; r1: number; r5: number; mrr: number }

function score(ranks: readonly number[]): Scores {
  const n = ranks.length || 1
  return {
    n: ranks.length,
    r1: ranks.filter((r) => r === 1).length / n,
    r5: ranks.filter((r) => r >= 1 && r <= 5).length / n,
    mrr: ranks.reduce((a, r) => a + (r >= 1 && r <= 10 ? 1 / r : 0), 0) / n,
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? NaN
}

/** 1-based rank of the gold chunk among the ranked passages, 0 when absent. */
export function goldRanks(index: SearchIndex, questions: readonly TuneQuestion[], latencies?: number[]): number[] {
  return questions.map((q) => {
    const t = performance.now()
    const parsed = parseQuestion(q.question)
    const ranked = parsed.ok ? rankPassages(index, parsed.question, 10) : []
    latencies?.push(performance.now() - t)
    return ranked.findIndex((r) => r.id === q.gold) + 1
  })
}

function row(name: string, s: Scores): string {
  return `${name.padEnd(22)} n=${String(s.n).padStart(5)}  R@1 ${s.r1.toFixed(3)}  R@5 ${s.r5.toFixed(3)}  MRR@10 ${s.mrr.toFixed(3)}`
}

function main(): void {
  const { values } = parseArgs({
    options: { step: { type: 'string', default: '1' }, ask: { type: 'boolean', default: false }, warm: { type: 'string', default: '200' } },
  })
  const step = Number(values.step)
  for (const version of ['v1.1', 'v2.0'] as const) {
    const set = loadTuneSet(version)
    const t0 = performance.now()
    const index = buildSearchIndex(set.chunks)
    const buildMs = performance.now() - t0
    const qs = every(set.questions, step)
    goldRanks(index, qs.slice(0, Number(values.warm))) // warm-up, as `npm run bench` does
    const lat: number[] = []
    const ranks = goldRanks(index, qs, lat)
    console.log(`${version}: ${set.chunks.length} chunks, build ${buildMs.toFixed(0)} ms, rank p50 ${pct(lat, 50).toFixed(2)} p99 ${pct(lat, 99).toFixed(2)} ms`)
    console.log(row(`${version} all`, score(ranks)))
    if (version === 'v1.1') {
      console.log(row('v1.1 hold-out (13)', score(ranks.filter((_, i) => qs[i]!.holdout))))
      console.log(row('v1.1 tuning (35)', score(ranks.filter((_, i) => !qs[i]!.holdout))))
    }
    if (values.ask) {
      const al: number[] = []
      for (const q of qs) {
        const t = performance.now()
        ask(index, q.question)
        al.push(performance.now() - t)
      }
      console.log(`${version}: ask p50 ${pct(al, 50).toFixed(2)} p99 ${pct(al, 99).toFixed(2)} ms`)
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main()
