// wink's core model in a form that loads in milliseconds: one binary file with the packed lexicon as raw 32-bit
// words, the 87,600 lexemes as one text, and a prebuilt hash table from lexeme to id. Read from its 3 MB JSON,
// the model costs ~0.2 s of every start (parsing the JSON, then a plain object of 87,600 keys built one by one).
//
// Layout: u32 header length, the header (JSON: the source's stamp, the model without its big parts, and where
// each part starts), then the parts, each at a multiple of 4 bytes.

/** The parts of the core model this module touches (the JSON has more, passed through as they are). */
export interface CoreModel {
  lexicon: Uint32Array
  xpansions: Uint32Array
  packing: { layout: Record<string, number[]>; efList?: string[] }
  features: Record<string, { list: string[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }>
  pos: { hash: Record<string, number> }
}

/** The core model as its JSON holds it: lexicon and expansions still in base64, posClusters still strings. */
export interface CoreJson extends Omit<CoreModel, 'lexicon' | 'xpansions'> {
  lexicon: string
  xpansions: string
}

interface Header {
  format: number
  stamp: string
  /** The model without lexicon, xpansions and the lexeme list. */
  rest: Omit<CoreJson, 'lexicon' | 'xpansions'>
  parts: { lexicon: Part; xpansions: Part; words: Part; table: Part }
}

interface Part {
  offset: number
  bytes: number
}

const FORMAT = 1

/** Packs the JSON model; `stamp` names its source, so that a reader can tell a stale file. */
export function packCore(json: CoreJson, stamp: string): Buffer {
  const words = json.features.lexeme!.list
  const blobs = {
    lexicon: Buffer.from(json.lexicon, 'base64'),
    xpansions: Buffer.from(json.xpansions, 'base64'),
    words: Buffer.from(words.join('\0'), 'utf8'),
    table: Buffer.from(lexemeTable(words).buffer),
  }
  const { lexicon: _l, xpansions: _x, ...rest } = json
  const restCopy = structuredClone(rest)
  restCopy.features.lexeme = { ...restCopy.features.lexeme!, list: [] }
  const parts = {} as Header['parts']
  let offset = 0
  for (const [name, blob] of Object.entries(blobs)) {
    parts[name as keyof Header['parts']] = { offset, bytes: blob.length }
    offset += align(blob.length)
  }
  const header = Buffer.from(JSON.stringify({ format: FORMAT, stamp, rest: restCopy, parts } satisfies Header), 'utf8')
  const start = 4 + align(header.length)
  const out = Buffer.alloc(start + offset)
  out.writeUInt32LE(header.length, 0)
  header.copy(out, 4)
  for (const [name, blob] of Object.entries(blobs)) blob.copy(out, start + parts[name as keyof Header['parts']].offset)
  return out
}

/** The model a packed file holds, or null when it is not one, is damaged, or was packed from another source. */
export function unpackCore(file: Buffer, stamp: string): CoreJson & Pick<CoreModel, 'lexicon' | 'xpansions'> | null {
  try {
    if (file.length < 4) return null
    const headerBytes = file.readUInt32LE(0)
    const start = 4 + align(headerBytes)
    if (start > file.length) return null
    const header = JSON.parse(file.toString('utf8', 4, 4 + headerBytes)) as Header
    if (header.format !== FORMAT || header.stamp !== stamp) return null
    const { parts } = header
    for (const part of Object.values(parts)) if (start + part.offset + part.bytes > file.length) return null
    // A part is a view of the file's memory where it sits at a multiple of 4 bytes (readFileSync gives a file of
    // this size memory of its own, at offset 0), else a copy.
    const view = (part: Part) => {
      const at = file.byteOffset + start + part.offset
      if (at % 4 === 0) return new Uint32Array(file.buffer, at, part.bytes >>> 2)
      return new Uint32Array(new Uint8Array(file.subarray(start + part.offset, start + part.offset + part.bytes)).buffer)
    }
    const list = file.toString('utf8', start + parts.words.offset, start + parts.words.offset + parts.words.bytes).split('\0')
    const table = view(parts.table)
    const rest = header.rest
    if (!isPowerOfTwo(table.length - 1) || list.length !== tableSize(table)) return null
    rest.features.lexeme = { ...rest.features.lexeme!, list, hash: lexemeHash(list, table) }
    return { ...rest, lexicon: view(parts.lexicon), xpansions: view(parts.xpansions) } as unknown as CoreJson & Pick<CoreModel, 'lexicon' | 'xpansions'>
  } catch {
    return null
  }
}

const align = (n: number) => (n + 3) & ~3
const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0

/** FNV-1a over UTF-16 code units. */
function hashOf(word: string): number {
  let h = 0x811c9dc5
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193)
  return h >>> 0
}

/** Open addressing, linear probing; a slot holds id + 1, 0 is empty. A repeated word keeps its last id, as a
 *  plain object filled in order would. Its last slot holds the list's length, a check on the pairing. */
function lexemeTable(words: readonly string[]): Uint32Array {
  let size = 1
  while (size < words.length * 1.5) size <<= 1
  const table = new Uint32Array(size + 1)
  const mask = size - 1
  for (let id = 0; id < words.length; id++) {
    const word = words[id]!
    let slot = hashOf(word) & mask
    while (table[slot] !== 0 && words[table[slot]! - 1] !== word) slot = (slot + 1) & mask
    table[slot] = id + 1
  }
  table[size] = words.length
  return table.subarray(0, size + 1)
}

function tableSize(table: Uint32Array): number {
  return table[table.length - 1]!
}

/**
 * What wink reads as `features.lexeme.hash`: a plain object from word to id, which wink also adds unknown words
 * to. Here the prebuilt table answers for the model's own words and a Map holds the added ones.
 */
function lexemeHash(words: readonly string[], table: Uint32Array): Record<string, number> {
  const slots = table.subarray(0, table.length - 1)
  const mask = slots.length - 1
  const added = new Map<string, number>()
  const find = (word: string): number | undefined => {
    let slot = hashOf(word) & mask
    for (;;) {
      const value = slots[slot]!
      if (value === 0) return added.get(word)
      if (words[value - 1] === word) return value - 1
      slot = (slot + 1) & mask
    }
  }
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_target, key) => (typeof key === 'string' ? find(key) : undefined),
    has: (_target, key) => typeof key === 'string' && find(key) !== undefined,
    set: (_target, key, value: number) => {
      if (typeof key !== 'string') return false
      added.set(key, value)
      return true
    },
  })
}
