// The index folder's lock and the product's own temporary names, in-process, on real files.
import { spawnSync } from 'node:child_process'
import { constants } from 'node:fs'
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IndexLockedError, isAlive, LOCK_FILE, tempName, tempOwner, withIndexLock, writeAtomic } from '../../src/index/indexLock.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-lock-'))
})
afterEach(async () => {
  await releasePipes()
  await rm(dir, { recursive: true, force: true })
})

/**
 * After a failed test, a read or write of a named pipe below may still wait for its other end (and hold a thread of
 * libuv's pool): each pipe gets both ends opened and closed, after a plain file has taken its name.
 */
async function releasePipes(): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if (!(await isFifo(path))) continue
    const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK)
    await writeFile(join(dir, 'released'), '')
    await rename(join(dir, 'released'), path)
    await writer.close()
    await reader.close()
  }
}

/**
 * The name the lock (a named pipe) was moved to, once it has been: the one pipe in the folder that is not the lock.
 * Fails as soon as the save settles first (it would never move it now).
 */
async function movedAside(settled: () => boolean): Promise<string> {
  for (;;) {
    for (const name of await readdir(dir)) {
      if (name !== LOCK_FILE && (await isFifo(join(dir, name)))) return name
    }
    await nextTurn(settled)
  }
}

/** Resolves once `path` is a named pipe (the lock put back under its name); fails if the save settles first. */
async function untilFifo(path: string, settled: () => boolean): Promise<void> {
  while (!(await isFifo(path))) await nextTurn(settled)
}

const isFifo = async (path: string) => (await lstat(path).catch(() => null))?.isFIFO() ?? false

async function nextTurn(settled: () => boolean): Promise<void> {
  if (settled()) throw new Error('the save settled before the lock was moved aside and put back')
  await new Promise((resolve) => setImmediate(resolve))
}

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout)

/**
 * The lock as a named pipe that first reads as a dead process's, and a save trying to take it (`waitMs` as
 * `withIndexLock` takes it): resolves once the save has moved the lock aside, with the name it moved it to.
 */
async function saveMovingDeadLockAside(waitMs?: number) {
  const lock = join(dir, LOCK_FILE)
  expect(spawnSync('mkfifo', [lock]).status).toBe(0)
  const dead = deadPid()
  let done = false
  const settled = () => done
  const attempt = withIndexLock(dir, async () => 'took the lock', waitMs).finally(() => (done = true))
  await writeFile(lock, `${dead}\n`)
  return { lock, attempt, settled, aside: await movedAside(settled) }
}

describe('temporary names', () => {
  it('carry the product\'s prefix and this pid, and only such names have an owner', () => {
    const name = tempName('manifest.json')
    expect(name).toMatch(new RegExp(`^newsdesk-qa\\.${process.pid}\\.manifest\\.json\\.[0-9a-f]{6}\\.tmp$`))
    expect(tempName('manifest.json')).not.toBe(name)
    expect(tempOwner(name)).toBe(process.pid)
    expect(tempOwner('newsdesk-qa.4242.index.0123456789abcdef.bin.abcdef.tmp')).toBe(4242)
    expect(tempOwner('corpus.0123456789abcdef.json.4242.tmp')).toBe(4242)
    for (const foreign of ['important.tmp', 'index.json', 'newsdesk-qa.tmp', 'newsdesk-qa.x.a.tmp', 'newsdesk-qa.12.tmp', 'corpus.json.12.tmp', 'xnewsdesk-qa.12.a.tmp', 'newsdesk-qa.12.a.tmpx', 'corpus.0123456789abcdef.json.12.tmp.bak', 'xcorpus.0123456789abcdef.json.12.tmp']) {
      expect(tempOwner(foreign), foreign).toBeNull()
    }
  })
})

describe('isAlive', () => {
  it('knows this process from one that has exited, and refuses non-pids', () => {
    expect(isAlive(process.pid)).toBe(true)
    expect(isAlive(deadPid())).toBe(false)
    for (const pid of [0, -1, Number.NaN, 1.5]) expect(isAlive(pid)).toBe(false)
  })
})

describe('writeAtomic', () => {
  it('writes the file whole and leaves no temporary file, also when it fails', async () => {
    await writeAtomic(dir, 'a.json', 'complete')
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('complete')
    expect(await readdir(dir)).toEqual(['a.json'])
    // A folder that is not empty in the way of the rename: the write fails, the temporary file goes.
    await mkdir(join(dir, 'b'))
    await writeFile(join(dir, 'b', 'x'), '')
    await expect(writeAtomic(dir, 'b', 'data')).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b'])
  })
})

