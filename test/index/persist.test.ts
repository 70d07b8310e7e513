import { spawnSync } from 'node:child_process'
import { appendFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Engine } from '../../src/engine.js'
import { LOCK_FILE } from '../../src/index/indexLock.js'
import { MANIFEST_FILE, partFile, saveIndex, staleness } from '../../src/index/persist.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import type { Part } from '../../src/index/persist.js'
import { captureLogs } from '../support/logSink.js'
import { tempSeeds } from '../support/tempSeeds.js'

let dirs: Awaited<ReturnType<typeof tempSeeds>>
beforeEach(async () => {
  dirs = await tempSeeds()
})
afterEach(async () => {
  await dirs.cleanup()
})

/** The file of one part of the generation the manifest names. */
const part = async (name: Part) => partFile(dirs.indexDir, name, JSON.parse(await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8')).generation)
const open = (logger = captureLogs().logger) => Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, logger })
const answerOf = (engine: Engine) => engine.ask('who did Xi send?').answer
// What an engine built from scratch, in memory, answers: a recovered index must answer the same.
const expected = async () => answerOf(await Engine.open({ seedsDir: dirs.seedsDir, indexDir: null }))

describe('index persistence', () => {
  it('builds and saves the index on first open, then loads it unchanged', async () => {
    const first = await open()
    expect(first.origin).toBe('built')
    const manifest = JSON.parse(await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8'))
    expect(manifest.files).toHaveLength(3)
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(manifest.analyserVersion).toEqual(expect.any(String))

    expect(answerOf(first)).toMatch(/Han/)
    const second = await open()
    expect(second.origin).toBe('loaded')
    expect(answerOf(second)).toBe(answerOf(first))
    expect(second.search('Han Zheng inauguration').hits.map((h) => h.chunk.id)).toEqual(
      first.search('Han Zheng inauguration').hits.map((h) => h.chunk.id),
    )
  })

  it('saves the files\' stamps once they can be trusted, so that later starts do not hash the files again', async () => {
    // Files written just before they are indexed are stamped "hash again": their time may not have settled.
    const stamps = async () => (JSON.parse(await readFile(await part('corpus'), 'utf8')) as { articles: { stamp: { mtimeMs: number } }[] }).articles.map((a) => a.stamp.mtimeMs)
    const first = await open()
    await first.settled()
    expect(await stamps()).toEqual([-1, -1, -1])
    // A minute later, as far as the files' times go.
    const past = new Date(Date.now() - 60_000)
    for (const file of await readdir(dirs.seedsDir)) await utimes(join(dirs.seedsDir, file), past, past)
    const second = await open()
    expect(second.origin).toBe('loaded')
    await second.settled()
    const saved = await stamps()
    expect(saved.every((ms) => ms > 0)).toBe(true)
    const third = await open()
    expect(third.origin).toBe('loaded')
    expect(answerOf(third)).toBe(answerOf(first))
    await third.settled()
    expect(await stamps()).toEqual(saved)
  })

  it('updates the saved index when a seed changes, and the change is searchable', async () => {
    await open()
    await appendFile(join(dirs.seedsDir, '002_699b818289046363.txt'), '\nThe zeppelin delegation arrived by airship on Tuesday.\n')
    const { logger, lines } = captureLogs()
    const engine = await open(logger)
    expect(engine.origin).toBe('updated')
    expect(lines.some((l) => String(l.reason ?? '').includes('002_699b818289046363.txt'))).toBe(true)
    expect(engine.search('zeppelin').hits[0]?.chunk.text).toContain('zeppelin')
  })

  it('updates the saved index when a seed is added or removed, answering as a fresh build does', async () => {
    await open()
    await writeFile(join(dirs.seedsDir, '003_new.txt'), 'Reuters\n\nThe summit on lunar mining ended without a deal on Friday.\n')
    const engine = await open()
    expect(engine.origin).toBe('updated')
    expect(engine.articles).toHaveLength(4)
    expect(engine.ask('what did the lunar mining summit end without?').citations[0]?.chunk.file).toMatch(/003_new/)
    await rm(join(dirs.seedsDir, '003_new.txt'))
    const again = await open()
    expect(again.origin).toBe('updated')
    expect(again.articles).toHaveLength(3)
    expect(answerOf(again)).toBe(await expected())
    expect((await open()).origin).toBe('loaded')
  })

  it('keeps the last complete save when a save is cut short, and removes its leftovers on the next save', async () => {
    await open()
    const manifest = await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8')
    // A save killed after writing some parts of a new generation, before its manifest.
    await writeFile(join(dirs.indexDir, 'corpus.0123456789abcdef.json'), '{"torn":')
    await writeFile(join(dirs.indexDir, 'index.0123456789abcdef.bin.4242.tmp'), 'partial')
    const engine = await open()
    expect(engine.origin).toBe('loaded')
    expect(answerOf(engine)).toBe(await expected())
    expect(await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8')).toBe(manifest)
    await open(undefined).then(() => Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, rebuild: true }))
    expect((await readdir(dirs.indexDir)).filter((f) => f.includes('0123456789abcdef'))).toEqual([])
  })

  it('rebuilds when the manifest names parts that are missing', async () => {
    await open()
    await rm(await part('index'))
    const { logger, lines } = captureLogs()
    expect((await open(logger)).origin).toBe('built')
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('missing or corrupt'))).toBe(true)
  })

  it('rebuilds when the analyser version differs', async () => {
    await open()
    const path = join(dirs.indexDir, MANIFEST_FILE)
    const manifest = JSON.parse(await readFile(path, 'utf8'))
    await writeFile(path, JSON.stringify({ ...manifest, analyserVersion: 'old-analyser' }))
    const { logger, lines } = captureLogs()
    expect((await open(logger)).origin).toBe('built')
    expect(lines.some((l) => String(l.reason).includes('analyser'))).toBe(true)
  })

  it('recovers from a corrupt index file with a warning', async () => {
    await open()
    await writeFile(await part('index'), '{"mini": {"truncated')
    const { logger, lines } = captureLogs()
    const engine = await open(logger)
    expect(engine.origin).toBe('built')
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('corrupt'))).toBe(true)
    expect(answerOf(engine)).toBe(await expected())
    expect((await open()).origin).toBe('loaded')
  })

  it('recovers from an index file that is JSON, not an index', async () => {
    await open()
    await writeFile(await part('index'), JSON.stringify({ mini: { documentCount: 1 }, df: [] }))
    const engine = await open()
    expect(engine.origin).toBe('built')
    expect(answerOf(engine)).toBe(await expected())
  })

  it('recovers from a corrupt or binary manifest', async () => {
    await open()
    await writeFile(join(dirs.indexDir, MANIFEST_FILE), Buffer.from([0, 159, 146, 150, 0, 255]))
    const { logger, lines } = captureLogs()
    expect((await open(logger)).origin).toBe('built')
    expect(lines.some((l) => l.level === 40)).toBe(true)
  })

  it('rebuilds when the corpus part is empty', async () => {
    await open()
    await writeFile(await part('corpus'), '')
    expect((await open()).origin).toBe('built')
  })

  it('rebuilds on purpose', async () => {
    await open()
    const engine = await Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, rebuild: true })
    expect(engine.origin).toBe('built')
  })

  it('keeps answering in memory when the index folder cannot be written', async () => {
    const blocked = join(dirs.root, 'not-a-folder')
    await writeFile(blocked, 'a file where the index folder should be')
    const { logger, lines } = captureLogs()
    const engine = await Engine.open({ seedsDir: dirs.seedsDir, indexDir: blocked, logger })
    expect(engine.origin).toBe('memory')
    expect(engine.saveError).toMatch(/is a file, not a folder/)
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('could not save the index'))).toBe(true)
    expect(answerOf(engine)).toBe(await expected())
  })
})

