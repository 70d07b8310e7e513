// The faster loader of wink's model must build exactly what the package's own loader builds: a wink upgrade that
// changes the model's layout fails here, not as silently different tags.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCore, readCore, winkModel } from '../../src/answer/analysis/winkModel.js'
import type { CoreModel } from '../../src/answer/analysis/winkCorePack.js'

const require = createRequire(import.meta.url)
type Tagger = { readDoc(text: string): { tokens(): { out(f: unknown): string[] }; entities(): { out(f: unknown): string[] } }; its: { pos: unknown; type: unknown } }
const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => Tagger
const text = readFileSync(new URL('../../seeds/000_5a00534109fa55da.txt', import.meta.url), 'utf8')

function tags(model: unknown): { pos: string[]; entities: string[] } {
  const nlp = winkNLP(model, ['sbd', 'pos', 'ner'])
  const doc = nlp.readDoc(text)
  return { pos: doc.tokens().out(nlp.its.pos), entities: doc.entities().out(nlp.its.type) }
}

/** The model with the lexeme hash left out (ours is a lookup table, theirs a plain object), and that hash. */
function split(model: CoreModel): { rest: unknown; hash: Record<string, number> } {
  const lexeme = model.features.lexeme!
  const { hash, ...lexemeRest } = lexeme
  return { rest: { ...model, features: { ...model.features, lexeme: lexemeRest } }, hash: hash! }
}

const folder = mkdtempSync(join(tmpdir(), 'wink-core-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('the wink model loader', () => {
  // The package's loaders first: its core loader copies the JSON, then ours reads its own.
  const theirTags = tags(require('wink-eng-lite-web-model'))
  const theirs = (require('wink-eng-lite-web-model/dist/load-core-model.js') as () => CoreModel)()

  it('builds the same core model as the package, every word at the same id', () => {
    const ours = loadCore()
    const a = split(ours)
    const b = split(theirs)
    expect(isDeepStrictEqual(a.rest, b.rest)).toBe(true)
    const words = theirs.features.lexeme!.list
    expect(words.length).toBeGreaterThan(80_000)
    const wrong = words.filter((word) => a.hash[word] !== b.hash[word])
    expect(wrong).toEqual([])
    expect(a.hash['no-such-word-xyzzy']).toBeUndefined()
    expect('no-such-word-xyzzy' in a.hash).toBe(false)
    expect(loadCore()).toBe(ours)
  })

  it('has the package model\'s parts, and tags and finds entities the same', () => {
    expect(Object.keys(winkModel()).sort()).toEqual(Object.keys(require('wink-eng-lite-web-model') as object).sort())
    const ourTags = tags(winkModel())
    expect(ourTags).toEqual(theirTags)
    expect(ourTags.pos).toContain('PROPN')
    expect(ourTags.entities).toContain('DATE')
  })

  it('remembers words it had not seen, as wink adds them', () => {
    const hash = split(readCore(join(folder, 'added.bin'))).hash
    expect(hash['zqxjvbk']).toBeUndefined()
    hash['zqxjvbk'] = 90_000
    expect(hash['zqxjvbk']).toBe(90_000)
    expect('zqxjvbk' in hash).toBe(true)
  })

  it('packs the model once, reads the packed copy after that, and repacks a damaged or stale one', () => {
    const file = join(folder, 'sub', 'wink-core.bin')
    const first = readCore(file)
    const packed = readFileSync(file)
    expect(packed.length).toBeGreaterThan(1_000_000)
    expect(isDeepStrictEqual(split(readCore(file)).rest, split(first).rest)).toBe(true)
    for (const damage of [packed.subarray(0, packed.length >> 1), Buffer.from('not a model'), Buffer.alloc(0), Buffer.from(packed.toString('latin1').replace('wink-eng-lite-web-model@', 'wink-eng-lite-web-model@0.'), 'latin1')]) {
      writeFileSync(file, damage)
      const model = readCore(file)
      expect(isDeepStrictEqual(split(model).rest, split(first).rest)).toBe(true)
      expect(readFileSync(file).equals(packed)).toBe(true)
    }
  })
})
