// Splitting decoded text into lines while keeping exact offsets, so every later step can point back into the
// file text (`text.slice(start, end)`). Line ends are `\n`, `\r\n` or a lone `\r`: files are never normalised.

/** One line of the decoded text. `end` excludes the line break. */
export interface Line {
  /** 1-based line number. */
  number: number
  start: number
  end: number
}

/** Every line of `text`, in order, in one linear scan. The last line may be empty. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let number = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 10 && c !== 13) continue
    lines.push({ number: number++, start, end: i })
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++
    start = i + 1
  }
  lines.push({ number, start, end: text.length })
  return lines
}

// JavaScript's \s covers the BOM and no-break spaces too, so a stray U+FEFF never starts a chunk.
const SPACE = /\s/

/** The range of `text[start, end)` without leading and trailing whitespace; `[end, end]` when it is all blank. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start
  let e = end
  while (s < e && SPACE.test(text[s]!)) s++
  while (e > s && SPACE.test(text[e - 1]!)) e--
  return s === e ? [end, end] : [s, e]
}

/** Index of the first non-whitespace character at or after `from` (bounded by `end`). */
export function skipSpace(text: string, from: number, end: number): number {
  let i = from
  while (i < end && SPACE.test(text[i]!)) i++
  return i
}
