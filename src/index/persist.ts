// The persisted index: what a start-up needs so that it reads no article that did not change and analyses
// nothing again. One folder (INDEX_DIR) holds generations of three parts plus a manifest naming the current one:
//   manifest.json               versions, options, corpus fingerprint, the current generation
//   corpus.<generation>.json    the articles, their chunks and their files' stamps (size, time, SHA-256)
//   index.<generation>.bin      MiniSearch (its toJSON), the analysis: vocabulary, term ids and spans per chunk,
//                               the article terms, word-vector rows (indexFile.ts)
// A save writes the new generation's parts, then replaces the manifest by a rename, then deletes older parts:
// a process killed at any point leaves a manifest that names a complete generation (or none), never a torn one.
import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { LoadedCorpus } from '../corpus/loadCorpus.js'
import { corpusFromJSON } from './corpusPart.js'
import type { CorpusJSON } from './corpusPart.js'
import { currentFor, MANIFEST_FILE, partFile, staleness, versionMismatch, VERSIONS } from './manifest.js'
import type { Manifest } from './manifest.js'
import { trySave } from './save.js'
import type { SaveOutcome } from './save.js'
import { buildSearchIndex, SearchIndex } from './searchIndex.js'

export { MANIFEST_FILE, partFile, staleness }
export type { Manifest, Part } from './manifest.js'

export type IndexOrigin = 'loaded' | 'updated' | 'built' | 'memory'
export { saveIndex, saveStamps, trySave } from './save.js'

/** A persisted generation, read and checked against this code's versions (not yet against the corpus). */
export interface SavedIndex {
  manifest: Manifest
  corpus: LoadedCorpus
  index: Buffer
}

/**
 * Reads the current generation from `indexDir`, or returns null (with one log line saying why) when there is
 * none, it was written by other code, or a part is missing or corrupt. Never throws.
 *
 * The parts' reads are under way when this first returns to its caller (the manifest, a few KB, is read at
 * once): a caller can do its own work while the disk reads the megabytes (see Engine.open).
 */
export async function readSavedIndex(indexDir: string, logger?: Logger): Promise<SavedIndex | null> {
  const log = logger?.child({ module: 'index' })
  let manifestText: string
  try {
    manifestText = readFileSync(join(indexDir, MANIFEST_FILE), 'utf8')
  } catch {
    log?.info({ indexDir }, 'no index yet: building it')
    return null
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(manifestText) as Manifest
    if (!manifest || typeof manifest !== 'object') throw new Error('not an object')
  } catch {
    log?.warn({ file: join(indexDir, MANIFEST_FILE) }, 'index manifest is corrupt: rebuilding the index')
    return null
  }
  const why = versionMismatch(manifest, VERSIONS)
  if (why) {
    log?.info({ reason: why }, 'index is out of date: rebuilding it')
    return null
  }
  const generation = typeof manifest.generation === 'string' && /^[0-9a-f]{16}$/.test(manifest.generation) ? manifest.generation : null
  if (generation === null) {
    log?.warn({ file: join(indexDir, MANIFEST_FILE) }, 'index manifest is corrupt: rebuilding the index')
    return null
  }
  try {
    const [corpusBytes, index] = await Promise.all([readWhole(partFile(indexDir, 'corpus', generation)), readWhole(partFile(indexDir, 'index', generation))])
    return { manifest, corpus: corpusFromJSON(JSON.parse(corpusBytes.toString('utf8')) as CorpusJSON, manifest), index }
  } catch (err) {
    log?.warn({ indexDir, err: String(err) }, 'index file is missing or corrupt: rebuilding the index')
    return null
  }
}

/**
 * A whole file, read by one request to the thread pool. fs.promises.readFile reads 512 KB at a time and needs
 * the main thread between two reads: while it computes, the read would wait. Opening is synchronous (~0.1 ms).
 */
