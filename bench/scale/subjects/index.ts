// The subjects of `--scale`, in table order. The engine comes first: its build writes the peers' documents.
// Each is imported only by the child process that measures it, so a peer's start-up and memory never include
// the engine's modules (nor the other peer's).
import type { ScaleSubject } from './types.js'

export const SUBJECT_NAMES = ['this engine (ask)', 'MiniSearch 7 default', 'SQLite FTS5 (porter unicode61)'] as const

const LOADERS: Record<string, () => Promise<ScaleSubject>> = {
  'this engine (ask)': async () => (await import('./engine.js')).engineSubject,
  'MiniSearch 7 default': async () => (await import('./minisearch.js')).minisearchSubject,
  'SQLite FTS5 (porter unicode61)': async () => (await import('./fts5.js')).fts5Subject,
}

export async function loadSubject(name: string): Promise<ScaleSubject> {
  const load = LOADERS[name]
  if (!load) throw new Error(`--scale: no subject named ${name}`)
  const subject = await load()
  if (subject.name !== name) throw new Error(`--scale: ${name} loaded as ${subject.name}`)
  return subject
}