/** A pid that no process has: a child that has exited (and been reaped). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout)
}

describe('the index folder holds other files too', () => {
  it('removes only its own older generations and dead processes\' temporary files, never a user\'s file', async () => {
    await mkdir(dirs.indexDir, { recursive: true })
    const foreign = ['important.tmp', 'index.json', 'notes.txt', 'corpus.json', 'newsdesk-qa.tmp', 'search.tmp', 'feedback.jsonl']
    for (const name of foreign) await writeFile(join(dirs.indexDir, name), `the user's ${name}`)
    await open()
    const dead = deadPid()
    const ours = [`newsdesk-qa.${dead}.manifest.json.abc123.tmp`, `corpus.0123456789abcdef.json.${dead}.tmp`, 'corpus.0123456789abcdef.json', 'index.0123456789abcdef.bin']
    for (const name of ours) await writeFile(join(dirs.indexDir, name), 'left by an earlier save')
    // A live process's temporary file: its save is in progress.
    const live = `newsdesk-qa.${process.ppid}.index.fedcba9876543210.bin.abc123.tmp`
    await writeFile(join(dirs.indexDir, live), 'being written')
    await Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, rebuild: true })
    const left = await readdir(dirs.indexDir)
    for (const name of foreign) expect(await readFile(join(dirs.indexDir, name), 'utf8')).toBe(`the user's ${name}`)
    for (const name of ours) expect(left).not.toContain(name)
    expect(left).toContain(live)
    expect(left.filter((f) => /^(corpus|index)\.[0-9a-f]{16}\./.test(f))).toEqual([`corpus.${await generation()}.json`, `index.${await generation()}.bin`].sort())
    expect(left).not.toContain(LOCK_FILE)
  })

  it('breaks a lock left by a dead process, and waits for a live one, then says who holds it', async () => {
    const corpus = await loadCorpus(dirs.seedsDir)
    const index = buildSearchIndex(corpus.chunks)
    await mkdir(dirs.indexDir, { recursive: true })
    await writeFile(join(dirs.indexDir, LOCK_FILE), `${deadPid()}\n`)
    await saveIndex(corpus, index, dirs.indexDir)
    expect(await readdir(dirs.indexDir)).not.toContain(LOCK_FILE)
    expect((await open()).origin).toBe('loaded')

    await writeFile(join(dirs.indexDir, LOCK_FILE), `${process.ppid}\n`)
    const before = await generation()
    await expect(saveIndex(corpus, index, dirs.indexDir, 200)).rejects.toThrow(new RegExp(`locked by process ${process.ppid}`))
    expect(await generation()).toBe(before)
    expect(await readFile(join(dirs.indexDir, LOCK_FILE), 'utf8')).toBe(`${process.ppid}\n`)
  })

  it('saves the new index and warns separately when an old part cannot be removed', async () => {
    await open()
    // A folder where an old generation's part would be: rm cannot remove it.
    await mkdir(join(dirs.indexDir, 'index.0123456789abcdef.bin'))
    const { logger, lines } = captureLogs()
    const engine = await Engine.open({ seedsDir: dirs.seedsDir, indexDir: dirs.indexDir, rebuild: true, logger })
    expect(engine.origin).toBe('built')
    expect(engine.saveError).toBeNull()
    const warnings = lines.filter((l) => l.level === 40).map((l) => String(l.msg))
    expect(warnings).toEqual(['index saved, but an old file of it could not be removed'])
    expect((await open()).origin).toBe('loaded')
  })
})

const generation = async (): Promise<string> => JSON.parse(await readFile(join(dirs.indexDir, MANIFEST_FILE), 'utf8')).generation

describe('staleness', () => {
  const current = {
    formatVersion: 3,
    analyserVersion: 'a',
    chunkerVersion: 1,
    options: { x: 1 } as never,
    fingerprint: 'f',
    chunkCount: 2,
    files: [{ file: 'seeds/a.txt', sha256: '1' }],
  }
  it('is null for a matching manifest', () => {
    expect(staleness({ ...current, builtAt: 'x' }, current)).toBeNull()
  })
  it('names the changed and removed files', () => {
    const old = { ...current, fingerprint: 'g', files: [{ file: 'seeds/a.txt', sha256: '0' }, { file: 'seeds/b.txt', sha256: '2' }] }
    expect(staleness(old, current)).toBe('articles changed or added: seeds/a.txt; removed: seeds/b.txt')
  })
  it('rejects non-objects and other options', () => {
    expect(staleness(null, current)).not.toBeNull()
    expect(staleness('x', current)).not.toBeNull()
    expect(staleness({ ...current, options: { x: 2 } }, current)).toBe('index options changed')
  })
})
