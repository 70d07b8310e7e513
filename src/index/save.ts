// Saving the index: a new generation's parts, then the manifest naming it (by rename), then the removal of older
// generations and of temporary files left by dead processes. All of it holding the folder's lock, so that saves
// from several processes follow one another; and only files the product names (indexLock.ts) are ever removed.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { LoadedCorpus } from '../corpus/loadCorpus.js'
import { corpusToJSON } from './corpusPart.js'
import { isAlive, tempOwner, withIndexLock, writeAtomic } from './indexLock.js'
import { currentFor, MANIFEST_FILE, partGeneration, partName } from './manifest.js'
import type { Manifest, Part } from './manifest.js'
import type { SearchIndex } from './searchIndex.js'

/** What a save could not remove; the new index is saved all the same. */
export interface SaveReport {
  generation: string
  leftovers: { file: string; error: string }[]
}

/** The outcome of `trySave`: saved (perhaps with leftovers), or why not. */
export type SaveOutcome = { saved: true; report: SaveReport } | { saved: false; error: string }

/** Saves, or logs why it could not; a file it could not remove is a separate warning. */
export async function trySave(corpus: LoadedCorpus, index: SearchIndex, indexDir: string, log?: Logger): Promise<SaveOutcome> {
  let report: SaveReport
  try {
    report = await saveIndex(corpus, index, indexDir)
  } catch (err) {
    const error = saveErrorText(err, indexDir)
    log?.warn({ indexDir, err: error }, 'could not save the index; using it in memory only')
    return { saved: false, error }
  }
  for (const { file, error } of report.leftovers) log?.warn({ file, err: error }, 'index saved, but an old file of it could not be removed')
  return { saved: true, report }
}

/** Writes a new generation, then the manifest that names it, then removes what older saves left. Throws when it cannot save. */
export async function saveIndex(corpus: LoadedCorpus, index: SearchIndex, indexDir: string, lockWaitMs?: number): Promise<SaveReport> {
  // Serialised before the first await, so the files hold one state of the corpus and index.
  const generation = randomBytes(8).toString('hex')
  const parts: [Part, string | Buffer][] = [
    ['corpus', JSON.stringify(corpusToJSON(corpus))],
    ['index', index.toBinary()],
  ]
  const manifest: Manifest = { ...currentFor(corpus), generation, builtAt: new Date().toISOString() }
  await mkdir(indexDir, { recursive: true })
  return withIndexLock(
    indexDir,
    async () => {
      for (const [part, data] of parts) await writeAtomic(indexDir, partName(part, generation), data)
      await writeAtomic(indexDir, MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n')
      return { generation, leftovers: await removeLeftovers(indexDir, generation) }
    },
    lockWaitMs,
  )
}

/**
 * Rewrites a saved generation's corpus part with `corpus`'s stamps (the same articles and chunks: only when the
 * index was loaded as it is), if that generation is still the current one. A failure is logged and costs only speed.
 */
export async function saveStamps(generation: string, corpus: LoadedCorpus, indexDir: string, log?: Logger): Promise<void> {
  try {
    await withIndexLock(indexDir, async () => {
      if ((await currentGeneration(indexDir)) !== generation) return
      await writeAtomic(indexDir, partName('corpus', generation), JSON.stringify(corpusToJSON(corpus)))
    })
  } catch (err) {
    log?.warn({ indexDir, err: errorText(err) }, "could not save the files' stamps; the next start hashes them again")
  }
}

/**
 * Removes, holding the lock, the parts of every generation but the one the manifest names, and the temporary
 * files of processes that no longer run. Returns what it could not remove (e.g. a folder in a part's place).
 */
async function removeLeftovers(indexDir: string, ours: string): Promise<SaveReport['leftovers']> {
  const keep = new Set([ours, await currentGeneration(indexDir)])
  const leftovers: SaveReport['leftovers'] = []
  for (const name of await readdir(indexDir)) {
    const generation = partGeneration(name)
    const owner = tempOwner(name)
    const stale = (generation !== null && !keep.has(generation)) || (owner !== null && owner !== process.pid && !isAlive(owner))
    if (!stale) continue
    try {
      await rm(join(indexDir, name), { force: true })
    } catch (err) {
      leftovers.push({ file: join(indexDir, name), error: errorText(err) })
    }
  }
  return leftovers
}

/** The generation the manifest names, or null. */
async function currentGeneration(indexDir: string): Promise<string | null> {
  try {
    const generation = (JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>).generation
    return typeof generation === 'string' ? generation : null
  } catch {
    return null
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Why a save failed, in the user's terms where the system's code says it. */
export function saveErrorText(err: unknown, indexDir: string): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `${indexDir} (or a folder above it) is a file, not a folder`
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${indexDir}`
    case 'EROFS':
      return `${indexDir} is on a read-only file system`
    case 'ENOSPC':
      return 'the disk is full'
    default:
      return errorText(err)
  }
}
