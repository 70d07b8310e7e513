// MiniSearch's per-document maps over typed arrays behave as the Maps they stand in for.
import { describe, expect, it } from 'vitest'
import { FieldLengths, IntMap } from '../../src/index/docMaps.js'

describe('IntMap', () => {
  it('gets, sets, deletes and counts as a Map does, small integers in arrays and other keys beside', () => {
    const m = new IntMap(Int32Array.from([5, -1, 7]))
    const plain = new Map<unknown, unknown>([[0, 5], [2, 7]])
    const ops: [string, unknown, unknown?][] = [['set', 10, 3], ['set', 'x', 1], ['set', 1, 'y'], ['delete', 0], ['set', 2, 8], ['delete', 'x'], ['set', -4, 2], ['delete', 99]]
    for (const [op, k, v] of ops) {
      if (op === 'set') {
        m.set(k, v)
        plain.set(k, v)
      } else expect(m.delete(k)).toBe(plain.delete(k))
      expect(m.size).toBe(plain.size)
      for (const key of [0, 1, 2, 10, 'x', -4, 99]) expect([m.has(key), m.get(key)]).toEqual([plain.has(key), plain.get(key)])
    }
    expect(new Map(m)).toEqual(plain)
  })
})

describe('FieldLengths', () => {
  it('hands out writable views of the loaded lengths, keeps arrays set later, and forgets deleted ids', () => {
    const f = new FieldLengths(Uint32Array.from([1, 2, 3, 0, 0, 0, 7, 8, 9]), 3, Uint8Array.from([1, 0, 1]))
    expect(f.size).toBe(2)
    expect(Array.from(f.get(2)!)).toEqual([7, 8, 9])
    f.get(2)![1] = 4
    expect(Array.from(f.get(2)!)).toEqual([7, 4, 9])
    expect(f.get(1)).toBeUndefined()
    const own: number[] = []
    f.set(5, own)
    own[0] = 11
    expect(f.get(5)).toEqual([11])
    expect(f.delete(0)).toBe(true)
    expect(f.has(0)).toBe(false)
    expect([...f]).toEqual([[2, [7, 4, 9]], [5, [11]]])
  })
})
