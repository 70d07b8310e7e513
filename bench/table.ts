// Renders a benchmark report as markdown: retrieval, answers, decline baselines, then speed and memory.
import type { AnswerSummary, RetrievalSummary } from './evaluate.js'
import type { BenchReport, DatasetResult, EngineResult } from './report.js'

const DATASET_TITLES: Record<string, string> = { 'v1.1': 'SQuAD 1.1 dev', 'v2.0': 'SQuAD 2.0 dev' }

/** `.717`: a rate as the issue writes it. */
function rate(value: number | undefined | null): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '–'
  return value >= 1 ? '1.000' : value.toFixed(3).replace(/^0/, '')
}

function fixed(value: number | undefined | null, digits: number): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–'
  return value.toFixed(digits)
}

/** Latency: two decimals below 10 ms, one above. */
function ms(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–'
  return value < 10 ? value.toFixed(2) : value.toFixed(1)
}

/** A threshold: six significant digits below 10, so a confidence cut of 0.99996 does not print as 1.000. */
function threshold(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'decline all' : 'answer all'
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toPrecision(6)
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

function header(cells: readonly string[]): string[] {
  return [row(cells), row(cells.map((_cell, i) => (i === 0 ? '---' : '---:')))]
}

function retrievalCells(r: RetrievalSummary | null | undefined): string[] {
  return [rate(r?.r1), rate(r?.r5), rate(r?.mrr10)]
}

function datasetTitle(d: DatasetResult): string {
  const asked = d.asked < d.questions ? `${count(d.asked)} of ${count(d.questions)} questions (seeded sample)` : `${count(d.questions)} questions`
  const kinds = d.unanswerable > 0 ? ` (${count(d.answerable)} answerable, ${count(d.unanswerable)} unanswerable)` : ''
  return `${DATASET_TITLES[d.name] ?? d.name}: ${d.articles} articles, ${count(d.paragraphs)} paragraphs, ${asked}${kinds}`
}

export function retrievalTable(d: DatasetResult): string[] {
  const holdout = d.holdoutQuestions > 0
  const cells = ['engine', 'R@1', 'R@5', 'MRR@10']
  if (holdout) cells.push('hold-out R@1', 'R@5', 'MRR@10')
  cells.push('p50 ms', 'p99 ms')
  const lines = header(cells)
  for (const e of d.engines) {
    if (e.error !== null) {
      lines.push(row([e.name, `failed: ${e.error.replace(/\|/g, '/').slice(0, 120)}`, ...cells.slice(2).map(() => '')]))
      continue
    }
    const out = [e.name, ...retrievalCells(e.retrieval?.all)]
    if (holdout) out.push(...retrievalCells(e.retrieval?.holdout))
    out.push(ms(e.speed?.p50Ms), ms(e.speed?.p99Ms))
    lines.push(row(out))
  }
  return lines
}

function answerCells(a: AnswerSummary): string[] {
  return [
    fixed(a.em, 1), fixed(a.f1, 1), rate(a.sentenceContainsAnswer), rate(a.precision), rate(a.coverage), rate(a.answerRate),
    rate(a.declineRate), rate(a.balancedAccuracy),
  ]
}

export function answersTable(d: DatasetResult): string[] {
  const engines = d.engines.filter((e) => e.answers !== null)
  if (engines.length === 0) return []
  const lines = header([
    'engine', 'subset', 'EM', 'F1', 'sentence ∋ answer', 'precision', 'coverage', 'short answer (answerable)', 'no short answer (unanswerable)', 'balanced acc.',
  ])
  for (const e of engines) {
    if (!e.answers) continue
    lines.push(row([e.name, 'all', ...answerCells(e.answers.all)]))
    if (e.answers.holdout) lines.push(row([e.name, '13 hold-out articles', ...answerCells(e.answers.holdout)]))
  }
  const official = engines.find((e) => e.answers?.all.officialF1 !== undefined)?.answers?.all
  if (official) {
    lines.push('', `Official SQuAD 2.0 scoring over all questions (declining an unanswerable one scores 100): EM ${fixed(official.officialEm, 1)}, F1 ${fixed(official.officialF1, 1)}.`)
  }
  return lines
}

export function baselinesTable(d: DatasetResult): string[] {
  if (d.baselines.length === 0) return []
  const lines = header(['decline baseline: best single threshold on', 'threshold', 'answered (answerable)', 'declined (unanswerable)', 'balanced acc.'])
  for (const b of d.baselines) {
    lines.push(row([b.score, threshold(b.result.threshold), rate(b.result.answerRate), rate(b.result.declineRate), rate(b.result.balancedAccuracy)]))
  }
  return lines
}

function speedRow(d: DatasetResult, e: EngineResult): string {
  const s = e.speed
  const m = e.memory
  return row([
    e.name, d.name, ms(s?.buildMs), ms(s?.saveMs), ms(s?.loadMs),
    fixed(s?.indexBytes === null || s?.indexBytes === undefined ? null : s.indexBytes / 1024 ** 2, 1),
    ms(s?.p50Ms), ms(s?.p99Ms), fixed(m?.heapDeltaMB, 1), fixed(m?.rssDeltaMB, 1),
  ])
}

export function speedTable(report: BenchReport): string[] {
  const lines = header(['engine', 'set', 'build ms', 'save ms', 'load ms', 'index MB', 'p50 ms', 'p99 ms', 'heap Δ MB', 'RSS Δ MB'])
  for (const d of report.datasets) for (const e of d.engines) if (e.error === null) lines.push(speedRow(d, e))
  return lines
}

export function datasetSection(d: DatasetResult): string[] {
  const lines = [`### ${datasetTitle(d)}`, '', ...retrievalTable(d)]
  const answers = answersTable(d)
  if (answers.length > 0) lines.push('', ...answers)
  const baselines = baselinesTable(d)
  if (baselines.length > 0) lines.push('', ...baselines)
  const notes = d.engines.flatMap((e) => e.notes.map((n) => `- ${e.name}: ${n}`))
  if (notes.length > 0) lines.push('', ...notes)
  return lines
}

export function renderReport(report: BenchReport): string {
  const m = report.machine
  const lines = [
    `## Benchmark (${report.mode} run)`,
    '',
    `${m.date.slice(0, 10)} · node ${m.node} · ${m.cpu}, ${m.cores} cores, ${m.totalMemoryGB} GB · ` +
      `run took ${report.runtimeSeconds.toFixed(0)} s · RSS at end ${report.rssEndMB.toFixed(0)} MB`,
    '',
    'Gold = the question\'s own paragraph; R@k and MRR on answerable questions; OR-query of the question\'s terms for every peer. ' +
      'Latency: engine = whole `ask()`; peers = bare search. EM/F1 end to end (a declined or null answer scores 0), official normalisation.',
  ]
  for (const d of report.datasets) lines.push('', ...datasetSection(d))
  lines.push('', '### Speed and memory', '', ...speedTable(report))
  lines.push('', 'save/load: MiniSearch toJSON/loadJSON, lunr toJSON/Index.load, wink exportJSON/importJSON, FTS5 close/reopen of an on-disk database; ' +
    'index MB = serialised size (FTS5: the database file). ' +
    `Memory deltas are over the build, after ${report.gcAvailable ? 'a forced GC' : 'no forced GC (unavailable)'}: heap Δ is what the index keeps on the JS heap ` +
    '(FTS5 keeps its index outside it); RSS Δ is noisy and goes negative when the allocator returns memory freed by an earlier engine.')
  for (const note of report.notes) lines.push(`- ${note}`)
  return `${lines.join('\n')}\n`
}
