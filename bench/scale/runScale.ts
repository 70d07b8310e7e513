// `npm run bench -- --scale`: the growth curve. For each corpus (corpora.ts), each subject (this engine, MiniSearch
// with default options, SQLite FTS5) is measured in fresh child processes (child.ts): one builds and persists the
// index; the next opens the persisted index, gives its first answer, and times every question. All in one run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BenchArgs } from '../args.js'
import { REPO_ROOT } from '../args.js'
import { machineInfo } from '../machine.js'
import { toMB } from '../memory.js'
import { folderBytes } from '../runEngine.js'
import { prepareCorpora } from './corpora.js'
import { runCliAnswer } from './cliAnswer.js'
import { renderScale } from './render.js'
import { renderScaleSvg } from './svg.js'
import { runChild } from './spawnChild.js'
import type { ChildLine } from './spawnChild.js'
import { SUBJECT_NAMES } from './subjects/index.js'
import type { ChildJob, ScaleCorpusResult, ScaleReport, ScaleRow } from './types.js'

function step(lines: readonly ChildLine[], name: string): ChildLine {
  const line = lines.find((l) => l.step === name)
  if (!line) throw new Error(`the child printed no "${name}" line`)
  return line
}

const num = (line: ChildLine, key: string): number => {
  const value = line[key]
  if (typeof value !== 'number') throw new Error(`the child's "${line.step}" line has no number ${key}`)
  return value
}

/** Builds, then serves, one subject on one corpus; a failure is kept in the row, not thrown. */
async function measure(name: string, job: Omit<ChildJob, 'phase' | 'subject' | 'indexDir'>, indexDir: string): Promise<ScaleRow & { articles?: number }> {
  const row: ScaleRow & { articles?: number } = {
    name, paragraphs: null, buildMs: null, indexMB: null, loadMs: null, firstAskMs: null, firstAnswerMs: null, peakRssMB: null, p50Ms: null, p99Ms: null, error: null, notes: [],
  }
  try {
    mkdirSync(indexDir, { recursive: true })
    const built = step(await runChild({ ...job, phase: 'build', subject: name, indexDir }), 'built')
    row.buildMs = num(built, 'buildMs')
    row.paragraphs = num(built, 'paragraphs')
    if (typeof built.articles === 'number') row.articles = built.articles
    row.indexMB = toMB(folderBytes(indexDir))
    const served = await runChild({ ...job, phase: 'serve', subject: name, indexDir })
    const first = step(served, 'first')
    row.firstAnswerMs = first.atMs
    row.loadMs = num(first, 'loadMs')
    row.firstAskMs = num(first, 'firstAskMs')
    row.peakRssMB = num(first, 'peakRssMB')
    if (first.origin !== undefined && first.origin !== 'loaded') row.notes.push(`index ${String(first.origin)}, not loaded as saved`)
    const latency = step(served, 'latency')
    row.p50Ms = num(latency, 'p50Ms')
    row.p99Ms = num(latency, 'p99Ms')
    if (num(latency, 'asked') < num(latency, 'wanted')) row.notes.push(`latency over ${num(latency, 'asked')} calls`)
  } catch (error) {
    row.error = error instanceof Error ? error.message : String(error)
  }
  return row
}

/** The engine's first answer through `npm run ask`'s command, on the index its build child saved. */
async function measureCli(engine: ScaleRow, seedsDir: string, indexDir: string, question: string, rssFile: string): Promise<ScaleRow> {
  const row: ScaleRow = {
    name: 'this engine, `npm run ask`', paragraphs: engine.paragraphs, buildMs: null, indexMB: null, loadMs: null, firstAskMs: null, firstAnswerMs: null, peakRssMB: null, p50Ms: null, p99Ms: null, error: null, notes: [],
  }
  try {
    // Once untimed: a launcher that compiles what changed since its last run does it now, not in the timed run.
    await runCliAnswer(seedsDir, indexDir, question, `${rssFile}.warm`)
    const cli = await runCliAnswer(seedsDir, indexDir, question, rssFile)
    row.firstAnswerMs = cli.firstAnswerMs
    row.peakRssMB = cli.peakRssMB
  } catch (error) {
    row.error = error instanceof Error ? error.message : String(error)
  }
  return row
}

export async function runScale(args: BenchArgs, log: (line: string) => void): Promise<number> {
  const started = performance.now()
  const root = mkdtempSync(join(tmpdir(), 'bench-scale-'))
  try {
    const corpora = prepareCorpora(root, args).filter((c) => args.scaleOnly === null || c.name.startsWith(args.scaleOnly))
    const results: ScaleCorpusResult[] = []
    for (const [i, corpus] of corpora.entries()) {
      const dir = join(root, `run-${i}`)
      mkdirSync(dir)
      const questionsFile = join(dir, 'questions.json')
      writeFileSync(questionsFile, JSON.stringify(corpus.questions))
      const job = { seedsDir: corpus.seedsDir, docsFile: join(dir, 'docs.json'), questionsFile }
      const result: ScaleCorpusResult = { name: corpus.name, source: corpus.source, articles: null, questions: corpus.questions.length, rows: [] }
      for (const [s, name] of SUBJECT_NAMES.entries()) {
        if (s > 0 && args.skipPeers) continue
        const indexDir = join(dir, `index-${s}`)
        const { articles, ...row } = await measure(name, job, indexDir)
        if (articles !== undefined) result.articles = articles
        result.rows.push(row)
        // The engine's index, saved by its build child, is the one the CLI finds.
        if (s === 0 && row.error === null) result.rows.push(await measureCli(row, corpus.seedsDir, indexDir, corpus.questions[0]!, join(dir, 'cli-rss.txt')))
      }
      for (const row of result.rows) {
        const f = (n: number | null, unit: string): string => (n === null ? '–' : `${n.toFixed(0)} ${unit}`)
        log(`[scale] ${corpus.name} · ${row.name}: ${row.error ?? `build ${f(row.buildMs, 'ms')}, load ${f(row.loadMs, 'ms')}, first ask ${f(row.firstAskMs, 'ms')}, first answer ${f(row.firstAnswerMs, 'ms')}, peak RSS ${f(row.peakRssMB, 'MB')}`}`)
      }
      results.push(result)
    }
    const report: ScaleReport = { machine: machineInfo(), runtimeSeconds: (performance.now() - started) / 1000, corpora: results }
    process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : renderScale(report))
    // The picture docs/benchmarks.md shows: only from a run of every corpus.
    if (args.scaleOnly === null) {
      const svg = join(REPO_ROOT, 'docs', 'growth.svg')
      mkdirSync(dirname(svg), { recursive: true })
      writeFileSync(svg, renderScaleSvg(report))
      log(`[scale] wrote ${svg}`)
    }
    return results.some((c) => c.rows.some((r) => r.error !== null)) ? 1 : 0
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
