// The growth curve as markdown: one table per corpus, the run's date and machine above, what each column means below.
import type { ScaleReport, ScaleRow } from './types.js'

const int = (n: number | null): string => (n === null ? '–' : Math.round(n).toLocaleString('en-US'))
const ms = (n: number | null): string => (n === null ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n))
const mb = (n: number | null): string => (n === null ? '–' : n < 1 ? n.toFixed(2) : n < 10 ? n.toFixed(1) : int(n))

function row(r: ScaleRow): string {
  if (r.error !== null) return `| ${r.name} | failed: ${r.error.replace(/\|/g, '\\|')} | | | | | | | |`
  const notes = r.notes.length > 0 ? ` (${r.notes.join('; ')})` : ''
  return `| ${r.name}${notes} | ${int(r.paragraphs)} | ${ms(r.buildMs)} | ${mb(r.indexMB)} | ${ms(r.loadMs)} | ${ms(r.firstAnswerMs)} | ${mb(r.peakRssMB)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} |`
}

export function renderScale(report: ScaleReport): string {
  const m = report.machine
  const lines = [
    '## Growth curve (`npm run bench -- --scale`)',
    '',
    `${m.date.slice(0, 10)} · node ${m.node} · ${m.cpu}, ${m.cores} cores, ${m.totalMemoryGB} GB · run took ${Math.round(report.runtimeSeconds)} s`,
  ]
  for (const c of report.corpora) {
    const paragraphs = c.rows[0]?.paragraphs
    const size = [c.articles !== null ? `${int(c.articles)} articles` : null, paragraphs != null ? `${int(paragraphs)} paragraphs` : null].filter(Boolean).join(', ')
    lines.push('', `### ${c.name}${size ? `: ${size}` : ''} (${c.source}; ${c.questions} questions)`, '')
    lines.push('| engine | paragraphs | build ms | index MB | load ms | first answer ms | peak RSS MB | p50 ms | p99 ms |')
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const r of c.rows) lines.push(row(r))
  }
  lines.push(
    '',
    '- build: a fresh process builds the index and saves it to disk (this engine: `Engine.open({ seedsDir, indexDir, rebuild: true })`, ' +
      'what `npm run index` does, reading and splitting the articles included; MiniSearch: `addAll` + `toJSON` to a file; ' +
      'FTS5: inserts into an on-disk database). The peers index this engine\'s paragraphs, headline prepended, handed to them already split.',
    '- load: in a fresh process, opening the saved index (this engine: `Engine.open` on it; MiniSearch: reading the file + `loadJSON`; FTS5: opening the database read-only).',
    '- first answer: from spawning that fresh process (`node --import tsx`, the subject\'s modules only) to its first answer, as the parent saw it; ' +
      'peak RSS: that process\'s `process.resourceUsage().maxRSS` right after the answer. ' +
      '"this engine, `npm run ask`": the command the `ask` script runs (without npm), `--json` and one question, on the same saved index, ' +
      'from spawn to the answer on stdout; its peak RSS is read at exit in every Node process it starts.',
    '- p50/p99: the same process, after a warm-up of 50 questions, every question timed, the list repeated to 300 calls (or fewer, once a whole pass has taken 20 s): ' +
      'this engine\'s whole `ask()`, the peers\' bare search (top 10 ids).',
  )
  return `${lines.join('\n')}\n`
}
