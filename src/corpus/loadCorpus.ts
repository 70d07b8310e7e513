// The corpus layer's entry points: a folder of articles, or texts already in memory → articles, chunks and a
// fingerprint. Bad files never stop loading: each one is skipped (or, for invalid UTF-8, read with
// replacement characters) with exactly one warning that names it.

import type { Logger } from 'pino'
import type { Article, ArticleMeta, Chunk } from '../types.js'
import { assembleCorpus, sha256Hex } from './assemble.js'
import type { ArticleInput, AssembledCorpus, ChunkedInput } from './assemble.js'
import type { ChunkedArticle } from './chunk.js'
import { decodeText } from './decode.js'
import { mapLimit, readFileSafely, scanDir, statFile } from './readFiles.js'
import type { Skip } from './readFiles.js'
import { compare } from './readFiles.js'
import { parseSidecar, sidecarEntry, SIDECAR_NAME } from './sidecar.js'
import type { SidecarEntry } from './sidecar.js'

/** A text that is already in memory (benchmarks, tests). `file` is the display path. */
export interface SourceText {
  file: string
  text: string
  meta?: Partial<ArticleMeta>
}

export interface LoadedCorpus {
  /** One per loaded file, sorted by file. */
  articles: Article[]
  /** All chunks, ids 0..n-1 dense, in file order then paragraph order. */
  chunks: Chunk[]
  /** sha256 hex over every loaded file's display path + sha256 and the sidecar's bytes: changes iff the corpus changes. */
  fingerprint: string
  /** Files that were not loaded, with a human reason. */
  skipped: { file: string; reason: string }[]
  /** What each loaded file was when it was read: lets the next load skip the files that did not change. */
  stamps: FileStamp[]
  /** SHA-256 of the sidecar's bytes, or null without one. */
  sidecarSha: string | null
}

/** A loaded file as it was read. */
export interface FileStamp {
  file: string
  size: number
  /** Modification time; -1 when it was too recent to trust (the file is hashed again next time). */
  mtimeMs: number
  sha256: string
  /** The decoding warning it was loaded with, if any. */
  warning: string | null
  /** What chunking noted about its metadata (see chunk.ts). */
  problems: string[]
}

/** A file modified this recently when read may still change within the same timestamp: its stamp is not trusted. */
const RACY_MS = 2000

export interface LoadCorpusOptions {
  /** Receives one warning per skipped or damaged file, and a summary at info level. Default: silent. */
  logger?: Logger
  /** Larger files are skipped. Default DEFAULT_MAX_FILE_BYTES (10 MiB). */
  maxFileBytes?: number
  /**
   * The corpus as loaded before (a reload, or the persisted one): a file whose size and modification time are
   * unchanged is not read again, and one whose bytes are unchanged is not chunked again. Its warnings are
   * repeated only with `repeatWarnings` (a start-up), not on a reload.
   */
  previous?: LoadedCorpus
  repeatWarnings?: boolean
}

/** Files above this size are skipped: no news article is this long, and a huge file would stall start-up. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
/** Files read at once: enough to hide disk latency, few enough to stay far from the open-files limit. */
const READ_CONCURRENCY = 16

