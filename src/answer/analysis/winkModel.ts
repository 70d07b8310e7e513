// wink-eng-lite-web-model, loaded faster. The package's entry point parses its 3 MB core JSON as soon as it is
// required, copies it whole, decodes the packed lexicon one byte at a time and fills a plain object with 87,600
// words, and it loads WordNet's exception lists for a lemmatiser we never call: ~0.25 s of every start that asks a
// question. This assembles the same model (test/answer/winkModel.test.ts compares the two) from the package's own
// files, with the core read from a packed copy (winkCorePack.ts) kept in node_modules/.cache and made from the
// JSON the first time, and the unused add-ons loaded only if something asks for them.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { packCore, unpackCore } from './winkCorePack.js'
import type { CoreJson, CoreModel } from './winkCorePack.js'

const require = createRequire(import.meta.url)
const PACKAGE = 'wink-eng-lite-web-model'
const DIST = `${PACKAGE}/dist/`
const CORE_JSON = `${DIST}languages/cur/models/eng-core-web-model.json`

let core: CoreModel | undefined

/** The model object to pass to winkNLP(): the package's, with `core` from the packed copy. */
export function winkModel(): Record<string, unknown> {
  const addons = Object.create(null) as Record<string, unknown>
  for (const [name, file] of [['stem', 'porter-stemmer.js'], ['lemmatize', 'lemmatize.js'], ['readabilityStats', 'readability-stats.js']] as const) {
    Object.defineProperty(addons, name, { enumerable: true, get: () => require(DIST + file) as unknown })
  }
  addons.wordVectors = undefined
  return {
    core: loadCore,
    sbd: require(`${DIST}load-sbd-model.js`) as unknown,
    pos: require(`${DIST}load-pos-model.js`) as unknown,
    ner: require(`${DIST}load-ner-model.js`) as unknown,
    negation: require(`${DIST}load-negation-model.js`) as unknown,
    sa: require(`${DIST}load-sa-model.js`) as unknown,
    metaCER: require(`${DIST}load-cer-meta-model.js`) as unknown,
    featureFn: require(`${DIST}feature.js`) as unknown,
    addons,
  }
}

/** What the package's load-core-model.js returns, built once per process. */
export function loadCore(): CoreModel {
  return (core ??= readCore(defaultCacheFile()))
}

/** Where the packed copy lives: beside the package, in node_modules/.cache, the usual place for derived files. */
export function defaultCacheFile(): string {
  return join(dirname(dirname(require.resolve(`${PACKAGE}/package.json`))), '.cache', 'newsdesk-qa', 'wink-core.bin')
}

/**
 * The core model, from the packed copy at `cacheFile` when it is there and was made from this very JSON; else
 * from the JSON, packing it into `cacheFile` for next time (a temporary file renamed into place, so a reader
 * never sees half of one; a folder that cannot be written to only costs the speed).
 */
export function readCore(cacheFile: string): CoreModel {
  const jsonPath = require.resolve(CORE_JSON)
  const { version } = require(`${PACKAGE}/package.json`) as { version: string }
  const { size, mtimeMs } = statSync(jsonPath)
  const stamp = `${PACKAGE}@${version} ${size} ${mtimeMs}`
  let packed = readOrNull(cacheFile)
  let model = packed && unpackCore(packed, stamp)
  if (!model) {
    packed = packCore(JSON.parse(readFileSync(jsonPath, 'utf8')) as CoreJson, stamp)
    writeQuietly(cacheFile, packed)
    model = unpackCore(packed, stamp)!
  }
  return finish(model)
}

/** The rest of read-core-model.js and load-core-model.js: the small features' hashes and the sizes wink reads. */
function finish(model: ReturnType<typeof unpackCore> & object): CoreModel {
  const { packing, features, pos } = model
  for (const f in packing.layout) {
    if (packing.layout[f]![3] === 0) features[f]!.hash = indexOf(features[f]!.list)
  }
  const clusters = features.posClusters!.list as unknown as (string | Set<number>)[]
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0))
  packing.efList = []
  for (const f in packing.layout) {
    const layout = packing.layout[f]!
    if (layout[3] === 0) {
      const feature = features[f]!
      feature.intrinsicSize = feature.list.length
      feature.index = feature.list.length
      feature.maxIndex = layout[1]! >>> layout[2]!
    }
    if (layout[4] === 1) packing.efList.push(f)
  }
  features.lexeme!.intrinsicSize = features.lexeme!.list.length
  features.lexeme!.index = features.lexeme!.list.length
  return model as unknown as CoreModel
}

function indexOf(list: readonly string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>
  for (let k = 0; k < list.length; k++) hash[list[k]!] = k
  return hash
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file)
  } catch {
    return null
  }
}

function writeQuietly(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(temporary, data)
    renameSync(temporary, file)
  } catch {
    try {
      rmSync(temporary, { force: true })
    } catch {
      // Nothing was written, or nothing can be: the next start packs again.
    }
  }
}
