// The corpus layer's entry points: a folder of articles, or texts already in memory → articles, chunks and a
// fingerprint. Bad files never stop loading: each one is skipped (or, for invalid UTF-8, read with
// replacement characters) with exactly one warning that names it.

import type { Logger } from 'pino'
import type { Article, ArticleMeta, Chunk } from '../types.js'
import { assembleCorpus, sha256Hex } from './assemble.js'
import type { ArticleInput } from './assemble.js'
import { decodeText } from './decode.js'
import { mapLimit, readFileSafely, scanDir } from './readFiles.js'
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
}

export interface LoadCorpusOptions {
  /** Receives one warning per skipped or damaged file, and a summary at info level. Default: silent. */
  logger?: Logger
  /** Larger files are skipped. Default DEFAULT_MAX_FILE_BYTES (10 MiB). */
  maxFileBytes?: number
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
  const { logger } = options
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const scan = await scanDir(dir)
  for (const file of scan.ignored) logger?.debug({ file }, `Ignored hidden entry ${file}`)

  const skipped: Skip[] = [...scan.skipped]
  const damaged: Skip[] = []
  const sidecar = await readSidecar(scan.sidecar, maxBytes, logger)

  const reads = await mapLimit(scan.files, READ_CONCURRENCY, async (file) => ({ file, read: await readFileSafely(file.abs, maxBytes) }))
  const inputs: ArticleInput[] = []
  const usedKeys = new Set<string>()
  for (const { file, read } of reads) {
    if (!read.ok) {
      skipped.push({ file: file.display, reason: read.reason })
      continue
    }
    const decoded = decodeText(read.bytes)
    if (!decoded.ok) {
      skipped.push({ file: file.display, reason: decoded.reason })
      continue
    }
    if (decoded.warning !== null) damaged.push({ file: file.display, reason: decoded.warning })
    const found = sidecar === null ? undefined : sidecarEntry(sidecar.entries, file.rel, file.display)
    if (found !== undefined) usedKeys.add(found.key)
    inputs.push({ file: file.display, text: decoded.text, sha256: sha256Hex(read.bytes), meta: found?.entry })
  }

  const corpus = assembleCorpus(inputs, sidecar?.bytes ?? null)
  skipped.push(...corpus.skipped)
  skipped.sort((a, b) => compare(a.file, b.file))

  // Exactly one warning per file: a skipped file gets its reason; a loaded one its problems, joined.
  const skippedFiles = new Set(skipped.map((s) => s.file))
  for (const { file, reason } of skipped) logger?.warn({ file, reason }, `Skipped ${file}: ${reason}`)
  const notes = new Map<string, string[]>()
  for (const { file, reason } of [...damaged, ...corpus.problems]) {
    if (!skippedFiles.has(file)) notes.set(file, [...(notes.get(file) ?? []), reason])
  }
  for (const [file, reasons] of notes) logger?.warn({ file, reason: reasons.join('; ') }, `${file}: ${reasons.join('; ')}`)
  if (sidecar !== null) {
    const unused = [...sidecar.entries.keys()].filter((key) => !usedKeys.has(key))
    if (unused.length > 0) {
      logger?.warn(
        { file: sidecar.display, unused },
        `${sidecar.display}: no loaded article for ${unused.map((k) => JSON.stringify(k)).join(', ')}`,
      )
    }
  }
  logger?.info(
    { dir, articles: corpus.articles.length, chunks: corpus.chunks.length, skipped: skipped.length },
    `Loaded ${corpus.articles.length} article(s), ${corpus.chunks.length} paragraph(s)`,
  )
  return { articles: corpus.articles, chunks: corpus.chunks, fingerprint: corpus.fingerprint, skipped }
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
  return { articles: corpus.articles, chunks: corpus.chunks, fingerprint: corpus.fingerprint, skipped }
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
