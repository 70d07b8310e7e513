import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { LoadedCorpus } from '../corpus/loadCorpus.js'
import { ANALYSER_VERSION } from './analyse.js'
import { buildSearchIndex, INDEX_OPTIONS, SearchIndex } from './searchIndex.js'
import type { SearchIndexJSON } from './searchIndex.js'

/** Bumped when the layout of the files below changes. */
export const INDEX_FORMAT_VERSION = 1
export const MANIFEST_FILE = 'manifest.json'
export const INDEX_FILE = 'index.json'

/** What an index was built from. A persisted index is used only when all of it matches the current corpus and code. */
export interface Manifest {
  formatVersion: number
  analyserVersion: string
  options: typeof INDEX_OPTIONS
  /** The corpus fingerprint: every file's path and SHA-256, and the sidecar. */
  fingerprint: string
  chunkCount: number
  files: { file: string; sha256: string }[]
  builtAt: string
}

export type IndexOrigin = 'loaded' | 'built' | 'memory'

/** Why a persisted index is not used, or null when it is current. Pure. */
export function staleness(manifest: unknown, current: Omit<Manifest, 'builtAt'>): string | null {
  if (!manifest || typeof manifest !== 'object') return 'manifest is not an object'
  const m = manifest as Partial<Manifest>
  if (m.formatVersion !== current.formatVersion) return `index format ${String(m.formatVersion)} → ${current.formatVersion}`
  if (m.analyserVersion !== current.analyserVersion) return `analyser ${String(m.analyserVersion)} → ${current.analyserVersion}`
  if (JSON.stringify(m.options) !== JSON.stringify(current.options)) return 'index options changed'
  if (m.fingerprint !== current.fingerprint) {
    const before = new Map((m.files ?? []).map((f) => [f.file, f.sha256]))
    const changed = current.files.filter((f) => before.get(f.file) !== f.sha256).map((f) => f.file)
    const removed = [...before.keys()].filter((f) => !current.files.some((c) => c.file === f))
    const parts = [
      changed.length ? `changed or added: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` (+${changed.length - 5})` : ''}` : '',
      removed.length ? `removed: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ` (+${removed.length - 5})` : ''}` : '',
    ].filter(Boolean)
    return parts.length ? `articles ${parts.join('; ')}` : 'article metadata changed'
  }
  if (m.chunkCount !== current.chunkCount) return 'chunk count changed'
  return null
}

function manifestFor(corpus: LoadedCorpus): Omit<Manifest, 'builtAt'> {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    analyserVersion: ANALYSER_VERSION,
    options: INDEX_OPTIONS,
    fingerprint: corpus.fingerprint,
    chunkCount: corpus.chunks.length,
    files: corpus.articles.map((a) => ({ file: a.file, sha256: a.sha256 })),
  }
}

/**
 * Loads the persisted index for `corpus` from `indexDir`, or builds it (and saves it) when it is missing,
 * stale or corrupt, or when `rebuild` is set. With `indexDir` null the index lives in memory only.
 * Never throws for a bad index directory: it logs a warning and carries on in memory.
 */
export async function openIndex(
  corpus: LoadedCorpus,
  indexDir: string | null,
  options: { rebuild?: boolean; logger?: Logger } = {},
): Promise<{ index: SearchIndex; origin: IndexOrigin }> {
  const log = options.logger?.child({ module: 'index' })
  if (indexDir === null) return { index: buildSearchIndex(corpus.chunks), origin: 'memory' }
  const current = manifestFor(corpus)

  if (!options.rebuild) {
    const loaded = await tryLoad(corpus, indexDir, current, log)
    if (loaded) return { index: loaded, origin: 'loaded' }
  }

  const t0 = performance.now()
  const index = buildSearchIndex(corpus.chunks)
  log?.info({ chunks: corpus.chunks.length, ms: Math.round(performance.now() - t0) }, 'index built')
  try {
    await save(index, indexDir, { ...current, builtAt: new Date().toISOString() })
    return { index, origin: 'built' }
  } catch (err) {
    log?.warn({ indexDir, err: String(err) }, 'could not save the index; using it in memory only')
    return { index, origin: 'memory' }
  }
}

async function tryLoad(
  corpus: LoadedCorpus,
  indexDir: string,
  current: Omit<Manifest, 'builtAt'>,
  log: Logger | undefined,
): Promise<SearchIndex | null> {
  let manifestText: string
  try {
    manifestText = await readFile(join(indexDir, MANIFEST_FILE), 'utf8')
  } catch {
    log?.info({ indexDir }, 'no index yet: building it')
    return null
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(manifestText)
  } catch {
    log?.warn({ file: join(indexDir, MANIFEST_FILE) }, 'index manifest is corrupt: rebuilding the index')
    return null
  }
  const why = staleness(manifest, current)
  if (why) {
    log?.info({ reason: why }, 'index is out of date: rebuilding it')
    return null
  }
  try {
    const json = JSON.parse(await readFile(join(indexDir, INDEX_FILE), 'utf8')) as SearchIndexJSON
    return SearchIndex.fromJSON(corpus.chunks, json)
  } catch (err) {
    log?.warn({ file: join(indexDir, INDEX_FILE), err: String(err) }, 'index file is missing or corrupt: rebuilding the index')
    return null
  }
}

/** Writes the index, then the manifest, each through a temporary file and a rename, so a crash never leaves a torn pair. */
async function save(index: SearchIndex, indexDir: string, manifest: Manifest): Promise<void> {
  await mkdir(indexDir, { recursive: true })
  // Remove the manifest first: an index file without a manifest is never trusted.
  await rm(join(indexDir, MANIFEST_FILE), { force: true })
  await writeAtomic(join(indexDir, INDEX_FILE), JSON.stringify(index))
  await writeAtomic(join(indexDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, data)
  await rename(tmp, path)
}
