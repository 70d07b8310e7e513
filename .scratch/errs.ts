// error analysis: reuse the fitter internals by copy (quick)
import { annotation } from '../src/answer/ask.ts'
import { candidateFeatures, passageContext } from '../src/answer/answerFeatures.ts'
import { candidateSpans } from '../src/answer/candidates.ts'
import { parseQuestion } from '../src/answer/question.ts'
import { questionShape } from '../src/answer/questionShape.ts'
import { f1Score, maxOverGold, containsAnswer } from '../bench/metrics.ts'
import { every, loadAnswerSet } from '../bench/tune/answerData.ts'
import { readFileSync } from 'node:fs'
const W: Record<string, number> = JSON.parse(readFileSync('.scratch/w.json', 'utf8'))
const { index, cases } = loadAnswerSet('v1.1', 'train')
let n = 0, inSent = 0, f1 = 0
const byClass = new Map<string, [number, number]>()
const lines: string[] = []
for (const c of every(cases, 7)) {
  const id = c.goldChunks[0]; const parsed = parseQuestion(c.question.question)
  if (id === undefined || !parsed.ok) continue
  const text = index.chunks[id]!.text; const ann = annotation(index, id)
  const shape = questionShape(parsed.question.text)
  const ctx = passageContext(index, ann, parsed.question, shape)
  const cands = candidateSpans(ann)
  let best = -1, bs = -Infinity
  cands.forEach((cd, k) => { let z = 0; candidateFeatures(ctx, cd, (nm, v) => { z += (W[nm] ?? 0) * v }); if (z > bs) { bs = z; best = k } })
  const cd = cands[best]!; const s = text.slice(ann.tokens[cd.first]!.span[0], ann.tokens[cd.last]!.span[1])
  const sent = text.slice(...ann.sentences[cd.sentence]!)
  const f = maxOverGold(f1Score, s, c.question.answers); f1 += f; n++
  const ok = containsAnswer(sent, c.question.answers); if (ok) inSent++
  const e = byClass.get(shape.qclass + '/' + shape.coarse) ?? [0, 0]; e[0]++; e[1] += f; byClass.set(shape.qclass + '/' + shape.coarse, e)
  if (f < 0.5) lines.push(`${ok ? 'S' : '-'} ${shape.qclass}/${shape.coarse}/${shape.focus} | ${c.question.question} | pred: ${s} [${[...cd.kinds]}] | gold: ${c.question.answers[0]}`)
}
console.log({ n, f1: 100 * f1 / n, inSent: inSent / n })
console.log([...byClass].sort((a, b) => b[1][0] - a[1][0]).map(([k, [m, s]]) => `${k}: ${m} ${(100 * s / m).toFixed(0)}`).join('\n'))
console.log(lines.slice(0, 80).join('\n'))
