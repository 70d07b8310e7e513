// Files that are not UTF-8: Windows-1252 and Latin-1 articles are read as written, with one warning naming the
// file; damaged UTF-8 keeps its own characters (U+FFFD where bytes fail); binary noise is still skipped.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/corpus/loadCorpus.js'
import { captureLogs, tempCorpus } from './helpers.js'

let corpus: Awaited<ReturnType<typeof tempCorpus>>
beforeEach(async () => {
  corpus = await tempCorpus('articles')
  await corpus.write('good.txt', 'Officials said the two leaders spoke by phone on Friday.\n')
})
afterEach(async () => {
  await corpus.cleanup()
})

/** Loads the folder; returns the text of `file`'s chunks (null when skipped) and the warnings. */
async function load(file: string) {
  const logs = captureLogs()
  const loaded = await loadCorpus(corpus.dir, { logger: logs.logger })
  const chunks = loaded.chunks.filter((c) => c.file === `articles/${file}`)
  return {
    text: chunks.length > 0 ? chunks.map((c) => c.text).join('\n') : null,
    skipped: loaded.skipped,
    warnings: logs.warnings(),
  }
}

/** Windows-1252 bytes of `text`: Latin-1 characters are their own byte; the few others used here, from its table. */
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '—': 0x97 }
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const b = ch.charCodeAt(0) < 0x100 ? ch.charCodeAt(0) : WINDOWS_1252[ch]
    if (b === undefined) throw new Error(`no Windows-1252 byte for ${ch} in this test's table`)
    return b
  }))
}

describe('loadCorpus with files that are not UTF-8', () => {
  it('reads a Latin-1 article as written, with one warning naming it', async () => {
    await corpus.write('latin1.txt', Buffer.from('Le café de la gare a fermé. Zoë était déjà là à midi.\n', 'latin1'))
    const { text, warnings, skipped } = await load('latin1.txt')
    expect(text).toBe('Le café de la gare a fermé. Zoë était déjà là à midi.')
    expect(skipped).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ file: 'articles/latin1.txt' })
    expect(warnings[0]!.msg).toContain('articles/latin1.txt')
    expect(warnings[0]!.reason).toBe('not UTF-8: decoded as Windows-1252 (Latin-1), 8 byte(s) above ASCII')
  })

  it('reads Windows-1252 curly quotes, dashes and the euro sign', async () => {
    await corpus.write('quotes.txt', windows1252('Trump said the call was “very good” — worth €5 million, it’s said.\n'))
    const { text, warnings } = await load('quotes.txt')
    expect(text).toBe('Trump said the call was “very good” — worth €5 million, it’s said.')
    expect(warnings.map((w) => [w.file, w.reason])).toEqual([['articles/quotes.txt', 'not UTF-8: decoded as Windows-1252 (Latin-1), 5 byte(s) above ASCII']])
  })

  it('reads Windows-1252 even where a capital and a quote happen to form a valid UTF-8 pair', async () => {
    // É (0xC9) then ’ (0x92) is a well-formed UTF-8 sequence; the four other accents are not.
    await corpus.write('jose.txt', windows1252('JOSÉ’s café served crème brûlée.\n'))
    const { text, warnings } = await load('jose.txt')
    expect(text).toBe('JOSÉ’s café served crème brûlée.')
    expect(warnings).toHaveLength(1)
  })

  it('keeps a genuinely mixed file as UTF-8, its stray byte shown as U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('Peña flew from São Paulo to Zürich, '), Buffer.from([0x93]), Buffer.from('tired but happy.\n')])
    await corpus.write('mixed.txt', bytes)
    const { text, warnings } = await load('mixed.txt')
    expect(text).toBe('Peña flew from São Paulo to Zürich, \uFFFDtired but happy.')
    expect(warnings.map((w) => [w.file, w.reason])).toEqual([
      ['articles/mixed.txt', 'invalid UTF-8: 1 undecodable byte sequence(s) shown as U+FFFD; loaded anyway'],
    ])
  })

  it('keeps a broken file as UTF-8 when a byte is not Windows-1252 text either', async () => {
    // 0x81 is undefined in Windows-1252.
    await corpus.write('broken.txt', Buffer.concat([Buffer.from('The minister said '), Buffer.from([0x81, 0x93]), Buffer.from('no comment.\n')]))
    const { text, warnings } = await load('broken.txt')
    expect(text).toBe('The minister said \uFFFD\uFFFDno comment.')
    expect(warnings[0]!.reason).toMatch(/^invalid UTF-8: 2 undecodable/)
  })

  it('keeps a file with a UTF-8 byte-order mark as UTF-8', async () => {
    await corpus.write('bom.txt', Buffer.concat([Buffer.from('\uFEFFThe call was '), Buffer.from([0x93]), Buffer.from('very good.\n')]))
    const { text, warnings } = await load('bom.txt')
    expect(text).toBe('The call was \uFFFDvery good.')
    expect(warnings[0]!.reason).toMatch(/^invalid UTF-8: 1 undecodable/)
  })

  it('still skips binary files, with or without NUL bytes', async () => {
    await corpus.write('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0xe9, 0x93]))
    // No NUL and no byte Windows-1252 leaves undefined: only the share of high bytes tells it from text.
    const noise = Buffer.alloc(4000)
    for (let i = 0; i < noise.length; i++) noise[i] = [0x20, 0x41, 0xe9, 0xc3, 0x93, 0xfe, 0xa0, 0x0a][(i * 7) % 8]!
    await corpus.write('noise.md', noise)
    const photo = await load('photo.txt')
    expect(photo.text).toBeNull()
    expect(photo.skipped).toEqual([
      { file: 'articles/noise.md', reason: expect.stringMatching(/^not a text file: \d+% of it is control characters or invalid UTF-8$/) as unknown },
      { file: 'articles/photo.txt', reason: 'binary file (contains NUL bytes)' },
    ])
    expect(photo.warnings.map((w) => w.file)).toEqual(['articles/noise.md', 'articles/photo.txt'])
  })

  it('reads valid UTF-8 as UTF-8, without a warning', async () => {
    await corpus.write('utf8.txt', 'Le café de la gare a fermé, said “officials”.\n')
    const { text, warnings } = await load('utf8.txt')
    expect(text).toBe('Le café de la gare a fermé, said “officials”.')
    expect(warnings).toEqual([])
  })
})
