// Markdown/YAML-style front matter at the top of a file:
//   ---
//   title: Xi and Trump Speak Via Phone
//   source: Council on Foreign Relations
//   date: 2025-01-17
//   url: https://example.org/xi-trump
//   ---
// Only simple `key: value` lines are read (values may be quoted); nested YAML is tolerated and ignored. No
// YAML library: the block is recognised only when every line in it looks like front matter, so a "---" rule
// above ordinary text is never mistaken for it.

import type { Line } from './lines.js'
import { parseDateValue } from './dates.js'

export interface FrontMatter {
  /** Index (0-based) of the closing `---` line. */
  endIndex: number
  title: string | null
  source: string | null
  date: string | null
  url: string | null
  /** Values that were present but unusable, for a warning. */
  problems: string[]
}

const MAX_FRONT_MATTER_LINES = 60
const KEY_LINE = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/
const ALIASES: Record<string, 'title' | 'source' | 'date' | 'url'> = {
  title: 'title', headline: 'title',
  source: 'source', outlet: 'source', publisher: 'source', publication: 'source',
  date: 'date', published: 'date', pubdate: 'date', published_at: 'date', publish_date: 'date',
  url: 'url', link: 'url', canonical: 'url', canonical_url: 'url', permalink: 'url',
}

function unquote(value: string): string {
  const v = value.trim()
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1).trim()
  }
  return v
}

/** The front matter at the top of `text`, or null when the file has none. */
export function parseFrontMatter(text: string, lines: readonly Line[]): FrontMatter | null {
  const at = (i: number): string => text.slice(lines[i]!.start, lines[i]!.end)
  if (lines.length < 3 || at(0).replace(/^\uFEFF/, '').trimEnd() !== '---') return null
  const fields: Partial<Record<'title' | 'source' | 'date' | 'url', string>> = {}
  let keys = 0
  const last = Math.min(lines.length, MAX_FRONT_MATTER_LINES + 1)
  for (let i = 1; i < last; i++) {
    const raw = at(i)
    if ((raw.trimEnd() === '---' || raw.trimEnd() === '...') && keys > 0) {
      return finish(i, fields)
    }
    const m = KEY_LINE.exec(raw.trimEnd())
    if (m !== null) {
      keys++
      const field = ALIASES[m[1]!.toLowerCase()]
      const value = unquote(m[2] ?? '')
      if (field !== undefined && value !== '' && fields[field] === undefined) fields[field] = value
      continue
    }
    // Comments, nested values, list items and blank lines may sit inside; anything else means "not front matter".
    if (raw.trim() === '' || /^\s*#/.test(raw) || /^\s+\S/.test(raw) || /^-\s/.test(raw)) continue
    return null
  }
  return null
}

function finish(endIndex: number, fields: Partial<Record<'title' | 'source' | 'date' | 'url', string>>): FrontMatter {
  const problems: string[] = []
  let date: string | null = null
  if (fields.date !== undefined) {
    date = parseDateValue(fields.date)
    if (date === null) problems.push(`front matter date "${fields.date}" is not a date; ignored`)
  }
  return {
    endIndex,
    title: fields.title ?? null,
    source: fields.source ?? null,
    date,
    url: fields.url ?? null,
    problems,
  }
}
