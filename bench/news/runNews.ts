// `npm run bench -- --news`: this engine beside the five lexical peers on a chat-style question set over the BBC
// News corpus (../shared/news/bbc), in one process and one run.
//
// Every engine sees the same paragraphs: the engine's own chunks of the corpus, which the peers index with the
// article's headline prepended (the engine reads headlines itself). Questions go in as typed. A passage is right
// when it holds one of the question's `passage_any` strings; a short answer when it contains one of `answer_any`.
// Speed: `ask()` on the set's questions, repeated 10 times, after the scored pass (the warm-up) and a full garbage
// collection; the peers' bare searches on one pass. The first stage (SearchIndex.retrieve: MiniSearch's search and
// the article scores) is timed inside those same calls.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../../src/engine.js'
import { SearchIndex } from '../../src/index/searchIndex.js'
import { percentile } from '../metrics.js'
import { collectGarbage } from '../memory.js'
import { PEERS } from '../peers/index.js'
import { loadNewsQuestions, summariseNews } from './newsQuestions.js'
import type { NewsOutcome, NewsQuestion, NewsSummary } from './newsQuestions.js'

export interface NewsSetResult {
  name: string
  path: string
  questions: number
  rows: NewsRow[]
}

export interface NewsRow {
  name: string
  summary: NewsSummary | null
  p50Ms: number | null
  p99Ms: number | null
  /** The first stage within `ask()` (engine row only). */
  stage?: { p50Ms: number; p99Ms: number }
  error: string | null
}

export interface NewsRun {
  corpus: string
  articles: number
  paragraphs: number
  buildMs: number
  loadMs: number
  sets: NewsSetResult[]
}

/** How many times the timed loop goes through a set's questions. */
const REPEATS = 10
const K = 5

export async function runNews(
  EngineCtor: typeof Engine, corpusDir: string, sets: readonly [name: string, path: string][], log: (line: string) => void,
): Promise<NewsRun> {
  const root = mkdtempSync(join(tmpdir(), 'bench-news-'))
  try {
    let t = performance.now()
    await EngineCtor.open({ seedsDir: corpusDir, indexDir: root, rebuild: true })
    const buildMs = performance.now() - t
    t = performance.now()
    const engine = await EngineCtor.open({ seedsDir: corpusDir, indexDir: root })
    const loadMs = performance.now() - t
    log(`[news] ${engine.articles.length} articles, ${engine.chunks.length} paragraphs: build ${buildMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms`)
    const docs = engine.chunks.map((c) => ({ id: c.id, text: c.title ? `${c.title}\n${c.text}` : c.text }))
    const peers = PEERS.map((peer) => {
      const run = peer.create()
      try {
        // Build, then the persistence round trip every peer's search runs after (FTS5 opens its index in load).
        run.build(docs)
        run.save()
        run.load()
        return { name: peer.name, run, error: null as string | null }
      } catch (error) {
        return { name: peer.name, run: null, error: String(error) }
      }
    })
    const out: NewsSetResult[] = []
    for (const [name, path] of sets) {
      const questions = loadNewsQuestions(path)
      const rows: NewsRow[] = [engineRow(engine, questions)]
      for (const p of peers) rows.push(p.run ? peerRow(p.name, p.run, engine, questions) : { name: p.name, summary: null, p50Ms: null, p99Ms: null, error: p.error })
      log(`[news] ${name}: ${questions.length} questions`)
      out.push({ name, path, questions: questions.length, rows })
    }
    for (const p of peers) p.run?.close()
    return { corpus: corpusDir, articles: engine.articles.length, paragraphs: engine.chunks.length, buildMs, loadMs, sets: out }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

function engineRow(engine: Engine, questions: readonly NewsQuestion[]): NewsRow {
  const outcomes: NewsOutcome[] = questions.map((question) => {
    const a = engine.ask(question.q, { k: K })
    return { question, passages: a.citations.map((c) => c.chunk.text), outcome: a.outcome, answer: a.answer }
  })
  // The first stage's share, timed by wrapping SearchIndex.retrieve for the timed loop only.
  const stage: number[] = []
  const retrieve = Object.getOwnPropertyDescriptor(SearchIndex.prototype, 'retrieve')!.value as SearchIndex['retrieve']
  SearchIndex.prototype.retrieve = function (this: SearchIndex, ...args: Parameters<SearchIndex['retrieve']>) {
    const t = performance.now()
    const hits = retrieve.apply(this, args)
    stage.push(performance.now() - t)
    return hits
  }
  let latencies: { p50Ms: number; p99Ms: number }
  try {
    latencies = timed(questions, (q) => engine.ask(q, { k: K }))
  } finally {
    SearchIndex.prototype.retrieve = retrieve
  }
  const stageMs = { p50Ms: percentile(stage, 50), p99Ms: percentile(stage, 99) }
  return { name: 'this engine (ask)', summary: summariseNews(outcomes), ...latencies, stage: stageMs, error: null }
}

/** Peers are timed on one pass (MiniSearch's default fuzzy search takes ~0.1 s a question here); only `ask()` has a latency target. */
function peerRow(name: string, run: { search(q: string, k: number): { ids: number[] } }, engine: Engine, questions: readonly NewsQuestion[]): NewsRow {
  const outcomes: NewsOutcome[] = questions.map((question) => ({
    question,
    passages: run.search(question.q, K).ids.map((id) => engine.chunks[id]!.text),
  }))
  const latencies = timed(questions, (q) => run.search(q, K), 1)
  return { name, summary: summariseNews(outcomes), ...latencies, error: null }
}

function timed(questions: readonly NewsQuestion[], call: (q: string) => unknown, repeats = REPEATS): { p50Ms: number; p99Ms: number } {
  collectGarbage()
  const latencies: number[] = []
  for (let r = 0; r < repeats; r++) {
    for (const q of questions) {
      const t = performance.now()
      call(q.q)
      latencies.push(performance.now() - t)
    }
  }
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) }
}

