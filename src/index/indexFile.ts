// The binary form of a SearchIndex's analysis: a short JSON header, then flat typed arrays that load as views of
// the file's bytes. JSON arrays of ten million numbers took most of a start-up and its memory; this takes
// one read and no parsing per number.
//
//   "NDX3" | u32 header bytes | header JSON (UTF-8), zero-padded to 4 | i32 offsets[chunks + 1]
//   | i32 termIds[terms] | u32 spans[2 × terms] (start, end) | i32 vectorRows[vocabulary]

const MAGIC = 'NDX3'

/** What the header says; the arrays follow it. */
export interface IndexFileHeader {
  vocabulary: string[]
  chunkCount: number
  termCount: number
  /** Which word-vector table `vectorRows` index into (see termVectors.ts). */
  vectors: string
}

export interface IndexFileData {
  header: IndexFileHeader
  /** Chunk i's terms are termIds[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array
  termIds: Int32Array
  spans: Uint32Array
  vectorRows: Int32Array
}

export function encodeIndexFile(data: IndexFileData): Buffer {
  const header = Buffer.from(JSON.stringify(data.header), 'utf8')
  const headerBytes = header.length + ((4 - (header.length % 4)) % 4)
  const arrays = [data.offsets, data.termIds, data.spans, data.vectorRows]
  const out = Buffer.alloc(8 + headerBytes + arrays.reduce((n, a) => n + a.byteLength, 0))
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(headerBytes, 4)
  header.copy(out, 8)
  let at = 8 + headerBytes
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at)
    at += a.byteLength
  }
  return out
}

/** Reads the binary form; throws `SearchIndex: …` when the bytes are not one or are cut short. */
export function decodeIndexFile(bytes: Buffer): IndexFileData {
  const fail = (what: string) => new Error(`SearchIndex: not a serialised index (${what})`)
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw fail('wrong magic')
  const headerBytes = bytes.readUInt32LE(4)
  if (8 + headerBytes > bytes.length) throw fail('header cut short')
  let header: IndexFileHeader
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + headerBytes).replace(/\0+$/, '')) as IndexFileHeader
  } catch {
    throw fail('header is not JSON')
  }
  const { vocabulary, chunkCount, termCount } = header
  if (!Array.isArray(vocabulary) || !Number.isInteger(chunkCount) || !Number.isInteger(termCount)) {
    throw fail('header fields')
  }
  const expected = 8 + headerBytes + 4 * (chunkCount + 1 + termCount + 2 * termCount + vocabulary.length)
  if (bytes.length !== expected) throw fail(`${bytes.length} bytes, expected ${expected}`)
  // Typed arrays need aligned offsets: copy once into a fresh buffer when the file's bytes are not.
  const base = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
  let at = base.byteOffset + 8 + headerBytes
  const take = <T extends Int32Array | Uint32Array>(Kind: new (b: ArrayBufferLike, o: number, n: number) => T, n: number): T => {
    const a = new Kind(base.buffer, at, n)
    at += 4 * n
    return a
  }
  return {
    header,
    offsets: take(Int32Array, chunkCount + 1),
    termIds: take(Int32Array, termCount),
    spans: take(Uint32Array, 2 * termCount),
    vectorRows: take(Int32Array, vocabulary.length),
  }
}
