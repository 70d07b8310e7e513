import { readFileSync } from 'node:fs'
import { Engine } from '../src/engine.ts'
const engine = await Engine.open({ seedsDir: 'seeds', indexDir: null })
const qs = readFileSync('../shared/eval/seed-questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l))
for (const q of qs) {
  const a = engine.ask(q.q)
  const top = a.citations[0]
  const pOk = q.passage_any ? (top && q.passage_any.some((s: string) => top.chunk.text.includes(s))) : !a.answered
  const aOk = q.answer_any ? (a.answer && q.answer_any.some((s: string) => a.answer!.toLowerCase().includes(s.toLowerCase()))) : true
  console.log(pOk ? 'P' : '-', aOk ? 'A' : '-', a.answered ? 'ans' : 'DEC', a.confidence.toFixed(2), q.q, '=>', a.answer?.slice(0, 60), '|', top?.chunk.file.slice(6, 9), top?.chunk.paragraph, top?.sentence.slice(0, 50))
}
