// Watching the articles folder: which names count, and the changes that Node's own recursive watch misses on Linux.
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isTemporaryName, watchFolder } from '../../src/corpus/watchFolder.js'
import type { FolderWatcher } from '../../src/corpus/watchFolder.js'
import { tempCorpus } from './helpers.js'

/** Polls `check` until it holds; fails after `timeoutMs` (generous: these wait for the file system, not a timer). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('isTemporaryName', () => {
  it.each([
    '.article.txt.swp',
    '.article.txt.swx',
    '.#article.txt',
    '.DS_Store',
    '.goutputstream-ABC123',
    '.~lock.article.txt#',
    'article.txt~',
    '#article.txt#',
    'article.txt.swp',
    'article.txt.tmp',
    'article.TMP',
    'download.txt.part',
    'download.txt.crdownload',
    'article.txt___jb_tmp___',
    '4913',
    '5036',
  ])('%s is temporary', (name) => expect(isTemporaryName(name)).toBe(true))

  it.each(['article.txt', 'notes.md', 'metadata.json', '2024', 'tmp', 'swp.txt', '4914', 'README'])('%s is not', (name) =>
    expect(isTemporaryName(name)).toBe(false),
  )
})

describe('watchFolder', () => {
  let corpus: Awaited<ReturnType<typeof tempCorpus>>
  let watcher: FolderWatcher | null = null
  let seen: string[] = []
  beforeEach(async () => {
    corpus = await tempCorpus('seeds')
    seen = []
  })
  afterEach(async () => {
    watcher?.close()
    watcher = null
    await corpus.cleanup()
  })
  const start = async () => {
    watcher = await watchFolder(corpus.dir, (path) => seen.push(path))
  }

  it('reports an in-place write to a file that an editor saved by renaming over it', async () => {
    await corpus.write('story.txt', 'First version.\n')
    await start()
    // The editor's save: a temporary file renamed over the article (not reported: a temporary name)…
    await writeFile(join(corpus.dir, '.story.txt.tmp'), 'Second version.\n')
    await rename(join(corpus.dir, '.story.txt.tmp'), join(corpus.dir, 'story.txt'))
    await until(() => seen.includes('story.txt'))
    // …then a plain append, which Node 20's recursive fs.watch on Linux never reports after such a save.
    seen = []
    await appendFile(join(corpus.dir, 'story.txt'), 'Third version.\n')
    await until(() => seen.includes('story.txt'))
    expect(seen.every((path) => path === 'story.txt')).toBe(true)
  })

  it('watches folders made after it started once synced, and stops watching removed ones', async () => {
    await corpus.write('asia/old.txt', 'Old.\n')
    await start()
    expect(watcher!.folders).toEqual(['', 'asia'])
    await mkdir(join(corpus.dir, 'europe/france'), { recursive: true })
    await until(() => seen.includes('europe'))
    await watcher!.sync()
    expect(watcher!.folders).toEqual(['', 'asia', 'europe', 'europe/france'])
    await writeFile(join(corpus.dir, 'europe/france/new.txt'), 'New.\n')
    await until(() => seen.includes('europe/france/new.txt'))
    await rm(join(corpus.dir, 'asia'), { recursive: true })
    await until(() => seen.includes('asia'))
    await watcher!.sync()
    expect(watcher!.folders).toEqual(['', 'europe', 'europe/france'])
  })

  it('re-watches a folder removed and made again under the same name', async () => {
    await corpus.write('asia/a.txt', 'A.\n')
    await start()
    await rm(join(corpus.dir, 'asia'), { recursive: true })
    await mkdir(join(corpus.dir, 'asia'))
    await until(() => seen.includes('asia'))
    await watcher!.sync()
    await writeFile(join(corpus.dir, 'asia/b.txt'), 'B.\n')
    await until(() => seen.includes('asia/b.txt'))
  })

  it('never reports temporary names or hidden folders, and nothing after close', async () => {
    await mkdir(join(corpus.dir, '.git'))
    await start()
    expect(watcher!.folders).toEqual([''])
    for (const name of ['.story.txt.swp', 'story.txt~', '4913', '#story.txt#', 'story.txt.tmp']) {
      await writeFile(join(corpus.dir, name), 'scratch')
    }
    await writeFile(join(corpus.dir, '.git/HEAD'), 'ref')
    await writeFile(join(corpus.dir, 'story.txt'), 'Real.\n')
    // Events of one folder arrive in order: once the real file is reported, the others would have been too.
    await until(() => seen.includes('story.txt'))
    expect([...new Set(seen)]).toEqual(['story.txt'])
    watcher!.close()
    seen = []
    await writeFile(join(corpus.dir, 'late.txt'), 'Late.\n')
    await writeFile(join(corpus.dir, 'story.txt'), 'Changed.\n')
    // Nothing to wait for: a closed watcher has no handle left to report through.
    expect(watcher!.folders).toEqual([])
    expect(seen).toEqual([])
  })
})
