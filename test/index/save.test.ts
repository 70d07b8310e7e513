// The save path's own decisions: what a failure is called, what a save keeps, and when the stamps are written.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { MANIFEST_FILE, partFile } from '../../src/index/manifest.js'
import { saveErrorText, saveIndex, saveStamps, trySave } from '../../src/index/save.js'
import { buildSearchIndex } from '../../src/index/searchIndex.js'
import { captureLogs } from '../support/logSink.js'
import { tempSeeds } from '../support/tempSeeds.js'

let dirs: Awaited<ReturnType<typeof tempSeeds>>
beforeEach(async () => {
  dirs = await tempSeeds()
})
afterEach(async () => {
  await dirs.cleanup()
})

const fsError = (code: string, message = `${code}: system words`) => Object.assign(new Error(message), { code })

describe('saveErrorText', () => {
  it('names each failure in the user\'s terms, and passes other errors through', () => {
    expect(saveErrorText(fsError('EEXIST'), '/x')).toBe('/x (or a folder above it) is a file, not a folder')
    expect(saveErrorText(fsError('ENOTDIR'), '/x')).toBe('/x (or a folder above it) is a file, not a folder')
    expect(saveErrorText(fsError('EACCES'), '/x')).toBe('no permission to write in /x')
    expect(saveErrorText(fsError('EPERM'), '/x')).toBe('no permission to write in /x')
    expect(saveErrorText(fsError('EROFS'), '/x')).toBe('/x is on a read-only file system')
    expect(saveErrorText(fsError('ENOSPC'), '/x')).toBe('the disk is full')
    expect(saveErrorText(fsError('EIO', 'EIO: i/o error'), '/x')).toBe('EIO: i/o error')
    expect(saveErrorText('a string', '/x')).toBe('a string')
  })
})

describe('a save', () => {
  const corpusAndIndex = async () => {
    const corpus = await loadCorpus(dirs.seedsDir)
    return { corpus, index: buildSearchIndex(corpus.chunks) }
  }

  it('keeps this process\'s own temporary files (a write of its own in progress) and reports nothing left over', async () => {
    const { corpus, index } = await corpusAndIndex()
    await mkdir(dirs.indexDir)
    const mine = `newsdesk-qa.${process.pid}.index.0123456789abcdef.bin.abcdef.tmp`
    await writeFile(join(dirs.indexDir, mine), 'being written')
    const report = await saveIndex(corpus, index, dirs.indexDir)
    expect(report.leftovers).toEqual([])
    expect(report.generation).toMatch(/^[0-9a-f]{16}$/)
    expect((await readdir(dirs.indexDir)).sort()).toEqual([`corpus.${report.generation}.json`, `index.${report.generation}.bin`, MANIFEST_FILE, mine].sort())
  })

  it('logs nothing when it saves cleanly, and says why when it cannot', async () => {
    const { corpus, index } = await corpusAndIndex()
    const { logger, lines } = captureLogs()
    expect(await trySave(corpus, index, dirs.indexDir, logger)).toMatchObject({ saved: true })
    expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([])
    const file = join(dirs.root, 'a-file')
    await writeFile(file, '')
    expect(await trySave(corpus, index, file, logger)).toEqual({ saved: false, error: `${file} (or a folder above it) is a file, not a folder` })
    expect(lines.filter((l) => (l.level as number) >= 40).map((l) => [l.msg, l.err])).toEqual([
      ['could not save the index; using it in memory only', `${file} (or a folder above it) is a file, not a folder`],
    ])
  })

  it('writes the stamps only into the generation that is still current', async () => {
    const { corpus, index } = await corpusAndIndex()
    const first = await saveIndex(corpus, index, dirs.indexDir)
    const second = await saveIndex(corpus, index, dirs.indexDir)
    await saveStamps(first.generation, corpus, dirs.indexDir)
    expect(await readdir(dirs.indexDir)).not.toContain(`corpus.${first.generation}.json`)
    const before = await readFile(partFile(dirs.indexDir, 'corpus', second.generation), 'utf8')
    const stamped = { ...corpus, stamps: corpus.stamps.map((s) => ({ ...s, mtimeMs: 1234 })) }
    await saveStamps(second.generation, stamped, dirs.indexDir)
    const after = await readFile(partFile(dirs.indexDir, 'corpus', second.generation), 'utf8')
    expect(after).not.toBe(before)
    expect(after).toContain('"mtimeMs":1234')
  })

  it('logs, and does not throw, when the stamps cannot be written', async () => {
    const { corpus } = await corpusAndIndex()
    const file = join(dirs.root, 'a-file')
    await writeFile(file, '')
    const { logger, lines } = captureLogs()
    await saveStamps('0123456789abcdef', corpus, file, logger)
    expect(lines.map((l) => l.msg)).toEqual(["could not save the files' stamps; the next start hashes them again"])
  })
})
