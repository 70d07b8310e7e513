// Who may write in the index folder, and which of its files are ours. INDEX_DIR may be a folder the user shares
// with other files (even /tmp): the product removes only names it made, and only when no live process owns them.
//   newsdesk-qa.lock                     the lock: the pid of the process saving now (created by an atomic link)
//   newsdesk-qa.<pid>.<name>.tmp         a file being written by process <pid>, renamed to <name> when complete
import { randomBytes } from 'node:crypto'
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const PRODUCT_PREFIX = 'newsdesk-qa'
export const LOCK_FILE = `${PRODUCT_PREFIX}.lock`
/** How long a save waits for another process's save before it gives up. */
export const LOCK_WAIT_MS = 60_000
const POLL_MS = 50

/** Our temporary files, and those of format-3 versions that put the pid before `.tmp`: group 1 is the pid. */
const TEMP_NAME = new RegExp(`^${PRODUCT_PREFIX}\\.(\\d+)\\.[^/]+\\.tmp$`)
const LEGACY_TEMP_NAME = /^(?:corpus|index)\.[0-9a-f]{16}\.(?:json|bin)\.(\d+)\.tmp$/

/** The temporary name under which this process writes `name` before renaming it into place. */
export function tempName(name: string): string {
  return `${PRODUCT_PREFIX}.${process.pid}.${name}.${randomBytes(3).toString('hex')}.tmp`
}

/** The pid that owns a temporary file of ours, or null for a name that is not one of ours. Pure. */
export function tempOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name) ?? LEGACY_TEMP_NAME.exec(name)
  return m ? Number(m[1]) : null
}

/** Whether process `pid` exists (EPERM: it exists, under another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Writes `data` to `dir/name` under a temporary name, then renames it: a reader sees the old file or the new one. */
export async function writeAtomic(dir: string, name: string, data: string | Buffer): Promise<void> {
  const tmp = join(dir, tempName(name))
  try {
    await writeFile(tmp, data)
    await rename(tmp, join(dir, name))
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw err
  }
}

/** The lock is held by a live process other than this one, past the wait. */
export class IndexLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number | null,
  ) {
    super(
      `the index folder is locked by process ${pid ?? '?'}, still saving after ${LOCK_WAIT_MS / 1000} s ` +
        `(remove ${lockFile} if no such process is building the index)`,
    )
  }
}

/** The pid written in a lock file; null when it cannot be read or holds no pid. */
async function lockOwner(path: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim())
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

// Saves of one process wait for each other here, so that a lock file naming this pid is never ours while we wait:
// found then, it was left by an earlier process that had the same pid, and is stale.
const inProcess = new Map<string, Promise<unknown>>()

/** Runs `work` holding the folder's lock: one save at a time across threads and processes. */
export function withIndexLock<T>(dir: string, work: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const before = inProcess.get(dir) ?? Promise.resolve()
  const mine = before.catch(() => undefined).then(() => holdingLock(dir, work, waitMs))
  const settled = mine.catch(() => undefined)
  inProcess.set(dir, settled)
  void settled.then(() => {
    if (inProcess.get(dir) === settled) inProcess.delete(dir)
  })
  return mine
}

async function holdingLock<T>(dir: string, work: () => Promise<T>, waitMs: number): Promise<T> {
  const lockFile = join(dir, LOCK_FILE)
  await acquire(dir, lockFile, waitMs)
  try {
    return await work()
  } finally {
    await rm(lockFile, { force: true }).catch(() => undefined)
  }
}

/**
 * Creates the lock file with our pid in it, complete or not at all: written under a temporary name, then
 * hard-linked to the lock's name, which fails when the lock exists. A lock whose process is dead is broken.
 */
async function acquire(dir: string, lockFile: string, waitMs: number): Promise<void> {
  const mine = join(dir, tempName(LOCK_FILE))
  await writeFile(mine, `${process.pid}\n`)
  try {
    const deadline = Date.now() + waitMs
    for (;;) {
      try {
        await link(mine, lockFile)
        return
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
      const owner = await lockOwner(lockFile)
      if (owner !== null && (owner === process.pid || !isAlive(owner))) await breakLock(dir, lockFile, owner)
      else if (Date.now() >= deadline) throw new IndexLockedError(lockFile, owner)
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  } finally {
    await rm(mine, { force: true })
  }
}

/**
 * Removes a lock left by dead process `owner`, and only that one: the lock is first moved aside under a name
 * of ours (one process wins the rename), then checked; a live process's lock that arrived meanwhile is put back.
 */
async function breakLock(dir: string, lockFile: string, owner: number): Promise<void> {
  const aside = join(dir, tempName(`${LOCK_FILE}.stale`))
  try {
    await rename(lockFile, aside)
  } catch {
    return // another process moved it first, or it is gone: try again to take the lock
  }
  const found = await lockOwner(aside)
  if (found === owner || found === null || found === process.pid || !isAlive(found)) {
    await rm(aside, { force: true })
    return
  }
  // A live process's lock: give it back if the name is still free, so that it keeps its claim. If it is not (a
  // third process took the lock meanwhile), that lock stands: the caller looks again and waits for it.
  await link(aside, lockFile).catch(() => undefined)
  await rm(aside, { force: true })
}
