// `npm run bench -- --quick` is CI's guard against a rotting benchmark: what it counts as broken.
import { describe, expect, it } from 'vitest'
import { quickFailures } from '../../bench/quick.js'
import type { NewsRun } from '../../bench/news/runNews.js'
import type { BenchReport, EngineResult } from '../../bench/report.js'

function engine(name: string, kind: EngineResult['kind'], r5: number, f1: number | null = null, notes: string[] = []): EngineResult {
  const retrieval = { all: { n: 100, r1: r5 * 0.8, r5, mrr10: r5 * 0.85 }, holdout: null }
  const answers = f1 === null ? null : { all: { answerable: 100, em: f1 * 0.8, f1, sentenceContainsAnswer: 0.7, answerRate: 0.8, precision: f1 / 60, coverage: f1 / 300 }, holdout: null }
  return { name, kind, error: null, retrieval, answers, speed: null, memory: null, notes }
}

function report(engines: EngineResult[]): BenchReport {
  const machine = { date: '2026-12-01T00:00:00.000Z', node: 'v20', cpu: 'cpu', cores: 2, totalMemoryGB: 24 }
  const dataset = { name: 'v1.1', path: 'dev-v1.1.json', articles: 48, paragraphs: 2067, questions: 10570, asked: 300, answerable: 300, unanswerable: 0, holdoutQuestions: 70, engines, baselines: [] }
  return { machine, mode: 'quick', gcAvailable: true, runtimeSeconds: 1, rssEndMB: 1, datasets: [dataset], notes: [] }
}

function news(hit5: number | null): NewsRun {
  const summary = hit5 === null ? null : { answerable: 20, unanswerable: 4, offTopic: 0, p1: hit5 / 2, hit3: hit5, hit5, byKind: {} }
  const rows = [{ name: 'lunr 2', summary, p50Ms: 1, p99Ms: 2, error: hit5 === null ? 'lunr is not a function' : null }]
  return { corpus: 'bbc', articles: 450, paragraphs: 2000, buildMs: 1, loadMs: 1, sets: [{ name: 'news-dev', path: 'news-dev.jsonl', questions: 24, rows }] }
}

describe('quickFailures', () => {
  it('passes when every engine ran and scored like itself', () => {
    expect(quickFailures(report([engine('this engine (ask)', 'engine', 0.96, 42), engine('lunr 2', 'peer', 0.92)]), news(0.6))).toEqual([])
  })

  it('names an engine or peer that failed, scored like a broken one, or reloaded its index differently', () => {
    const failing = { ...engine('wink-bm25-text-search', 'peer', 0), error: 'wink-nlp-utils is missing' }
    const failures = quickFailures(report([
      engine('this engine (ask)', 'engine', 0.96, 3, ['persistence: reloaded index agrees on 12/20 probe questions']),
      engine('lunr 2', 'peer', 0.1),
      failing,
    ]), news(0))
    expect(failures).toEqual([
      "this engine (ask) on v1.1: short answers' precision 0.050 and coverage 0.010, below 0.4 or 0.05",
      'this engine (ask) on v1.1: persistence: reloaded index agrees on 12/20 probe questions',
      'lunr 2 on v1.1: R@5 0.100, below 0.5',
      'wink-bm25-text-search on v1.1: failed: wink-nlp-utils is missing',
      'lunr 2 on news-dev: Hit@5 0.000, below 0.2',
    ])
  })

  it('fails when the news part failed or did not run, unless it was not meant to', () => {
    const ok = report([engine('lunr 2', 'peer', 0.92)])
    expect(quickFailures(ok, news(null))).toEqual(['lunr 2 on news-dev: failed: lunr is not a function'])
    expect(quickFailures(ok, null)).toEqual(['news: not run (the engine did not load)'])
    expect(quickFailures(ok, undefined)).toEqual([])
  })
})