function readWhole(path: string): Promise<Buffer> {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (err) {
    return Promise.reject(err as Error)
  }
  let size: number
  try {
    size = fstatSync(fd).size
  } catch (err) {
    closeSync(fd)
    return Promise.reject(err as Error)
  }
  const buffer = Buffer.allocUnsafe(size)
  return new Promise<Buffer>((resolve, reject) => {
    const from = (at: number) =>
      read(fd, buffer, at, size - at, at, (err, n) => {
        if (err || n === 0 || at + n >= size) {
          closeSync(fd)
          if (err) reject(err)
          else resolve(buffer.subarray(0, at + n))
        } else from(at + n)
      })
    if (size === 0) {
      closeSync(fd)
      resolve(buffer)
    } else from(0)
  })
}

/** An opened index, where it came from, and why it could not be saved (origin 'memory' with an index folder). */
export interface OpenedIndex {
  index: SearchIndex
  origin: IndexOrigin
  saveError?: string
}

function withOutcome(index: SearchIndex, origin: IndexOrigin, outcome: SaveOutcome): OpenedIndex {
  return outcome.saved ? { index, origin } : { index, origin: 'memory', saveError: outcome.error }
}

/**
 * The index for `corpus`: the saved one when it is current; the saved one updated article by article when only
 * some articles changed; otherwise (or with `rebuild`) built anew. A new or updated index is saved to
 * `indexDir`; with `indexDir` null it lives in memory only. Never throws for a bad index folder: it logs a
 * warning and carries on in memory.
 */
export async function openIndex(
  corpus: LoadedCorpus,
  indexDir: string | null,
  options: { rebuild?: boolean; logger?: Logger; saved?: SavedIndex | null } = {},
): Promise<OpenedIndex> {
  const log = options.logger?.child({ module: 'index' })
  if (indexDir === null) return { index: buildSearchIndex(corpus.chunks), origin: 'memory' }
  const saved = options.rebuild ? null : options.saved
  if (saved) {
    const why = staleness(saved.manifest, currentFor(corpus))
    try {
      if (!why) return { index: SearchIndex.fromBinary(corpus.chunks, saved.index), origin: 'loaded' }
      const t0 = performance.now()
      const before = SearchIndex.fromBinary(saved.corpus.chunks, saved.index)
      const index = before.update(corpus.chunks, chunkReuse(saved.corpus, corpus))
      log?.info({ reason: why, ms: Math.round(performance.now() - t0) }, 'index updated for the changed articles')
      return withOutcome(index, 'updated', await trySave(corpus, index, indexDir, log))
    } catch (err) {
      log?.warn({ indexDir, err: String(err) }, 'index file is missing or corrupt: rebuilding the index')
    }
  }
  const t0 = performance.now()
  const index = buildSearchIndex(corpus.chunks)
  log?.info({ chunks: corpus.chunks.length, ms: Math.round(performance.now() - t0) }, 'index built')
  return withOutcome(index, 'built', await trySave(corpus, index, indexDir, log))
}

/**
 * For each chunk of `after`, the chunk of `before` at the same place in the same, unchanged file (-1 for the
 * chunks of added or changed files). `SearchIndex.update` keeps those chunks' analysis.
 */
export function chunkReuse(before: LoadedCorpus, after: LoadedCorpus): Int32Array {
  const first = new Map<string, { id: number; sha256: string; count: number }>()
  let id = 0
  for (const a of before.articles) {
    first.set(a.file, { id, sha256: a.sha256, count: a.paragraphs })
    id += a.paragraphs
  }
  const reuse = new Int32Array(after.chunks.length).fill(-1)
  let c = 0
  for (const a of after.articles) {
    const old = first.get(a.file)
    if (old && old.sha256 === a.sha256 && old.count === a.paragraphs) for (let k = 0; k < a.paragraphs; k++) reuse[c + k] = old.id + k
    c += a.paragraphs
  }
  return reuse
}

/**
 * Whether `corpus` (just loaded, with `saved` as its previous state) knows file times the saved generation did
 * not trust: files written less than two seconds before they were indexed are stamped "hash again next time",
 * and stay so, every start reading and hashing them, until their stamps are saved once they can be trusted.
 */
export function stampsSettled(saved: SavedIndex, corpus: LoadedCorpus): boolean {
  const before = new Map(saved.corpus.stamps.map((s) => [s.file, s.mtimeMs]))
  return corpus.stamps.some((s) => s.mtimeMs >= 0 && before.get(s.file) === -1)
}
