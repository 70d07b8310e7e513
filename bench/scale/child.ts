// One measurement of `--scale`, in a fresh process (started by spawnChild.ts with the job as its one argument):
//
//   build   builds the subject's index and persists it (the engine also writes the peers' documents, untimed)
//   serve   opens the persisted index and answers the first question: the parent times spawn → that line, which
//           carries this process's peak RSS so far; then times every question after a warm-up
//
// It prints one JSON line per step on stdout. It imports only its own subject, so a peer's figures never include
// the engine's modules.
import { readFileSync, writeFileSync } from 'node:fs'
import { percentile } from '../metrics.js'
import { loadSubject } from './subjects/index.js'
import type { BuildReport, ChildJob, FirstAnswerReport, LatencyReport, ScaleDoc } from './types.js'

/** Questions asked untimed before timing; timed calls wanted (the list is repeated to reach them), unless a whole
 * pass has been timed and this much time has gone by (MiniSearch's default search takes ~0.2 s a question on news). */
const WARMUP = 50
const TIMED_CALLS = 300
const TIMED_BUDGET_MS = 20_000

function emit(step: 'built', report: BuildReport): void
function emit(step: 'first', report: FirstAnswerReport): void
function emit(step: 'latency', report: LatencyReport): void
function emit(step: string, report: object): void {
  process.stdout.write(`${JSON.stringify({ step, ...report })}\n`)
}

async function build(job: ChildJob): Promise<void> {
  const subject = await loadSubject(job.subject)
  const docs = subject.needsDocs ? (JSON.parse(readFileSync(job.docsFile, 'utf8')) as ScaleDoc[]) : []
  const t = performance.now()
  const built = await subject.build({ seedsDir: job.seedsDir, indexDir: job.indexDir, docs })
  const buildMs = performance.now() - t
  if (built.docs) writeFileSync(job.docsFile, JSON.stringify(built.docs()))
  emit('built', { buildMs, paragraphs: built.paragraphs, ...(built.articles !== undefined ? { articles: built.articles } : {}) })
}

async function serve(job: ChildJob): Promise<void> {
  const questions = JSON.parse(readFileSync(job.questionsFile, 'utf8')) as string[]
  if (questions.length === 0) throw new Error('no questions')
  const subject = await loadSubject(job.subject)
  const t = performance.now()
  const opened = await subject.open({ seedsDir: job.seedsDir, indexDir: job.indexDir })
  const loadMs = performance.now() - t
  const asked = performance.now()
  opened.answer(questions[0]!)
  const firstAskMs = performance.now() - asked
  // maxRSS is in kilobytes.
  emit('first', { loadMs, firstAskMs, peakRssMB: process.resourceUsage().maxRSS / 1024, ...(opened.origin ? { origin: opened.origin } : {}) })

  for (const q of questions.slice(1, 1 + WARMUP)) opened.answer(q)
  const latencies: number[] = []
  const started = performance.now()
  for (let i = 0; latencies.length < TIMED_CALLS; i++) {
    if (i >= questions.length && performance.now() - started > TIMED_BUDGET_MS) break
    const start = performance.now()
    opened.answer(questions[i % questions.length]!)
    latencies.push(performance.now() - start)
  }
  emit('latency', { asked: latencies.length, wanted: TIMED_CALLS, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) })
}

const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob
try {
  await (job.phase === 'build' ? build(job) : serve(job))
  // Stdout is a pipe, written synchronously on Linux; exit now rather than wait for timers an engine may keep.
  process.exit(0)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
}
