// Files that must never stop loading: each is skipped (or read safely) with exactly one warning naming it,
// and the good files around it still load.

import { execFileSync } from 'node:child_process'
import { chmod, mkdir, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { canLoadUnprivileged, captureLogs, loadUnprivileged, tempCorpus } from './helpers.js'

const GOOD = 'Officials said the two leaders spoke by phone on Friday.\nThe call lasted about an hour.\n'

let corpus: Awaited<ReturnType<typeof tempCorpus>>
beforeEach(async () => {
  corpus = await tempCorpus('articles')
  await corpus.write('good.txt', GOOD)
})
afterEach(async () => {
  await corpus.cleanup()
})

/** Loads the folder and checks that good.txt loaded and that `file` got exactly one warning; returns it. */
async function loadExpectingOneWarning(file: string, options: { maxFileBytes?: number } = {}) {
  const logs = captureLogs()
  const loaded = await loadCorpus(corpus.dir, { ...options, logger: logs.logger })
  expect(loaded.articles.map((a) => a.file)).toContain('articles/good.txt')
  expect(loaded.chunks.filter((c) => c.file === 'articles/good.txt')).toHaveLength(2)
  const warnings = logs.warnings()
  expect(warnings.filter((w) => w.file === `articles/${file}`)).toHaveLength(1)
  expect(warnings).toHaveLength(1)
  const warning = warnings[0]!
  expect(warning.msg).toContain(`articles/${file}`)
  return { loaded, warning }
}

describe('loadCorpus with bad files', () => {
  it('skips an empty file and a whitespace-only file', async () => {
    await corpus.write('empty.txt', '')
    const { loaded, warning } = await loadExpectingOneWarning('empty.txt')
    expect(loaded.skipped).toEqual([{ file: 'articles/empty.txt', reason: 'empty file' }])
    expect(warning.reason).toBe('empty file')
    await corpus.write('empty.txt', ' \n\t\r\n ')
    expect((await loadExpectingOneWarning('empty.txt')).warning.reason).toMatch(/empty file/)
  })

  it('skips a binary file with a text name', async () => {
    await corpus.write('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]))
    const { loaded, warning } = await loadExpectingOneWarning('photo.txt')
    expect(warning.reason).toMatch(/binary/)
    expect(loaded.articles).toHaveLength(1)
  })

  it('skips a file that is mostly control characters or undecodable bytes', async () => {
    const noise = Buffer.alloc(4000)
    for (let i = 0; i < noise.length; i++) noise[i] = 1 + ((i * 37) % 254)
    await corpus.write('noise.md', noise)
    const { warning } = await loadExpectingOneWarning('noise.md')
    expect(warning.reason).toMatch(/not a text file/)
  })

  it('reads a UTF-8 file with a few invalid bytes, showing them as U+FFFD, with one warning', async () => {
    // Windows-1252 curly quotes (0x93 0x94) in a UTF-8 article whose own accents outnumber them: damaged UTF-8,
    // not Windows-1252 (test/corpus/encodings.test.ts has the files that are read as Windows-1252).
    const bytes = Buffer.concat([Buffer.from('Peña, São Paulo and Zürich said the call was '), Buffer.from([0x93]), Buffer.from('very good'), Buffer.from([0x94]), Buffer.from('.\n')])
    await corpus.write('cp1252.txt', bytes)
    const { loaded, warning } = await loadExpectingOneWarning('cp1252.txt')
    expect(warning.reason).toMatch(/invalid UTF-8: 2 undecodable/)
    const chunk = loaded.chunks.find((c) => c.file === 'articles/cp1252.txt')!
    expect(chunk.text).toBe('Peña, São Paulo and Zürich said the call was \uFFFDvery good\uFFFD.')
    expect(loaded.skipped).toEqual([])
  })

  it('skips a file over maxFileBytes', async () => {
    await corpus.write('long.txt', 'A sentence that goes on. '.repeat(100))
    const { loaded, warning } = await loadExpectingOneWarning('long.txt', { maxFileBytes: 2000 })
    expect(warning.reason).toBe('too large: 2.4 KiB, over the 2.0 KiB limit')
    expect(loaded.skipped.map((s) => s.file)).toEqual(['articles/long.txt'])
  })

  it('skips a 50 MB file under the default limit without reading it', async () => {
    const path = join(corpus.dir, 'huge.txt')
    await writeFile(path, '')
    await truncate(path, 50 * 1024 * 1024)
    const { warning } = await loadExpectingOneWarning('huge.txt')
    expect(warning.reason).toBe('too large: 50.0 MiB, over the 10.0 MiB limit')
  })

  it('skips a dangling symbolic link', async () => {
    await symlink(join(corpus.dir, 'gone.txt'), join(corpus.dir, 'dangling.txt'))
    const { warning } = await loadExpectingOneWarning('dangling.txt')
    expect(warning.reason).toMatch(/broken symbolic link/)
  })

  it('skips a symbolic link to a file outside the folder', async () => {
    const outside = join(corpus.dir, '..', 'secret.txt')
    await writeFile(outside, 'A secret sentence that must not be indexed.\n')
    await symlink(outside, join(corpus.dir, 'leak.txt'))
    const { loaded, warning } = await loadExpectingOneWarning('leak.txt')
    expect(warning.reason).toBe('symbolic link to a file outside the articles folder')
    expect(loaded.chunks.some((c) => c.text.includes('secret'))).toBe(false)
  })

  it('reads a symbolic link to a file inside the folder under its own name', async () => {
    await corpus.write('sub/real.txt', 'The real article says the call lasted an hour.\n')
    await symlink(join(corpus.dir, 'sub', 'real.txt'), join(corpus.dir, 'sub', 'alias.txt'))
    await symlink(join(corpus.dir, 'sub', 'real.txt'), join(corpus.dir, '..', 'outside-link.txt'))
    await symlink(join(corpus.dir, '..', 'outside-link.txt'), join(corpus.dir, 'via-outside.txt'))
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    // A link to a file that is loaded anyway is skipped so the article is not counted twice.
    expect(loaded.articles.map((a) => a.file)).toEqual(['articles/good.txt', 'articles/sub/real.txt'])
    expect(loaded.skipped.map((s) => s.file)).toEqual(['articles/sub/alias.txt', 'articles/via-outside.txt'])
    expect(logs.warnings().map((w) => w.file)).toEqual(['articles/sub/alias.txt', 'articles/via-outside.txt'])
  })

  it('loads a link to an inside file that is not itself an article file name', async () => {
    await corpus.write('notes/original.dat', 'Linked article text about the phone call.\n')
    await symlink(join(corpus.dir, 'notes', 'original.dat'), join(corpus.dir, 'linked.txt'))
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    expect(loaded.chunks.find((c) => c.file === 'articles/linked.txt')?.text).toBe('Linked article text about the phone call.')
    expect(logs.warnings().map((w) => w.file)).toEqual(['articles/notes/original.dat'])
  })

  it('does not follow a symbolic link to a folder (no loops, no duplicates)', async () => {
    await symlink(corpus.dir, join(corpus.dir, 'loop'))
    const { warning } = await loadExpectingOneWarning('loop')
    expect(warning.reason).toBe('symbolic link to a folder: not followed')
  })

  it('treats a folder named like an article as a folder', async () => {
    await mkdir(join(corpus.dir, 'x.txt'))
    await corpus.write('x.txt/inner.md', 'Inner article text about the call.\n')
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    expect(loaded.articles.map((a) => a.file)).toEqual(['articles/good.txt', 'articles/x.txt/inner.md'])
    expect(logs.warnings()).toEqual([])
  })

  it('skips a named pipe without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(corpus.dir, 'pipe.txt')])
    const { warning } = await loadExpectingOneWarning('pipe.txt')
    expect(warning.reason).toBe('not a regular file')
  })

  // Root reads everything; the check runs as an unprivileged user, who must be able to reach the repository.
  it.skipIf(!canLoadUnprivileged())('skips a file it may not read, and a subfolder it may not list', async () => {
    const locked = await corpus.write('locked.txt', 'Locked article text.\n')
    await chmod(locked, 0o000)
    await corpus.write('closed/a.txt', 'Closed article text.\n')
    await chmod(join(corpus.dir, 'closed'), 0o000)
    // The unprivileged reader must be able to reach the folder itself.
    await chmod(join(corpus.dir, '..'), 0o755)
    const loaded = await loadUnprivileged(corpus.dir)
    expect(loaded.files).toEqual(['articles/good.txt'])
    expect(loaded.skipped).toEqual([
      { file: 'articles/closed/', reason: 'folder not readable: permission denied (EACCES)' },
      { file: 'articles/locked.txt', reason: 'unreadable: permission denied (EACCES)' },
    ])
    expect(loaded.warnings.map((w) => w.file)).toEqual(['articles/closed/', 'articles/locked.txt'])
    await chmod(join(corpus.dir, 'closed'), 0o755)
  })

  it('skips a file that has no article text', async () => {
    await corpus.write('furniture.txt', 'CNN\n—\nAdvertisement\nShare\n')
    const { warning } = await loadExpectingOneWarning('furniture.txt')
    expect(warning.reason).toMatch(/^no article text/)
  })

  it('strips a UTF-8 byte-order mark and keeps offsets into the decoded text', async () => {
    await corpus.write('bom.txt', '\uFEFFReuters\r\nThe call lasted an hour.\r\n')
    const logs = captureLogs()
    const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
    const chunk = loaded.chunks.find((c) => c.file === 'articles/bom.txt')!
    expect(chunk).toMatchObject({ text: 'The call lasted an hour.', start: 9, line: 2, source: 'Reuters' })
    expect(logs.warnings()).toEqual([])
  })

  it('reads UTF-16 with a byte-order mark', async () => {
    await corpus.write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Xi sent Han Zheng to Washington.\n', 'utf16le')]))
    const loaded = await loadCorpus(corpus.dir)
    expect(loaded.chunks.find((c) => c.file === 'articles/utf16.txt')?.text).toBe('Xi sent Han Zheng to Washington.')
  })

  it('fails with a clear error when the folder itself is missing', async () => {
    await expect(loadCorpus(join(corpus.dir, 'nope'))).rejects.toThrow(/cannot read the articles folder ".*nope": no such file or folder \(ENOENT\)/)
    await expect(loadCorpus(join(corpus.dir, 'good.txt'))).rejects.toThrow(/not a folder/)
  })
})
