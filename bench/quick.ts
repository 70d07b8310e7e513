// `--quick` is CI's smoke run (.ci/run): it fails when any engine or peer did not run, or ran but found too few
// gold passages to be working. The floors sit far below every engine's figures (SQuAD R@5 .88–.96, news Hit@5
// .5–.8), so only a broken engine trips them; the samples are seeded, so the same code gives the same figures.
import type { NewsRun } from './news/runNews.js'
import type { BenchReport } from './report.js'

/** Least share of answerable SQuAD questions whose gold paragraph is in the top 5. */
export const MIN_SQUAD_R5 = 0.5
/**
 * Least precision and coverage of an answering engine's claimed short answers on SQuAD (it claims only those it is
 * probably right about, ~.8 and ~.13 of the answerable questions; end-to-end F1 counts the rest as empty).
 */
export const MIN_SQUAD_PRECISION = 0.4
export const MIN_SQUAD_COVERAGE = 0.05
/** Least share of answerable news questions with a right passage in the top 5. */
export const MIN_NEWS_HIT5 = 0.2

/** What is broken, one line each; empty when everything ran. `news` is undefined when it was not meant to run. */
export function quickFailures(report: BenchReport, news: NewsRun | null | undefined): string[] {
  const failures: string[] = []
  for (const set of report.datasets) {
    for (const engine of set.engines) {
      const where = `${engine.name} on ${set.name}`
      if (engine.error !== null) {
        failures.push(`${where}: failed: ${engine.error}`)
        continue
      }
      const r5 = engine.retrieval?.all.r5 ?? 0
      if (r5 < MIN_SQUAD_R5) failures.push(`${where}: R@5 ${r5.toFixed(3)}, below ${MIN_SQUAD_R5}`)
      const answers = engine.answers?.all
      const precision = answers?.precision ?? 0
      const coverage = answers?.coverage ?? 0
      if (engine.kind === 'engine' && (!(precision >= MIN_SQUAD_PRECISION) || !(coverage >= MIN_SQUAD_COVERAGE))) {
        failures.push(`${where}: short answers' precision ${precision.toFixed(3)} and coverage ${coverage.toFixed(3)}, below ${MIN_SQUAD_PRECISION} or ${MIN_SQUAD_COVERAGE}`)
      }
      for (const note of engine.notes) if (note.startsWith('persistence')) failures.push(`${where}: ${note}`)
    }
  }
  if (news === null) failures.push('news: not run (the engine did not load)')
  for (const set of news?.sets ?? []) {
    for (const row of set.rows) {
      const where = `${row.name} on ${set.name}`
      if (row.summary === null) failures.push(`${where}: failed: ${row.error ?? 'no result'}`)
      else if (row.summary.hit5 < MIN_NEWS_HIT5) failures.push(`${where}: Hit@5 ${row.summary.hit5.toFixed(3)}, below ${MIN_NEWS_HIT5}`)
    }
  }
  return failures
}
