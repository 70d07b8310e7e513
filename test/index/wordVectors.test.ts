import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultWordVectors, loadWordVectors } from '../../src/index/wordVectors/wordVectors.js'

const BUNDLED = join(import.meta.dirname, '../../src/index/wordVectors/glove100.bin')
const dir = mkdtempSync(join(tmpdir(), 'wordvectors-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A table file in the documented layout: header, words joined by '\n', count × dims int8. */
function tableFile(name: string, words: string[], vectors: number[][], magic = 'WVEC'): string {
  const list = Buffer.from(words.join('\n'), 'utf8')
  const header = Buffer.alloc(20)
  header.write(magic, 0, 'latin1')
  header.writeUInt32LE(1, 4)
  header.writeUInt32LE(vectors[0]!.length, 8)
  header.writeUInt32LE(words.length, 12)
  header.writeUInt32LE(list.length, 16)
  const path = join(dir, name)
  writeFileSync(path, Buffer.concat([header, list, Buffer.from(Int8Array.from(vectors.flat()).buffer)]))
  return path
}

describe('the bundled GloVe table', () => {
  const wv = defaultWordVectors()

  it('holds at least 40,000 words of 100 dims, in frequency order', () => {
    expect(wv.dims).toBe(100)
    expect(wv.size).toBeGreaterThanOrEqual(40_000)
    for (const w of ['inauguration', 'swearing', 'captain']) expect(wv.row(w)).toBeGreaterThanOrEqual(0)
    expect(wv.rank('the')).toBe(0)
    expect(wv.rank('of')).toBeLessThan(wv.rank('president'))
    expect(wv.word(wv.row('captain'))).toBe('captain')
    expect(wv.word(wv.size)).toBeUndefined()
  })

  it('puts related words close and unrelated words apart', () => {
    expect(wv.cosine('film', 'movie')).toBeGreaterThan(0.8)
    expect(wv.cosine('profit', 'earnings')).toBeGreaterThan(0.7)
    expect(wv.cosine('china', 'chinese')).toBeGreaterThan(0.7)
    expect(wv.cosine('robot', 'banana')).toBeLessThan(0.25)
    expect(wv.cosine('film', 'film')).toBeCloseTo(1, 6)
  })

  it('knows nothing of unknown words', () => {
    expect(wv.row('qzxvbnw')).toBe(-1)
    expect(wv.row('Film')).toBe(-1) // case-sensitive: callers lower-case
    expect(wv.row('')).toBe(-1)
    expect(wv.row('café')).toBe(-1)
    expect(wv.vector('qzxvbnw')).toBeNull()
    expect(wv.cosine('qzxvbnw', 'film')).toBe(0)
    expect(wv.cosine('film', 'qzxvbnw')).toBe(0)
  })

  it('gives vectors as views and dot products on rows', () => {
    const v = wv.vector('film')!
    expect(v).toHaveLength(100)
    expect(v.byteLength).toBeLessThan(v.buffer.byteLength) // a view into the table, not a copy
    const film = wv.row('film')
    const movie = wv.row('movie')
    const dot = Array.from(v).reduce((s, x, i) => s + x * wv.vector('movie')![i]!, 0)
    expect(wv.dot(film, movie)).toBe(dot)
    expect(wv.dot(film, movie) / 127 ** 2).toBeCloseTo(wv.cosine('film', 'movie'), 1)
  })

  it('gives the same integer dot products packed two rows to a number', () => {
    const rows = Int32Array.from([wv.row('film'), -1, wv.row('movie'), wv.row('the'), 0, wv.size - 1, wv.row('banana')])
    const packed = wv.packRows(rows)!
    const out = new Float64Array(rows.length)
    for (const row of [wv.row('film'), wv.row('robot'), 0, 17, 4242, wv.size - 1]) {
      wv.packedDots(row, packed, rows.length, out)
      expect(Array.from(out)).toEqual(Array.from(rows, (r) => (r < 0 ? 0 : wv.dot(row, r))))
    }
  })

  it('averages words into a unit vector, weighted, skipping unknown words', () => {
    const mean = wv.meanVector(['film', 'qzxvbnw', 'movie'])!
    expect(Math.hypot(...mean)).toBeCloseTo(1, 5)
    const film = Float32Array.from(wv.vector('film')!)
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0) / Math.hypot(...a) / Math.hypot(...b)
    expect(cos(mean, film)).toBeGreaterThan(0.9)
    const weighted = wv.meanVector(['film', 'banana'], [10, 1])!
    expect(cos(weighted, film)).toBeGreaterThan(cos(wv.meanVector(['film', 'banana'])!, film))
    expect(wv.meanVector(['qzxvbnw'])).toBeNull()
    expect(wv.meanVector([])).toBeNull()
  })

  it('is loaded once', () => {
    expect(defaultWordVectors()).toBe(wv)
  })
})

describe('loadWordVectors', () => {
  it('reads any table in the layout, UTF-8 words included', () => {
    const wv = loadWordVectors(tableFile('small.bin', ['a', 'café', 'b'], [[127, 0], [0, 127], [90, 90]]))
    expect([wv.size, wv.dims, wv.row('café'), wv.row('b'), wv.row('cafe')]).toEqual([3, 2, 1, 2, -1])
    expect(wv.word(1)).toBe('café')
    expect(wv.cosine('a', 'b')).toBeCloseTo(Math.SQRT1_2, 6)
  })

  it('rejects a truncated file', () => {
    const path = join(dir, 'truncated.bin')
    const bytes = readFileSync(BUNDLED)
    writeFileSync(path, bytes.subarray(0, bytes.length - 1000))
    expect(() => loadWordVectors(path)).toThrow(/^wordVectors: .*truncated/)
    writeFileSync(path, bytes.subarray(0, 10))
    expect(() => loadWordVectors(path)).toThrow(/^wordVectors: .*header/)
  })

  it('rejects a file with the wrong magic', () => {
    expect(() => loadWordVectors(tableFile('magic.bin', ['a'], [[1, 2]], 'WVEX'))).toThrow(/^wordVectors: .*magic "WVEX"/)
  })

  it('rejects a word list that disagrees with the header', () => {
    expect(() => loadWordVectors(tableFile('twice.bin', ['a', 'a'], [[1, 2], [3, 4]]))).toThrow(/^wordVectors: .*"a" twice/)
    const path = tableFile('count.bin', ['a', 'b'], [[1, 2], [3, 4]])
    const bytes = readFileSync(path)
    bytes.writeUInt32LE(1, 12) // one word announced, two listed; the file cut to the size that announces
    writeFileSync(path, bytes.subarray(0, bytes.length - 2))
    expect(() => loadWordVectors(path)).toThrow(/^wordVectors: .*more than 1 word/)
  })

  it('rejects a missing file', () => {
    expect(() => loadWordVectors(join(dir, 'none.bin'))).toThrow(/^wordVectors: .*cannot be read/)
  })
})
