// The optional sidecar: `metadata.json` at the top of the corpus folder, where the maintainer of a corpus
// sets or corrects an article's citation metadata.
//
//   {
//     "xi-call.txt": { "title": "Xi and Trump Speak Via Phone", "source": "Council on Foreign Relations",
//                      "url": "https://example.org/xi-trump-call" },
//     "asia/han-zheng.md": { "date": "2025-01-17" },
//     "wire-copy.txt": { "title": null }
//   }
//
// - Keys are file paths relative to the corpus folder, with forward slashes ("world/a.txt"). The displayed
//   path ("seeds/world/a.txt") is accepted too.
// - Each value may give any of "title", "source" (the outlet), "date" ("YYYY-MM-DD", a real calendar date) and
//   "url" (http or https). A string sets the field, overriding what was detected in the text; null clears a
//   detected value (e.g. a wrong title, as for wire-copy.txt above); a field left out keeps what was detected.
// - Unknown fields, a bad date or URL, or invalid JSON: the whole file is ignored with one warning, and the
//   articles keep their detected metadata. Entries naming files that were not loaded get one warning.
// - The sidecar is not an article. Editing it changes the corpus fingerprint, so the index is rebuilt.

import * as v from 'valibot'
import type { ArticleMeta } from '../types.js'
import { isYmd } from './dates.js'

export const SIDECAR_NAME = 'metadata.json'

export type SidecarEntry = Partial<Pick<ArticleMeta, 'title' | 'source' | 'date' | 'url'>>

const FIELDS = 'is not a field (title, source, date or url)'
const text = v.nullish(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty (use null to clear)')))
const entrySchema = v.strictObject(
  {
    title: text,
    source: text,
    date: v.nullish(v.pipe(v.string(), v.check(isYmd, 'must be a real date written YYYY-MM-DD'))),
    url: v.nullish(v.pipe(v.string(), v.url('must be an http(s) URL'), v.check((url) => /^https?:$/.test(new URL(url).protocol), 'must be an http(s) URL'))),
  },
  FIELDS,
)
// An array is an object to `record`; the check turns it away first (its issue has no path: the message says what is expected).
const sidecarSchema = v.pipe(
  v.unknown(),
  v.check((data) => !Array.isArray(data)),
  v.record(v.pipe(v.string(), v.minLength(1, 'a file path must not be empty')), entrySchema),
)

export type ParsedSidecar = { ok: true; entries: Map<string, SidecarEntry> } | { ok: false; reason: string }

/** Parses and validates the sidecar's text. Never throws. */
export function parseSidecar(json: string): ParsedSidecar {
  let data: unknown
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''))
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` }
  }
  const parsed = v.safeParse(sidecarSchema, data)
  if (!parsed.success) {
    const issues = parsed.issues.slice(0, 3).map((issue) => {
      if (!issue.path?.length) return 'expected an object that maps file paths to metadata'
      const [file, ...field] = issue.path.map((item) => String(item.key))
      return `${JSON.stringify(file)}${field.map((f) => `.${f}`).join('')}: ${issue.message}`
    })
    const more = parsed.issues.length > 3 ? `; and ${parsed.issues.length - 3} more` : ''
    return { ok: false, reason: `${issues.join('; ')}${more}` }
  }
  const entries = new Map<string, SidecarEntry>()
  for (const [key, value] of Object.entries(parsed.output)) entries.set(normaliseKey(key), value)
  return { ok: true, entries }
}

function normaliseKey(key: string): string {
  return key.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '')
}

/** The entry for a file and its key, looked up by the path relative to the folder, then by the displayed path. */
export function sidecarEntry(
  entries: ReadonlyMap<string, SidecarEntry>,
  relativePath: string,
  displayPath: string,
): { key: string; entry: SidecarEntry } | undefined {
  for (const key of [relativePath, displayPath]) {
    const entry = entries.get(key)
    if (entry !== undefined) return { key, entry }
  }
  return undefined
}
