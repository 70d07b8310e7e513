// The faster loader of wink's core model must build exactly what the package's own loader builds: a wink upgrade
// that changes the model's layout fails here, not as silently different tags.
import { createRequire } from 'node:module'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadCore, winkModel } from '../../src/answer/analysis/winkModel.js'

const require = createRequire(import.meta.url)

describe('the wink core model loader', () => {
  it('builds the same model as the package (compared whole), and tags the same', () => {
    const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => { readDoc(text: string): { tokens(): { out(f: unknown): string[] } }; its: { pos: unknown } }
    const text = 'Chinese President Xi Jinping is sending Vice President Han Zheng to the inauguration on Monday.'
    const tags = (model: unknown) => {
      const nlp = winkNLP(model, ['sbd', 'pos', 'ner'])
      return nlp.readDoc(text).tokens().out(nlp.its.pos)
    }
    // The package's loaders first: they copy the JSON, which ours then takes over (once per process).
    const theirTags = tags(require('wink-eng-lite-web-model'))
    const theirs = (require('wink-eng-lite-web-model/dist/load-core-model.js') as () => unknown)()
    const ours = loadCore()
    expect(isDeepStrictEqual(ours, theirs)).toBe(true)
    expect(loadCore()).toBe(ours)
    expect(tags(winkModel())).toEqual(theirTags)
    expect(theirTags).toContain('PROPN')
  })
})