/**
 * Loads every `.txt` and `.md` file under `dir` (recursively) and the optional `metadata.json` sidecar.
 * Throws only when `dir` itself is missing or not a folder.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const { logger, previous } = options
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const scan = await scanDir(dir)
  for (const file of scan.ignored) logger?.debug({ file }, `Ignored hidden entry ${file}`)

  const skipped: Skip[] = [...scan.skipped]
  const damaged: Skip[] = []
  const sidecar = await readSidecar(scan.sidecar, maxBytes, logger)
  const sidecarSha = sidecar === null ? null : sha256Hex(sidecar.bytes)
  // Metadata comes from the sidecar: when it changed, every article is chunked again.
  const reusable = previous !== undefined && previous.sidecarSha === sidecarSha ? reusableArticles(previous) : new Map<string, Reusable>()
  const now = Date.now()
  const stampOf = (file: string, size: number, mtimeMs: number, sha256: string, warning: string | null): FileStamp => ({
    file,
    size,
    mtimeMs: now - mtimeMs < RACY_MS ? -1 : mtimeMs,
    sha256,
    warning,
    problems: [],
  })

  // Unchanged files (same size and time as when read) are not read again.
  const unchanged = new Map<string, Reusable>()
  for (const file of scan.files) {
    const before = reusable.get(file.display)
    if (!before || before.stamp.mtimeMs < 0) continue
    const info = statFile(file.abs)
    if (info && info.size === before.stamp.size && info.mtimeMs === before.stamp.mtimeMs) unchanged.set(file.display, before)
  }
  const loads = await mapLimit(scan.files, READ_CONCURRENCY, async (file) => {
    const reuse = unchanged.get(file.display)
    return reuse ? { file, reuse } : { file, read: await readFileSafely(file.abs, maxBytes) }
  })
  const inputs: (ArticleInput | ChunkedInput)[] = []
  const stamps: FileStamp[] = []
  const usedKeys = new Set<string>()
  const changed = new Set<string>()
  for (const load of loads) {
    const { file } = load
    const found = sidecar === null ? undefined : sidecarEntry(sidecar.entries, file.rel, file.display)
    if (found !== undefined) usedKeys.add(found.key)
    // An article chunked before, as it was: its chunks, under the file's stamp now, with its decoding warning.
    const reuse = (chunked: Reusable['chunked'], stamp: FileStamp) => {
      inputs.push({ file: file.display, sha256: stamp.sha256, meta: found?.entry, chunked })
      stamps.push(stamp)
      if (stamp.warning !== null) damaged.push({ file: file.display, reason: stamp.warning })
    }
    if (load.reuse) {
      reuse(load.reuse.chunked, load.reuse.stamp)
      continue
    }
    const read = load.read!
    if (!read.ok) {
      skipped.push({ file: file.display, reason: read.reason })
      continue
    }
    const sha256 = sha256Hex(read.bytes)
    const before = reusable.get(file.display)
    if (before && before.stamp.sha256 === sha256) {
      // Touched, not changed: the same chunks.
      reuse(before.chunked, stampOf(file.display, read.size, read.mtimeMs, sha256, before.stamp.warning))
      continue
    }
    changed.add(file.display)
    const decoded = decodeText(read.bytes)
    if (!decoded.ok) {
      skipped.push({ file: file.display, reason: decoded.reason })
      continue
    }
    if (decoded.warning !== null) damaged.push({ file: file.display, reason: decoded.warning })
    inputs.push({ file: file.display, text: decoded.text, sha256, meta: found?.entry })
    stamps.push(stampOf(file.display, read.size, read.mtimeMs, sha256, decoded.warning))
  }

  // Nothing changed (the usual start-up): the previous corpus as it is, without numbering its chunks again.
  const corpus = (reusable.size > 0 && unchangedCorpus(inputs, previous!)) || assembleCorpus(inputs, sidecar?.bytes ?? null)
  skipped.push(...corpus.skipped)
  skipped.sort((a, b) => compare(a.file, b.file))
  const loaded = new Set(corpus.articles.map((a) => a.file))
  const problemsOf = new Map<string, string[]>()
  for (const { file, reason } of corpus.problems) problemsOf.set(file, [...(problemsOf.get(file) ?? []), reason])

  // Exactly one warning per file: a skipped file gets its reason; a loaded one its problems, joined. A reload
  // repeats none of the warnings the previous load gave.
  const quiet = previous !== undefined && !options.repeatWarnings
  const skippedBefore = new Map((quiet ? previous.skipped : []).map((s) => [s.file, s.reason]))
  const skippedFiles = new Set(skipped.map((s) => s.file))
  for (const { file, reason } of skipped) if (skippedBefore.get(file) !== reason) logger?.warn({ file, reason }, `Skipped ${file}: ${reason}`)
  const notes = new Map<string, string[]>()
  for (const { file, reason } of [...damaged, ...corpus.problems]) {
    if (!skippedFiles.has(file) && (!quiet || changed.has(file))) notes.set(file, [...(notes.get(file) ?? []), reason])
  }
  for (const [file, reasons] of notes) logger?.warn({ file, reason: reasons.join('; ') }, `${file}: ${reasons.join('; ')}`)
  if (sidecar !== null && !(quiet && previous.sidecarSha === sidecarSha)) {
    const unused = [...sidecar.entries.keys()].filter((key) => !usedKeys.has(key))
    if (unused.length > 0) {
      logger?.warn(
        { file: sidecar.display, unused },
        `${sidecar.display}: no loaded article for ${unused.map((k) => JSON.stringify(k)).join(', ')}`,
      )
    }
  }
  logger?.info(
    { dir, articles: corpus.articles.length, chunks: corpus.chunks.length, skipped: skipped.length, read: changed.size },
    `Loaded ${corpus.articles.length} article(s), ${corpus.chunks.length} paragraph(s)`,
  )
  return {
    articles: corpus.articles,
    chunks: corpus.chunks,
    fingerprint: corpus.fingerprint,
    skipped,
    stamps: stamps.filter((s) => loaded.has(s.file)).map((s) => ({ ...s, problems: problemsOf.get(s.file) ?? [] })),
    sidecarSha,
  }
}

/** The previous corpus when `inputs` are exactly its articles, each reused as it was; otherwise null. */
function unchangedCorpus(inputs: readonly (ArticleInput | ChunkedInput)[], previous: LoadedCorpus): AssembledCorpus | null {
  const articles = previous.articles
  if (inputs.length !== articles.length) return null
  const byFile = new Map(inputs.map((input) => [input.file, input]))
  const problems: Skip[] = []
  for (const article of articles) {
    const input = byFile.get(article.file)
    if (!input || !('chunked' in input) || input.sha256 !== article.sha256 || input.chunked.chunks.length !== article.paragraphs) return null
    for (const reason of input.chunked.problems) problems.push({ file: article.file, reason })
  }
  return { articles, chunks: previous.chunks, fingerprint: previous.fingerprint, skipped: [], problems }
}

