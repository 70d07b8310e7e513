// Notices changes under the articles folder: one non-recursive fs.watch per folder, kept in step with the tree.
//
// Why not `fs.watch(dir, { recursive: true })`: on Linux, Node 20 emulates it in JavaScript with one watch per
// *file*, bound to the file's inode. An editor that saves by writing a temporary file and renaming it over the
// article (vim, VS Code, most IDEs) leaves that watch on the old, deleted inode, so every later in-place write
// to the article goes unreported (checked on Node 20.20.2). A folder's own watch reports every change to its
// entries, whichever inode they point to. chokidar does the same on Linux; the engine re-reads the folder on
// every reload, so "something changed, here" is all this needs to say, and it needs no dependency.
//
// Rules follow readFiles.ts: hidden entries (".git", ".swp" files) are not watched; symbolic links to folders are
// not followed. Names that editors and downloaders use for temporary files never count as a change.

import { watch } from 'node:fs'
import type { FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join, relative, resolve } from 'node:path'
import { isTemporaryName } from './tempNames.js'

export { isTemporaryName }

export interface WatchFolderOptions {
  /** A folder could not be watched, or its watch failed (e.g. the inotify limit). Default: ignored. */
  onError?: (error: Error, folder: string) => void
}

/** A running watch over a folder tree. */
export interface FolderWatcher {
  /** Watches folders that appeared and drops those that went (a changed folder is noticed at its parent). */
  sync(): Promise<void>
  /** Folders watched, relative to the root ("" is the root). */
  readonly folders: readonly string[]
  /** Stops watching; nothing is reported afterwards. */
  close(): void
}

interface Watched {
  watcher: FSWatcher
  /**
   * The watch may be dead: the system reported an event under the folder's own name, which is how a folder's
   * removal or move reaches its own watch (or a child named like it). The next sync watches it afresh.
   */
  suspect: boolean
}

/**
 * Watches `dir` and every folder under it, calling `onChange` with the path (relative to `dir`, forward slashes)
 * of each entry that was created, changed, renamed or removed, temporary names excepted. Calls come as the
 * system reports them: several per save, and none for files in a new folder until `sync()` has watched it.
 */
export async function watchFolder(dir: string, onChange: (path: string) => void, options: WatchFolderOptions = {}): Promise<FolderWatcher> {
  const root = resolve(dir)
  const watched = new Map<string, Watched>()
  let closed = false
  let syncing: Promise<void> | null = null

  const unwatch = (folder: string) => {
    watched.get(folder)?.watcher.close()
    watched.delete(folder)
  }

  const add = (folder: string) => {
    let watcher: FSWatcher
    try {
      // persistent: false — a watch alone must not keep the process alive; the REPL or the bot does.
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (closed) return
        const entry = name === null ? null : String(name)
        const self = entry === null || entry === basename(folder)
        if (self) {
          const current = watched.get(folder)
          if (current) current.suspect = true
        }
        if (entry !== null && isTemporaryName(entry)) return
        onChange(relative(root, self ? folder : join(folder, entry)).split('\\').join('/'))
      })
    } catch (error) {
      options.onError?.(error as Error, folder)
      return
    }
    // A folder removed from under its watch (EPERM on Windows): drop it; the next sync watches what is there.
    watcher.on('error', (error) => {
      unwatch(folder)
      options.onError?.(error, folder)
    })
    watched.set(folder, { watcher, suspect: false })
  }

  const walk = async (folder: string, seen: Set<string>): Promise<void> => {
    let info
    try {
      info = await stat(folder)
    } catch {
      return
    }
    if (!info.isDirectory() || closed) return
    seen.add(folder)
    if (watched.get(folder)?.suspect) unwatch(folder)
    if (!watched.has(folder)) add(folder)
    let entries
    try {
      entries = await readdir(folder, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(join(folder, entry.name), seen)
    }
  }

  const syncNow = async () => {
    const seen = new Set<string>()
    await walk(root, seen)
    for (const folder of [...watched.keys()]) if (!seen.has(folder)) unwatch(folder)
  }

  const sync = (): Promise<void> => {
    // One walk at a time; a call during a walk waits for it and walks again, to see what changed meanwhile.
    const next = (syncing ?? Promise.resolve()).then(syncNow).finally(() => {
      if (syncing === next) syncing = null
    })
    syncing = next
    return next
  }

  await sync()
  return {
    sync,
    get folders() {
      return [...watched.keys()].map((folder) => relative(root, folder).split('\\').join('/')).sort()
    },
    close() {
      closed = true
      for (const folder of [...watched.keys()]) unwatch(folder)
    },
  }
}
