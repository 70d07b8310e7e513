// Splitting a paragraph that is too long to be a good answer passage. The pieces break at sentence ends,
// are about equally long, and each is at most MAX_CHUNK_CHARS. A sentence longer than that breaks at a space,
// and text without spaces at MAX_CHUNK_CHARS (never inside a surrogate pair). Linear in the paragraph length.

import { skipSpace, trimRange } from './lines.js'

/** Paragraphs longer than this many characters are split into several chunks. */
export const MAX_CHUNK_CHARS = 2000

// A sentence end: closing mark, optional closing quotes/brackets, whitespace, then a capital or digit.
const SENTENCE_END = /[.!?…]["'”’»)\]]*(?=\s+["'“‘«([]?[\p{Lu}\p{N}])/gu

/** `[start, end)` ranges that cover `text[start, end)` without its whitespace between pieces. */
export function splitLong(text: string, start: number, end: number, max = MAX_CHUNK_CHARS): [number, number][] {
  if (end - start <= max) return [[start, end]]
  const paragraph = text.slice(start, end)
  const bounds: number[] = []
  SENTENCE_END.lastIndex = 0
  for (let m = SENTENCE_END.exec(paragraph); m !== null; m = SENTENCE_END.exec(paragraph)) {
    bounds.push(start + m.index + m[0].length)
  }

  const pieces: [number, number][] = []
  let s = start
  let b = 0
  while (end - s > max) {
    const remaining = end - s
    const target = s + remaining / Math.ceil(remaining / max)
    const limit = s + max
    while (b < bounds.length && bounds[b]! <= s) b++
    let best = -1
    for (let k = b; k < bounds.length && bounds[k]! <= limit; k++) {
      if (best < 0 || Math.abs(bounds[k]! - target) < Math.abs(best - target)) best = bounds[k]!
    }
    // A sentence end very close to the start would leave a sliver: break at a space instead.
    let cut = best >= 0 && best - s >= max / 4 ? best : spaceBefore(text, s, limit)
    if (cut <= s) cut = safeCut(text, limit)
    const [ps, pe] = trimRange(text, s, cut)
    if (pe > ps) pieces.push([ps, pe])
    s = skipSpace(text, cut, end)
  }
  if (s < end) pieces.push([s, end])
  return pieces
}

/** The last whitespace position in `(from, limit]`, or -1. */
function spaceBefore(text: string, from: number, limit: number): number {
  for (let i = limit; i > from; i--) if (/\s/.test(text[i]!)) return i
  return -1
}

/** `at`, moved back by one when it would split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at - 1)
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at
}
