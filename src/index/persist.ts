// The persisted index: what a start-up needs so that it reads no article that did not change and analyses
// nothing again. One folder (INDEX_DIR) holds generations of three parts plus a manifest naming the current one:
//   manifest.json               versions, options, corpus fingerprint, the current generation
//   corpus.<generation>.json    the articles, their chunks and their files' stamps (size, time, SHA-256)
//   index.<generation>.bin      MiniSearch (its toJSON), the analysis: vocabulary, term ids and spans per chunk,
//                               the article terms, word-vector rows (indexFile.ts)
// A save writes the new generation's parts, then replaces the manifest by a rename, then deletes older parts:
// a process killed at any point leaves a manifest that names a complete generation (or none), never a torn one.
import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { FileStamp, LoadedCorpus } from '../corpus/loadCorpus.js'
import { CHUNKER_VERSION } from '../corpus/chunk.js'
import type { Article, Chunk } from '../types.js'
import { ANALYSER_VERSION } from './analyse.js'
import { buildSearchIndex, INDEX_OPTIONS, SearchIndex } from './searchIndex.js'

/** Bumped when the layout of the files below changes. */
export const INDEX_FORMAT_VERSION = 4
export const MANIFEST_FILE = 'manifest.json'
export type Part = 'corpus' | 'index'

/** What an index was built from. A persisted index is used as it is only when all of it matches the current corpus and code. */
export interface Manifest {
  formatVersion: number
  analyserVersion: string
  chunkerVersion: number
  options: typeof INDEX_OPTIONS
  /** The corpus fingerprint: every file's path and SHA-256, and the sidecar. */
  fingerprint: string
  chunkCount: number
  files: { file: string; sha256: string }[]
  /** Names the parts of this generation. */
  generation: string
  builtAt: string
}

type Versions = Pick<Manifest, 'formatVersion' | 'analyserVersion' | 'chunkerVersion' | 'options'>
type Current = Omit<Manifest, 'builtAt' | 'generation'>

export type IndexOrigin = 'loaded' | 'updated' | 'built' | 'memory'

/** The file of one part of a generation. */
export function partFile(indexDir: string, part: Part, generation: string): string {
  return join(indexDir, `${part}.${generation}.${part === 'index' ? 'bin' : 'json'}`)
}

const VERSIONS: Versions = { formatVersion: INDEX_FORMAT_VERSION, analyserVersion: ANALYSER_VERSION, chunkerVersion: CHUNKER_VERSION, options: INDEX_OPTIONS }

/** Why a manifest's versions and options do not fit this code, or null. Pure. */
function versionMismatch(m: Partial<Manifest>, current: Versions): string | null {
  if (m.formatVersion !== current.formatVersion) return `index format ${String(m.formatVersion)} → ${current.formatVersion}`
  if (m.analyserVersion !== current.analyserVersion) return `analyser ${String(m.analyserVersion)} → ${current.analyserVersion}`
  if (m.chunkerVersion !== current.chunkerVersion) return `chunker ${String(m.chunkerVersion)} → ${current.chunkerVersion}`
  if (JSON.stringify(m.options) !== JSON.stringify(current.options)) return 'index options changed'
  return null
}

/** Why a persisted index is not current for a corpus, or null when it is. Pure. */
export function staleness(manifest: unknown, current: Current): string | null {
  if (!manifest || typeof manifest !== 'object') return 'manifest is not an object'
  const m = manifest as Partial<Manifest>
  const versions = versionMismatch(m, current)
  if (versions) return versions
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

function currentFor(corpus: LoadedCorpus): Current {
  return {
    ...VERSIONS,
    fingerprint: corpus.fingerprint,
    chunkCount: corpus.chunks.length,
    files: corpus.articles.map((a) => ({ file: a.file, sha256: a.sha256 })),
  }
}

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
): Promise<{ index: SearchIndex; origin: IndexOrigin }> {
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
      return { index, origin: (await trySave(corpus, index, indexDir, log)) ? 'updated' : 'memory' }
    } catch (err) {
      log?.warn({ indexDir, err: String(err) }, 'index file is missing or corrupt: rebuilding the index')
    }
  }
  const t0 = performance.now()
  const index = buildSearchIndex(corpus.chunks)
  log?.info({ chunks: corpus.chunks.length, ms: Math.round(performance.now() - t0) }, 'index built')
  return { index, origin: (await trySave(corpus, index, indexDir, log)) ? 'built' : 'memory' }
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