describe('withIndexLock', () => {
  it('runs one holder at a time, with this pid in the lock, and removes the lock after, also after a failure', async () => {
    let active = 0
    let most = 0
    const seen: string[] = []
    const work = (fail: boolean) => async () => {
      active++
      most = Math.max(most, active)
      seen.push(await readFile(join(dir, LOCK_FILE), 'utf8'))
      await new Promise((resolve) => setImmediate(resolve))
      active--
      if (fail) throw new Error('failed inside')
      return 'done'
    }
    const results = await Promise.allSettled([withIndexLock(dir, work(false)), withIndexLock(dir, work(true)), withIndexLock(dir, work(false))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(most).toBe(1)
    expect(seen).toEqual([`${process.pid}\n`, `${process.pid}\n`, `${process.pid}\n`])
    expect(await readdir(dir)).toEqual([])
  })

  it('breaks a lock whose process is dead, or that names this pid (a restarted container), and leaves nothing behind', async () => {
    for (const pid of [deadPid(), process.pid]) {
      await writeFile(join(dir, LOCK_FILE), `${pid}\n`)
      expect(await withIndexLock(dir, async () => (await readFile(join(dir, LOCK_FILE), 'utf8')).trim())).toBe(String(process.pid))
      expect(await readdir(dir)).toEqual([])
    }
  })

  it('waits for a live process\'s lock and gives up after the wait, naming the process; the lock stays', async () => {
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`)
    let ran = false
    const attempt = withIndexLock(dir, async () => (ran = true), 150)
    await expect(attempt).rejects.toBeInstanceOf(IndexLockedError)
    await expect(withIndexLock(dir, async () => undefined, 0)).rejects.toThrow(
      `the index folder is locked by process ${process.ppid}, still saving after 60 s (remove ${join(dir, LOCK_FILE)} if no such process is building the index)`,
    )
    expect(ran).toBe(false)
    expect(await readdir(dir)).toEqual([LOCK_FILE])
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.ppid}\n`)
  })

  it('takes the lock as soon as a live holder lets go', async () => {
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`)
    const waiting = withIndexLock(dir, async () => 'mine')
    setTimeout(() => void rm(join(dir, LOCK_FILE)), 100)
    expect(await waiting).toBe('mine')
    expect(await readdir(dir)).toEqual([])
  })

  it('makes a second save of this process wait for the first, also one that starts while an earlier one holds the lock', async () => {
    // A lock file naming this pid is taken for stale only because this process's own saves queue here: a save let
    // through while another of ours holds the lock would break that lock and run beside it.
    const order: string[] = []
    let releaseSecond!: () => void
    let secondHolds!: () => void
    const holding = new Promise<void>((resolve) => (secondHolds = resolve))
    const first = withIndexLock(dir, async () => order.push('first'))
    const second = withIndexLock(dir, async () => {
      order.push('second starts')
      secondHolds()
      await new Promise<void>((resolve) => (releaseSecond = resolve))
      order.push('second ends')
    })
    await first
    await holding
    const third = withIndexLock(dir, async () => order.push('third'))
    // Time for the third save to take the lock if it did not wait: enough file system calls one after the other
    // for it to try the lock, find this pid in it and break it (about 15 calls). It waits, so nothing changes.
    for (let i = 0; i < 50; i++) await readdir(dir)
    expect(order).toEqual(['first', 'second starts'])
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`)
    releaseSecond()
    await Promise.all([second, third])
    expect(order).toEqual(['first', 'second starts', 'second ends', 'third'])
    expect(await readdir(dir)).toEqual([])
  })

  it('puts back a live process\'s lock that replaced the dead one while it was being moved aside', async () => {
    // The lock is a named pipe here, so that each read of it gets what the test writes at that moment: a dead
    // process's pid when the lock is first looked at, a live process's pid once it has been moved aside.
    const { lock, attempt, settled, aside } = await saveMovingDeadLockAside(0)
    // Under a temporary name of this process that says what it is, should the process die right now.
    expect(aside).toMatch(new RegExp(`^newsdesk-qa\\.${process.pid}\\.newsdesk-qa\\.lock\\.stale\\.[0-9a-f]{6}\\.tmp$`))
    await writeFile(join(dir, aside), `${process.ppid}\n`)
    // Back under its name, the lock is read again: the live process's, so this save gives up (no wait here).
    await untilFifo(lock, settled)
    await writeFile(lock, `${process.ppid}\n`)
    await expect(attempt).rejects.toMatchObject({ name: 'Error', pid: process.ppid, lockFile: lock })
    expect(await readdir(dir)).toEqual([LOCK_FILE])
    expect((await lstat(lock)).isFIFO()).toBe(true)
  })

  it('removes a lock that, once moved aside, turns out to name this process (left by a pid now ours)', async () => {
    const { lock, attempt, settled, aside } = await saveMovingDeadLockAside()
    await writeFile(join(dir, aside), `${process.pid}\n`)
    // Not put back (that would be a lock this process waits for forever): the save takes the lock.
    while (!settled()) {
      expect(await isFifo(lock), 'the lock was put back').toBe(false)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await attempt).toBe('took the lock')
    expect(await readdir(dir)).toEqual([])
  })

  it('waits for a third process that took the lock while a dead one\'s was moved aside, rather than fail', async () => {
    const { lock, attempt, aside } = await saveMovingDeadLockAside(0)
    // Process 1 (alive) takes the free name; the lock moved aside turns out to be a live process's too.
    await writeFile(lock, '1\n')
    await writeFile(join(dir, aside), `${process.ppid}\n`)
    await expect(attempt).rejects.toMatchObject({ pid: 1, lockFile: lock })
    expect(await readdir(dir)).toEqual([LOCK_FILE])
    expect(await readFile(lock, 'utf8')).toBe('1\n')
  })

  it('waits on a lock that holds no pid rather than break it', async () => {
    for (const content of ['not a pid', '0', '-7', '1.5']) {
      await writeFile(join(dir, LOCK_FILE), content)
      await expect(withIndexLock(dir, async () => undefined, 100)).rejects.toThrow('locked by process ?')
      expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(content)
    }
    // Nor one it cannot read (a folder in its place here).
    await rm(join(dir, LOCK_FILE))
    await mkdir(join(dir, LOCK_FILE))
    await expect(withIndexLock(dir, async () => undefined, 0)).rejects.toThrow('locked by process ?')
    expect(await readdir(dir)).toEqual([LOCK_FILE])
  })
})
