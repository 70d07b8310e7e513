// wink-eng-lite-web-model, loaded faster. Its core loader deep-copies its 3 MB JSON (JSON.parse(JSON.stringify(…)))
// and decodes the packed lexicon from base64 one byte at a time in a JS loop: ~0.1 s of every start-up that asks
// a question. This builds the same model (test/answer/winkModel.test.ts compares the two whole) from the same JSON,
// once per process, without the copy and with Buffer's base64 decoder. Everything else is the package's own.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const PACKAGE = 'wink-eng-lite-web-model'
const CORE_JSON = `${PACKAGE}/dist/languages/cur/models/eng-core-web-model.json`

/** The parts of the core model this loader touches (the JSON has more, passed through as they are). */
interface CoreModel {
  lexicon: string | Uint32Array
  xpansions: string | Uint32Array
  packing: { layout: Record<string, number[]>; efList?: string[] }
  features: Record<string, { list: string[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }>
  pos: { hash: Record<string, number> }
}

let core: CoreModel | undefined

/** The package's model object with `core` replaced by the faster loader; pass it to winkNLP(). */
export function winkModel(): Record<string, unknown> {
  const model = require(PACKAGE) as Record<string, unknown>
  return { ...model, core: loadCore }
}

/** What the package's load-core-model.js + read-core-model.js return, built once. */
export function loadCore(): CoreModel {
  if (core) return core
  // The required JSON is this process's own copy, and this runs once: no need to copy it again.
  const model = require(CORE_JSON) as CoreModel
  const { packing, features, pos } = model
  model.lexicon = words(model.lexicon as string)
  model.xpansions = words(model.xpansions as string)
  for (const f in packing.layout) {
    if (packing.layout[f]![3] === 0) features[f]!.hash = indexOf(features[f]!.list)
  }
  features.lexeme!.hash = indexOf(features.lexeme!.list)
  const clusters = features.posClusters!.list as unknown as (string | Set<number>)[]
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0))
  // load-core-model.js's part.
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
  return (core = model)
}

/** Base64 → 32-bit words, in a buffer of their own (the decoded bytes may not be 4-byte aligned). */
function words(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64')
  const out = new Uint32Array(bytes.length >>> 2)
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4))
  return out
}

function indexOf(list: readonly string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>
  for (let k = 0; k < list.length; k++) hash[list[k]!] = k
  return hash
}