/** Saves, or logs why it could not and returns false. */
export async function trySave(corpus: LoadedCorpus, index: SearchIndex, indexDir: string, log?: Logger): Promise<boolean> {
  try {
    await saveIndex(corpus, index, indexDir)
    return true
  } catch (err) {
    log?.warn({ indexDir, err: String(err) }, 'could not save the index; using it in memory only')
    return false
  }
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

/**
 * Rewrites the saved generation's corpus part with `corpus`'s stamps (the same articles and chunks: only
 * when the index was loaded as it is). Atomic, like every part; a failure is logged and costs only speed.
 */
export async function saveStamps(saved: SavedIndex, corpus: LoadedCorpus, indexDir: string, log?: Logger): Promise<void> {
  try {
    await writeAtomic(partFile(indexDir, 'corpus', saved.manifest.generation), JSON.stringify(corpusToJSON(corpus)))
  } catch (err) {
    log?.warn({ indexDir, err: String(err) }, 'could not save the files\' stamps; the next start hashes them again')
  }
}

/** Writes a new generation, then the manifest that names it (by rename), then removes the older generations. */
export async function saveIndex(corpus: LoadedCorpus, index: SearchIndex, indexDir: string): Promise<void> {
  // Serialised before the first await, so the files hold one state of the corpus and index.
  const generation = randomBytes(8).toString('hex')
  const parts: [Part, string | Buffer][] = [
    ['corpus', JSON.stringify(corpusToJSON(corpus))],
    ['index', index.toBinary()],
  ]
  const manifest: Manifest = { ...currentFor(corpus), generation, builtAt: new Date().toISOString() }
  await mkdir(indexDir, { recursive: true })
  for (const [part, data] of parts) await writeAtomic(partFile(indexDir, part, generation), data)
  await writeAtomic(join(indexDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
  // Older generations, parts of saves that were cut short, and the files of format 1.
  const stale = /^(?:(?:corpus|index|search)\.[0-9a-f]{16}\.(?:json|bin)|.*\.tmp|index\.json)$/
  for (const name of await readdir(indexDir)) {
    if (stale.test(name) && !name.includes(`.${generation}.`)) await rm(join(indexDir, name), { force: true })
  }
}

async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, data)
  await rename(tmp, path)
}

// ---- the corpus part: articles with their chunks, without repeating each article's metadata per chunk ----

type ChunkRow = [paragraph: number, line: number, start: number, end: number, text: string, heading: string | null]

interface CorpusJSON {
  fingerprint: string
  sidecarSha: string | null
  skipped: { file: string; reason: string }[]
  articles: (Article & { stamp: FileStamp | null; chunks: ChunkRow[] })[]
}

function corpusToJSON(corpus: LoadedCorpus): CorpusJSON {
  const stamps = new Map(corpus.stamps.map((s) => [s.file, s]))
  let c = 0
  return {
    fingerprint: corpus.fingerprint,
    sidecarSha: corpus.sidecarSha,
    skipped: corpus.skipped,
    articles: corpus.articles.map((a) => ({
      ...a,
      stamp: stamps.get(a.file) ?? null,
      chunks: corpus.chunks.slice(c, (c += a.paragraphs)).map((ch): ChunkRow => [ch.paragraph, ch.line, ch.start, ch.end, ch.text, ch.heading]),
    })),
  }
}

/** The saved corpus; throws when it is not one or does not match the manifest. */
function corpusFromJSON(json: CorpusJSON, manifest: Manifest): LoadedCorpus {
  if (!json || typeof json !== 'object' || !Array.isArray(json.articles) || json.fingerprint !== manifest.fingerprint) {
    throw new Error('corpus part does not match the manifest')
  }
  const articles: Article[] = []
  const chunks: Chunk[] = []
  const stamps: FileStamp[] = []
  for (const { stamp, chunks: rows, ...article } of json.articles) {
    if (!Array.isArray(rows) || rows.length !== article.paragraphs || typeof article.file !== 'string') throw new Error('corpus part is corrupt')
    articles.push(article)
    if (stamp) stamps.push(stamp)
    const { file, title, source, date, url } = article
    for (const [paragraph, line, start, end, text, heading] of rows) {
      if (typeof text !== 'string') throw new Error('corpus part is corrupt')
      chunks.push({ id: chunks.length, file, title, source, date, url, paragraph, line, start, end, text, heading })
    }
  }
  if (chunks.length !== manifest.chunkCount) throw new Error('corpus part does not match the manifest')
  return { articles, chunks, fingerprint: json.fingerprint, skipped: json.skipped ?? [], stamps, sidecarSha: json.sidecarSha ?? null }
}
