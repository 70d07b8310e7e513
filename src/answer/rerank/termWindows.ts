// Where the question's terms stand in a passage: the reranker's window, proximity and pair signals. Each takes
// the passage's matches as parallel arrays (`positions[i]` is the term position of match i, `which[i]` the index
// of the question term it matches, in order) and a caller's scratch array, so that no candidate allocates.

/** The largest IDF-weighted share of the question's distinct terms found within `width` consecutive terms. */
export function windowCoverage(positions: Int32Array, which: Int32Array, matches: number, shares: Float64Array, width: number, scratch: Uint16Array): number {
  const count = scratch.fill(0, 0, shares.length)
  let best = 0
  let sum = 0
  let left = 0
  for (let right = 0; right < matches; right++) {
    if (count[which[right]!]!++ === 0) sum += shares[which[right]!]!
    while (positions[right]! - positions[left]! >= width) {
      const t = which[left++]!
      if (--count[t]! === 0) sum -= shares[t]!
    }
    if (sum > best) best = sum
  }
  return best
}

/** Distinct terms over the length of the shortest window (in terms) holding them all, times the share found. */
export function proximity(positions: Int32Array, which: Int32Array, matches: number, nq: number, scratch: Uint16Array): number {
  const count = scratch.fill(0, 0, nq)
  let distinct = 0
  for (let i = 0; i < matches; i++) if (count[which[i]!]!++ === 0) distinct++
  if (distinct <= 1) return distinct === 1 ? 1 / Math.max(1, nq) : 0
  count.fill(0, 0, nq)
  let have = 0
  let best = 0
  let left = 0
  for (let right = 0; right < matches; right++) {
    if (count[which[right]!]!++ === 0) have++
    while (have === distinct) {
      // Words in the question's order keep their roles ("Xi … sending" answers "who did Xi send?";
      // "sending Han instead of Xi" has them the other way round): a reversed window counts for less.
      const closeness = distinct / (positions[right]! - positions[left]! + 1)
      const value = inQuestionOrder(which, left, right) ? closeness : REVERSED_WINDOW * closeness
      if (value > best) best = value
      if (--count[which[left]!]! === 0) have--
      left++
    }
  }
  return best * (distinct / Math.max(1, nq))
}

/** How far apart (in terms, either order) two neighbouring question terms may stand for `nearPairs`. */
const NEAR = 3

/** How many of the question's neighbouring term pairs stand within NEAR terms of each other, in either order. */
export function nearPairs(positions: Int32Array, which: Int32Array, matches: number, next: Int32Array, seen: Uint8Array): number {
  let found = 0
  for (let k = 0; k < matches; k++) {
    for (let j = k + 1; j < matches && positions[j]! - positions[k]! <= NEAR; j++) {
      const a = which[k]!
      const b = which[j]!
      const t = next[a] === b ? a : next[b] === a ? b : -1
      if (t >= 0 && !seen[t]) {
        seen[t] = 1
        found++
      }
    }
  }
  return found
}

const REVERSED_WINDOW = 0.4
const seenTerm = new Uint8Array(256)

/** Whether the first occurrences of the question's terms in `which[left..right]` come in the question's order. */
function inQuestionOrder(which: Int32Array, left: number, right: number): boolean {
  let last = -1
  let ordered = true
  for (let i = left; i <= right && ordered; i++) {
    const t = which[i]! & 255
    if (seenTerm[t]) continue
    seenTerm[t] = 1
    if (t < last) ordered = false
    last = t
  }
  for (let i = left; i <= right; i++) seenTerm[which[i]! & 255] = 0
  return ordered
}
