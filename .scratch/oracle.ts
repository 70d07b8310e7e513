import { loadAnswerSet, every } from '../bench/tune/answerData.ts'
import { annotation } from '../src/answer/ask.ts'
import { candidateSpans } from '../src/answer/candidates.ts'
import { f1Score, maxOverGold, exactMatch } from '../bench/metrics.ts'
const { index, cases } = loadAnswerSet('v1.1', 'train')
let n = 0, orc = 0, orcEm = 0, ncand = 0, sentOracle = 0
const byKind = new Map<string, number>()
for (const c of every(cases, 3)) {
  const id = c.goldChunks[0]; if (id === undefined) continue
  n++
  const text = index.chunks[id]!.text
  const ann = annotation(index, id)
  const cands = candidateSpans(ann)
  ncand += cands.length
  let best = 0, bestEm = 0, bestK = ''
  for (const k of cands) {
    const s = text.slice(ann.tokens[k.first]!.span[0], ann.tokens[k.last]!.span[1])
    const f = maxOverGold(f1Score, s, c.question.answers)
    if (f > best) { best = f; bestK = [...k.kinds].join('+') }
    bestEm = Math.max(bestEm, maxOverGold(exactMatch, s, c.question.answers))
  }
  orc += best; orcEm += bestEm
  if (bestEm) byKind.set(bestK, (byKind.get(bestK) ?? 0) + 1)
}
console.log({ n, oracleF1: (100 * orc / n).toFixed(1), oracleEM: (100 * orcEm / n).toFixed(1), candsPerPassage: (ncand / n).toFixed(0) })
console.log([...byKind].sort((a, b) => b[1] - a[1]).slice(0, 25))
