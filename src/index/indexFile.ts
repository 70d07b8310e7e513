// The binary form of a SearchIndex: a short JSON header, then flat typed arrays that load as views of the file's
// bytes (MiniSearch's postings among them, packed: packedMiniSearch.ts). JSON arrays of millions of numbers took most of a
// start-up and its memory; this takes one read and no parsing per number. The header lists the arrays (name, element type, length) in the order they follow it, each
// starting on a 4-byte boundary:
//
//   "NDX5" | u32 header bytes | header JSON (UTF-8), zero-padded to 4 | array 1 | pad | array 2 | …

import type { PackedHead } from './packedMiniSearch.js'

const MAGIC = 'NDX6'

export type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array
type Kind = 'i32' | 'u32' | 'u16' | 'u8'
const KINDS = { i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array } as const

/** What the header says besides the list of arrays. */
export interface IndexFileHeader {
  vocabulary: string[]
  chunkCount: number
  termCount: number
  /** Which word-vector table `vectorRows` index into (see termVectors.ts). */
  vectors: string
  /** Number of articles (of the saved article terms). */
  articleCount: number
  /** The next free MiniSearch slot (ids of chunks; see SearchIndex.update). */
  nextSlot: number
  /** MiniSearch's counts and mean field lengths (its arrays are `ms.*`). */
  minisearch: PackedHead
}

interface ArrayEntry {
  name: string
  kind: Kind
  length: number
}

const kindOf = (a: TypedArray): Kind => (a instanceof Int32Array ? 'i32' : a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8')
const pad4 = (n: number) => n + ((4 - (n % 4)) % 4)

export function encodeIndexFile(header: IndexFileHeader, arrays: Record<string, TypedArray>): Buffer {
  const entries: ArrayEntry[] = Object.entries(arrays).map(([name, a]) => ({ name, kind: kindOf(a), length: a.length }))
  const json = Buffer.from(JSON.stringify({ ...header, arrays: entries }), 'utf8')
  const headerBytes = pad4(json.length)
  const size = Object.values(arrays).reduce((n, a) => n + pad4(a.byteLength), 8 + headerBytes)
  const out = Buffer.alloc(size)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(headerBytes, 4)
  json.copy(out, 8)
  let at = 8 + headerBytes
  for (const a of Object.values(arrays)) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at)
    at += pad4(a.byteLength)
  }
  return out
}

/** Reads the binary form; throws `SearchIndex: …` when the bytes are not one or are cut short. */
export function decodeIndexFile(bytes: Buffer): { header: IndexFileHeader; arrays: Map<string, TypedArray> } {
  const fail = (what: string) => new Error(`SearchIndex: not a serialised index (${what})`)
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw fail('wrong magic')
  const headerBytes = bytes.readUInt32LE(4)
  if (8 + headerBytes > bytes.length) throw fail('header cut short')
  let header: IndexFileHeader & { arrays: ArrayEntry[] }
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + headerBytes).replace(/\0+$/, '')) as IndexFileHeader & { arrays: ArrayEntry[] }
  } catch {
    throw fail('header is not JSON')
  }
  const { vocabulary, chunkCount, termCount, articleCount, nextSlot, minisearch, arrays: entries } = header
  if (!Array.isArray(vocabulary) || ![chunkCount, termCount, articleCount, nextSlot].every(Number.isInteger) || !Array.isArray(entries) || !minisearch || typeof minisearch !== 'object') {
    throw fail('header fields')
  }
  // Typed arrays need aligned offsets: copy once into a fresh buffer when the file's bytes are not.
  const base = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
  const arrays = new Map<string, TypedArray>()
  let at = 8 + headerBytes
  for (const { name, kind, length } of entries) {
    const Kind = KINDS[kind]
    if (!Kind || !Number.isInteger(length) || length < 0) throw fail(`array ${String(name)}`)
    const byteLength = length * Kind.BYTES_PER_ELEMENT
    if (at + byteLength > base.length) throw fail(`${bytes.length} bytes, array ${name} runs past the end`)
    arrays.set(name, new Kind(base.buffer as ArrayBuffer, base.byteOffset + at, length))
    at += pad4(byteLength)
  }
  if (at !== base.length) throw fail(`${bytes.length} bytes, the arrays take ${at}`)
  return { header, arrays }
}
