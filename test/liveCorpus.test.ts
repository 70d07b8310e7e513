// Live articles: files added, changed, renamed or removed while the engine runs are answered from, with no
// restart. Real files in a temp folder, the real engine and the real watcher; waits poll for the new answer.
import { appendFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Engine } from '../src/engine.js'
import { Debounce, LiveCorpus } from '../src/liveCorpus.js'
import { captureLogs } from './support/logSink.js'
import { tempSeeds } from './support/tempSeeds.js'

describe('Debounce', () => {
  const rules = { quietMs: 300, maxWaitMs: 1000 }

  it('is due a quiet period after the last change', () => {
    const batch = new Debounce(rules)
    expect(batch.dueIn(0)).toBeNull()
    batch.note(1000)
    expect(batch.dueIn(1000)).toBe(300)
    batch.note(1200)
    expect(batch.dueIn(1200)).toBe(300)
    expect(batch.dueIn(1500)).toBe(0)
    expect(batch.dueIn(9999)).toBe(0)
  })

  it('is due at the latest the maximum wait after the first change, however steady the stream', () => {
    const batch = new Debounce(rules)
    for (let t = 0; t <= 900; t += 100) batch.note(t)
    expect(batch.dueIn(900)).toBe(100)
    batch.note(1000)
    expect(batch.dueIn(1000)).toBe(0)
  })

  it('starts a new batch once taken', () => {
    const batch = new Debounce(rules)
    batch.note(0)
    batch.take()
    expect(batch.dueIn(5000)).toBeNull()
    batch.note(5000)
    expect(batch.dueIn(5000)).toBe(300)
  })
})