const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3).replace(/^0\./, '.'))
const f2 = (x: number | null): string => (x === null ? '–' : x.toFixed(2))

/** The markdown tables of a news run. */
export function renderNews(run: NewsRun): string {
  const lines = [
    `## News corpus: ${run.articles} articles, ${run.paragraphs} paragraphs (${run.corpus})`,
    '',
    `Engine index: build ${run.buildMs.toFixed(0)} ms, load ${run.loadMs.toFixed(0)} ms. Peers index the same paragraphs with the headline prepended.`,
    'Precision: claimed short answers that are right (contain an accepted answer, at most max(12, 3 × its words) words) over all',
    'claimed; coverage: right short answers over answerable questions; P@1 / Hit@3 / Hit@5 by the citations, whatever the outcome.',
  ]
  for (const set of run.sets) {
    lines.push('', `### ${set.name} (${set.questions} questions; ${set.path})`, '')
    lines.push('| engine | P@1 | Hit@3 | Hit@5 | precision | coverage | unanswerable given a short answer | off-topic declined | answerable declined | p50 / p99 ms |')
    lines.push('|---|---|---|---|---|---|---|---|---|---|')
    for (const r of set.rows) {
      const s = r.summary
      if (!s) {
        lines.push(`| ${r.name} | failed: ${r.error ?? '?'} | | | | | | | | |`)
        continue
      }
      const claims = s.claimed === undefined ? '' : ` (${s.claimed} claimed)`
      lines.push(`| ${r.name} | ${f3(s.p1)} | ${f3(s.hit3)} | ${f3(s.hit5)} | ${f3(s.precision)}${claims} | ${f3(s.coverage)} | ${f3(s.unanswerableClaimed)} | ${f3(s.offTopicDeclined)} | ${f3(s.answerableDeclined)} | ${f2(r.p50Ms)} / ${f2(r.p99Ms)} |`)
    }
    const stage = set.rows[0]?.stage
    if (stage) lines.push('', `First stage (SearchIndex.retrieve) within ask(): p50 ${f2(stage.p50Ms)} ms, p99 ${f2(stage.p99Ms)} ms.`)
    const kinds = set.rows[0]?.summary?.byKind ?? {}
    lines.push('', '| kind (this engine) | questions | P@1 | short answers claimed | right |', '|---|---|---|---|---|')
    for (const [kind, v] of Object.entries(kinds)) lines.push(`| ${kind} | ${v.n} | ${kind === 'unanswerable' || kind === 'offtopic' ? '–' : v.p1} | ${v.claimed} | ${v.right} |`)
    const best = set.rows.slice(1).reduce((m, r) => Math.max(m, r.summary?.p1 ?? 0), 0)
    if (set.rows.length > 1 && (set.rows[0]?.summary?.answerable ?? 0) > 0) lines.push('', `P@1 lead over the best lexical peer: ${((((set.rows[0]?.summary?.p1 ?? 0) - best)) * 100).toFixed(1)} points.`)
  }
  return `${lines.join('\n')}\n`
}
