// The corpus layer's only file-system code: finding the article files under a folder and reading each one
// safely. Every problem becomes a reason string for one warning; nothing here throws for a bad file.
//
// Rules: `.txt` and `.md` files (any case) in the folder and its subfolders are articles; `metadata.json` at
// the top is the sidecar; names starting with "." (".git", ".DS_Store") and editors' temporary files
// ("a.txt~", "a.txt.swp": tempNames.ts) are ignored without a warning, as most tools do; everything else is skipped with a reason. Symbolic links are resolved: a link that points
// outside the folder or nowhere is skipped, a link to a file inside is read under its own name (unless that
// file is loaded anyway), and links to folders are not followed (their files are inside the folder already,
// and not following them rules out cycles).

import { constants, statSync } from 'node:fs'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { basename, resolve, sep } from 'node:path'
import { SIDECAR_NAME } from './sidecar.js'
import { isTemporaryName } from './tempNames.js'

/** A file found under the corpus folder. */
export interface FoundFile {
  abs: string
  /** Path relative to the folder, with forward slashes. */
  rel: string
  /** `<folder name>/<rel>`: how users see it. */
  display: string
}

export interface Skip {
  file: string
  reason: string
}

export interface ScanResult {
  /** Article files, sorted by display path. */
  files: FoundFile[]
  sidecar: FoundFile | null
  skipped: Skip[]
  /** Hidden entries that were passed over silently. */
  ignored: string[]
}

const ARTICLE_EXTENSIONS = /\.(?:txt|md)$/i

/** The articles folder itself cannot be read (missing, not a folder, no permission). */
export class ArticlesFolderError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
    cause: unknown,
  ) {
    super(`cannot read the articles folder "${dir}": ${reason}`, { cause })
  }
}

/** Lists the article files under `dir`. Throws only when `dir` itself cannot be read as a folder. */
export async function scanDir(dir: string): Promise<ScanResult> {
  const root = resolve(dir)
  let rootReal: string
  try {
    rootReal = await realpath(root)
    if (!(await stat(rootReal)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
  } catch (err) {
    throw new ArticlesFolderError(dir, describeError(err), err)
  }
  const name = basename(root)
  const result: ScanResult = { files: [], sidecar: null, skipped: [], ignored: [] }
  // Real path → the files that resolve to it, to load each file once.
  const byReal = new Map<string, { file: FoundFile; link: boolean }[]>()
  const realBase = rootReal.endsWith(sep) ? rootReal : rootReal + sep

  const walk = async (absDir: string, relDir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(absDir, { withFileTypes: true })
    } catch (err) {
      result.skipped.push({ file: displayOf(name, relDir) + '/', reason: `folder not readable: ${describeError(err)}` })
      return
    }
    entries.sort((a, b) => compare(a.name, b.name))
    // Joined by hand: both folders are resolved and an entry's name has no separator, so path.join (~5 µs a call
    // here, twice per file) would only normalise what is normal already.
    const absBase = absDir.endsWith(sep) ? absDir : absDir + sep
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`
      const file: FoundFile = { abs: absBase + entry.name, rel, display: displayOf(name, rel) }
      // Hidden entries and editors' temporary files (tempNames.ts) are passed over without a warning.
      if (isTemporaryName(entry.name)) {
        result.ignored.push(file.display)
        continue
      }
      let real = realBase + (sep === '/' ? rel : rel.split('/').join(sep))
      let link = false
      let isDirectory = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        link = true
        try {
          real = await realpath(file.abs)
          const target = await stat(real)
          isDirectory = target.isDirectory()
          isFile = target.isFile()
        } catch (err) {
          result.skipped.push({ file: file.display, reason: `broken symbolic link: ${describeError(err)}` })
          continue
        }
        if (real !== rootReal && !real.startsWith(rootReal + sep)) {
          result.skipped.push({ file: file.display, reason: 'symbolic link to a file outside the articles folder' })
          continue
        }
        if (isDirectory) {
          result.skipped.push({ file: file.display, reason: 'symbolic link to a folder: not followed' })
          continue
        }
      }
      if (isDirectory) {
        await walk(file.abs, rel)
        continue
      }
      if (relDir === '' && entry.name === SIDECAR_NAME) {
        result.sidecar = file
        continue
      }
      if (!ARTICLE_EXTENSIONS.test(entry.name)) {
        result.skipped.push({ file: file.display, reason: 'not a .txt or .md file' })
        continue
      }
      if (!isFile) {
        result.skipped.push({ file: file.display, reason: 'not a regular file' })
        continue
      }
      const same = byReal.get(real) ?? []
      same.push({ file, link })
      byReal.set(real, same)
    }
  }
  await walk(root, '')

  for (const same of byReal.values()) {
    // Prefer the file itself over links to it; among links only, the first by name.
    const keep = same.find((s) => !s.link) ?? same[0]!
    result.files.push(keep.file)
    for (const s of same) {
      if (s !== keep) result.skipped.push({ file: s.file.display, reason: `symbolic link to ${keep.file.display}, which is loaded` })
    }
  }
  result.files.sort((a, b) => compare(a.display, b.display))
  return result
}

export type ReadResult = { ok: true; bytes: Buffer; size: number; mtimeMs: number } | { ok: false; reason: string }

/**
 * A file's size and modification time, or null when it cannot be stat'ed as a regular file. Never throws.
 * Synchronous on purpose: a start-up checks thousands of files this way, and a stat is a few microseconds,
 * where a promise's trip through the thread pool cost ten times that.
 */
export function statFile(abs: string): { size: number; mtimeMs: number } | null {
  const info = statSync(abs, { throwIfNoEntry: false })
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null
}

/** Reads a whole regular file of at most `maxBytes`. Never throws. */
export async function readFileSafely(abs: string, maxBytes: number): Promise<ReadResult> {
  let handle
  try {
    // O_NONBLOCK: a FIFO named like an article must not hang the loader waiting for a writer.
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = await handle.stat()
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' }
    if (info.size > maxBytes) return { ok: false, reason: tooLarge(info.size, maxBytes) }
    const bytes = await handle.readFile()
    // The file may have grown since the size check.
    if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxBytes) }
    return { ok: true, bytes, size: info.size, mtimeMs: info.mtimeMs }
  } catch (err) {
    return { ok: false, reason: `unreadable: ${describeError(err)}` }
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function tooLarge(size: number, limit: number): string {
  return `too large: ${formatBytes(size)}, over the ${formatBytes(limit)} limit`
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} bytes`
}

const ERROR_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a folder',
  ENOTDIR: 'not a folder',
  EMFILE: 'too many open files',
}

function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code !== undefined) return `${ERROR_TEXT[code] ?? 'error'} (${code})`
  return err instanceof Error ? err.message : String(err)
}

function displayOf(folderName: string, rel: string): string {
  if (rel === '') return folderName
  return folderName === '' ? rel : `${folderName}/${rel}`
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