/** Polls `check` until it holds: "answered within" waits, generous on a busy machine. */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('not answered in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

let seeds: Awaited<ReturnType<typeof tempSeeds>>
let engine: Engine
let live: LiveCorpus
let logs: ReturnType<typeof captureLogs>

beforeEach(async () => {
  seeds = await tempSeeds()
  logs = captureLogs()
  engine = await Engine.open({ seedsDir: seeds.seedsDir, indexDir: seeds.indexDir, logger: logs.logger })
  live = await LiveCorpus.start(engine, { logger: logs.logger, watch: seeds.seedsDir })
})
afterEach(async () => {
  await live.close()
  // The engine writes the index after a reload returns: let it finish before the folder goes.
  await engine.settled()
  await seeds.cleanup()
})

const write = (rel: string, text: string) => writeFile(join(seeds.seedsDir, rel), text)
/** The file of the passage the answer rests on, when the engine answers. */
const answeredFrom = (question: string) => {
  const answer = engine.ask(question)
  return answer.answered ? (answer.citations[0]?.chunk.file ?? null) : null
}
const cites = (question: string, file: string) => engine.ask(question, { k: 10 }).citations.some((c) => c.chunk.file === file)
const files = () => engine.articles.map((a) => a.file)

const BRIDGE = 'Who designed the Quillon Bridge?'

describe('a running engine with a watched folder', () => {
  it('answers from a file added under it, and logs the reload with its counts', async () => {
    expect(answeredFrom(BRIDGE)).toBeNull()
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale and opened in 1911.\n')
    await until(() => answeredFrom(BRIDGE) === 'seeds/bridge.txt')
    expect(engine.ask(BRIDGE).answer).toContain('Ottoline Farthingale')
    const line = logs.lines.find((l) => l.module === 'live' && l.msg === 'articles reloaded')
    expect(line).toMatchObject({ trigger: 'watch', added: 1, changed: 0, removed: 0, skipped: 0, articles: 4 })
    expect(typeof line!.ms).toBe('number')
  })

  it('answers the new text of a changed file, and the old text is gone', async () => {
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale and opened in 1911.\n')
    await until(() => answeredFrom(BRIDGE) === 'seeds/bridge.txt')
    await write('bridge.txt', 'The Quillon Bridge was designed by Percival Anstruther and opened in 1911.\n')
    await until(() => engine.ask(BRIDGE).answer?.includes('Percival Anstruther') === true)
    expect(engine.chunks.some((c) => c.text.includes('Ottoline'))).toBe(false)
  })

  it('no longer cites a removed file', async () => {
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale and opened in 1911.\n')
    await until(() => answeredFrom(BRIDGE) === 'seeds/bridge.txt')
    await rm(join(seeds.seedsDir, 'bridge.txt'))
    await until(() => !files().includes('seeds/bridge.txt'))
    expect(cites(BRIDGE, 'seeds/bridge.txt')).toBe(false)
    expect(answeredFrom(BRIDGE)).toBeNull()
  })

  it('cites a renamed file under its new name', async () => {
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale and opened in 1911.\n')
    await until(() => answeredFrom(BRIDGE) === 'seeds/bridge.txt')
    await rename(join(seeds.seedsDir, 'bridge.txt'), join(seeds.seedsDir, 'quillon.txt'))
    await until(() => answeredFrom(BRIDGE) === 'seeds/quillon.txt')
    expect(files()).not.toContain('seeds/bridge.txt')
  })

  it('answers from all of a burst of 50 files, with few reloads', async () => {
    const before = live.reloads
    for (let n = 0; n < 50; n++) await write(`burst-${n}.txt`, `The ${lighthouse(n)} lighthouse was built by ${keeper(n)} in ${1800 + n}.\n`)
    await until(() => files().length === 53)
    for (let n = 0; n < 50; n++) {
      expect(answeredFrom(`Who built the ${lighthouse(n)} lighthouse?`)).toBe(`seeds/burst-${n}.txt`)
    }
    // Debounced: the burst is one batch (two if the writes straddle a quiet period on a busy machine), not fifty.
    expect(live.reloads - before).toBeLessThanOrEqual(3)
  })

  it('indexes the final content of a file written in two parts', async () => {
    const handle = await open(join(seeds.seedsDir, 'halves.txt'), 'w')
    await handle.write('The Quillon Bridge was designed by Ottoline Farthingale.\n\n')
    await handle.sync()
    // Longer than the quiet period: the first half may well be loaded on its own first.
    await new Promise((resolve) => setTimeout(resolve, 450))
    await handle.write('The Marrowby Tunnel was dug by Cuthbert Pennywhistle in 1850.\n')
    await handle.close()
    await until(() => answeredFrom('Who dug the Marrowby Tunnel?') === 'seeds/halves.txt')
    const text = engine.chunks.filter((c) => c.file === 'seeds/halves.txt').map((c) => c.text)
    expect(text.join('\n')).toContain('Ottoline Farthingale')
    expect(text.join('\n')).toContain('Cuthbert Pennywhistle')
  })

  it('never loads an editor temporary file as an article', async () => {
    const scratch = ['.bridge.txt.swp', 'bridge.txt~', '#bridge.txt#', 'bridge.txt.tmp', '4913']
    for (const name of scratch) await write(name, 'The Quillon Bridge was designed by Scratchy McTemp.\n')
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale and opened in 1911.\n')
    await until(() => answeredFrom(BRIDGE) === 'seeds/bridge.txt')
    expect(files()).toEqual(expect.not.arrayContaining(scratch.map((name) => `seeds/${name}`)))
    expect(engine.chunks.some((c) => c.text.includes('Scratchy'))).toBe(false)
  })

  it('picks up a change made during a reload with one more reload', async () => {
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale.\n')
    await until(() => logs.lines.some((l) => l.msg === 'reloading the articles'))
    await write('tunnel.txt', 'The Marrowby Tunnel was dug by Cuthbert Pennywhistle in 1850.\n')
    await until(() => answeredFrom('Who dug the Marrowby Tunnel?') === 'seeds/tunnel.txt')
    expect(answeredFrom(BRIDGE)).toBe('seeds/bridge.txt')
  })

  it('watches a folder made while it runs, and the files in it', async () => {
    await mkdir(join(seeds.seedsDir, 'europe/wales'), { recursive: true })
    await write('europe/wales/tunnel.txt', 'The Marrowby Tunnel was dug by Cuthbert Pennywhistle in 1850.\n')
    await until(() => answeredFrom('Who dug the Marrowby Tunnel?') === 'seeds/europe/wales/tunnel.txt')
    // A later change inside the new folder is seen too: the folder is watched now.
    await appendFile(join(seeds.seedsDir, 'europe/wales/tunnel.txt'), '\nThe Marrowby Tunnel was closed by Agatha Thimbleby in 1960.\n')
    await until(() => engine.chunks.some((c) => c.text.includes('Agatha Thimbleby')))
  })
})

describe('LiveCorpus.reload (on request)', () => {
  it('runs after the reload in progress, shared by every request made meanwhile, and sees what changed before it', async () => {
    await live.close()
    live = await LiveCorpus.start(engine, { logger: logs.logger, watch: null })
    const first = live.reload()
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale.\n')
    const second = live.reload()
    const third = live.reload()
    expect(third).toBe(second)
    const [a, b] = await Promise.all([first, second])
    expect(live.reloads).toBe(2)
    expect([...a.added, ...b.added]).toEqual(['seeds/bridge.txt'])
    expect(answeredFrom(BRIDGE)).toBe('seeds/bridge.txt')
    const reloads = logs.lines.filter((l) => l.module === 'live' && String(l.msg).startsWith('articles reloaded'))
    expect(reloads.map((l) => l.trigger)).toEqual(['request', 'request'])
  })

  it('rejects when the folder cannot be read, and keeps answering from the articles it has', async () => {
    await write('bridge.txt', 'The Quillon Bridge was designed by Ottoline Farthingale.\n')
    await live.reload()
    await live.close()
    live = await LiveCorpus.start(engine, { logger: logs.logger, watch: null })
    await rm(seeds.seedsDir, { recursive: true })
    await expect(live.reload()).rejects.toThrow(/cannot read the articles folder/)
    expect(answeredFrom(BRIDGE)).toBe('seeds/bridge.txt')
    expect(logs.lines.some((l) => l.level === 50 && l.msg === 'reload failed: answering from the articles loaded before')).toBe(true)
  })
})

// Made-up names, distinct for each n: questions about one of them can only be answered by its own file.
const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'te', 'vo', 'zi', 'pa']
function lighthouse(n: number): string {
  const name = [n >> 6, (n >> 3) & 7, n & 7].map((i) => SYLLABLES[i]).join('')
  return `Q${name}`
}
function keeper(n: number): string {
  return `Keeper ${String.fromCharCode(65 + (n % 26))}${lighthouse(n).slice(1)}son`
}
