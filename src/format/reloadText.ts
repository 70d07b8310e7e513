// A reload's report → text for the REPL's `:reload` (and the parts `/reload` shares): what was added, changed,
// removed and skipped, by file, and how long it took. No Discord code here: the REPL must not load discord.js.
import picocolors from 'picocolors'
import type { ReloadReport } from '../engine.js'
import { oneLine } from './sanitize.js'
import type { TextOptions } from './text.js'

/** Files listed per group in the terminal; the rest are counted. */
const TEXT_FILES_PER_GROUP = 20

export interface Group {
  heading: string
  files: { file: string; reason?: string }[]
}

export function groups(report: ReloadReport): Group[] {
  const files = (list: readonly string[]) => list.map((file) => ({ file }))
  return [
    { heading: 'Added', files: files(report.added) },
    { heading: 'Changed', files: files(report.changed) },
    { heading: 'Removed', files: files(report.removed) },
    { heading: 'Skipped', files: report.skipped },
  ]
}

export function counts(report: ReloadReport): string {
  const { added, changed, removed, skipped } = report
  return `${added.length} added, ${changed.length} changed, ${removed.length} removed, ${skipped.length} skipped`
}

export const isUnchanged = (r: ReloadReport) => r.added.length + r.changed.length + r.removed.length === 0
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
export const size = (r: ReloadReport) => `${plural(r.articles, 'article', 'articles')}, ${plural(r.chunks, 'paragraph', 'paragraphs')}`

/**
 * "Reloaded in 12 ms: 1 added, 0 changed, 0 removed, 1 skipped. Now 4 articles, 55 paragraphs." then the files
 * of each group that has any (skipped ones with the reason).
 */
export function formatReload(report: ReloadReport, options: TextOptions = {}): string {
  const c = picocolors.createColors(options.color ?? false)
  const ms = Math.round(report.ms)
  const head = isUnchanged(report)
    ? `No changes (checked in ${ms} ms): ${size(report)}, ${report.skipped.length} skipped.`
    : `Reloaded in ${ms} ms: ${counts(report)}. Now ${size(report)}.`
  const lines = [head]
  for (const group of groups(report)) {
    if (group.files.length === 0) continue
    lines.push(c.bold(`${group.heading}:`))
    for (const { file, reason } of group.files.slice(0, TEXT_FILES_PER_GROUP)) lines.push(`  ${oneLine(file)}${reason ? `: ${oneLine(reason)}` : ''}`)
    const more = group.files.length - TEXT_FILES_PER_GROUP
    if (more > 0) lines.push(c.dim(`  … and ${more} more`))
  }
  return lines.join('\n')
}

