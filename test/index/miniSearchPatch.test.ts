import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'

// patches/minisearch+7.2.0.patch (applied by `npm install`) keeps MiniSearch's per-result `match` objects off
// V8's shared hidden-class tree: without it the answer latency's tail is about a third longer (README ›
// Benchmark). A MiniSearch upgrade that drops the patch fails here rather than silently in the benchmark.
describe('the MiniSearch patch', () => {
  it('is applied: match objects have no prototype, and the same terms and fields', () => {
    const mini = new MiniSearch<{ id: number; text: string; title: string }>({ fields: ['text', 'title'] })
    mini.addAll([
      { id: 1, text: 'han zheng attends', title: 'xi sends envoy' },
      { id: 2, text: 'xi stays home', title: 'news' },
    ])
    const hits = mini.search('han xi')
    expect(hits.map((h) => h.id)).toEqual([1, 2])
    expect(Object.getPrototypeOf(hits[0]!.match)).toBeNull()
    expect({ ...hits[0]!.match }).toEqual({ han: ['text'], xi: ['title'] })
    expect(hits[0]!.terms.sort()).toEqual(['han', 'xi'])
  })
})