interface Reusable {
  stamp: FileStamp
  chunked: ChunkedArticle
}

/** The previous corpus's articles as their files' stamps and chunks (article-local ids), by file. */
function reusableArticles(previous: LoadedCorpus): Map<string, Reusable> {
  const stamps = new Map(previous.stamps.map((s) => [s.file, s]))
  const byFile = new Map<string, Reusable>()
  let c = 0
  for (const article of previous.articles) {
    const { file, title, source, date, url } = article
    const chunks = []
    for (; c < previous.chunks.length && previous.chunks[c]!.file === file; c++) chunks.push(previous.chunks[c]!)
    const first = chunks[0]?.id ?? 0
    const stamp = stamps.get(file)
    if (!stamp || stamp.sha256 !== article.sha256 || chunks.length !== article.paragraphs) continue
    byFile.set(file, {
      stamp,
      chunked: { meta: { file, title, source, date, url }, chunks: chunks.map((ch) => ({ ...ch, id: ch.id - first })), problems: stamp.problems },
    })
  }
  return byFile
}

/** Builds a corpus from texts already in memory: the same chunking, no files and no sidecar. */
export function corpusFromTexts(texts: readonly SourceText[]): LoadedCorpus {
  const inputs: ArticleInput[] = []
  const skipped: Skip[] = []
  const seen = new Set<string>()
  for (const { file, text, meta } of texts) {
    if (seen.has(file)) {
      skipped.push({ file, reason: 'duplicate file name' })
      continue
    }
    seen.add(file)
    if (text.trim().replace(/^\uFEFF/, '') === '') {
      skipped.push({ file, reason: 'empty text' })
      continue
    }
    inputs.push({ file, text: text.replace(/^\uFEFF/, ''), sha256: sha256Hex(text), meta })
  }
  const corpus = assembleCorpus(inputs, null)
  skipped.push(...corpus.skipped)
  skipped.sort((a, b) => compare(a.file, b.file))
  return { articles: corpus.articles, chunks: corpus.chunks, fingerprint: corpus.fingerprint, skipped, stamps: [], sidecarSha: null }
}

interface LoadedSidecar {
  display: string
  bytes: Buffer
  entries: ReadonlyMap<string, SidecarEntry>
}

/** Reads and validates the sidecar; a broken one is ignored with one warning (its bytes still count for the fingerprint). */
async function readSidecar(
  file: { abs: string; display: string } | null,
  maxBytes: number,
  logger: Logger | undefined,
): Promise<LoadedSidecar | null> {
  if (file === null) return null
  const read = await readFileSafely(file.abs, maxBytes)
  if (!read.ok) {
    logger?.warn({ file: file.display, reason: read.reason }, `Ignored ${file.display}: ${read.reason}`)
    return null
  }
  const parsed = parseSidecar(read.bytes.toString('utf8'))
  if (!parsed.ok) {
    logger?.warn({ file: file.display, reason: parsed.reason }, `Ignored ${file.display} (${SIDECAR_NAME} metadata): ${parsed.reason}`)
    return { display: file.display, bytes: read.bytes, entries: new Map() }
  }
  return { display: file.display, bytes: read.bytes, entries: parsed.entries }
}
