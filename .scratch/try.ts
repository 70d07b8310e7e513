import { readFileSync, readdirSync } from 'node:fs'
import { buildSearchIndex } from '../src/index/searchIndex.ts'
import { ask } from '../src/answer/ask.ts'
import type { Chunk } from '../src/types.ts'
const chunks: Chunk[] = []
for (const f of readdirSync('seeds')) {
  const text = readFileSync('seeds/' + f, 'utf8'); let p = 0; let off = 0
  for (const line of text.split('\n')) { const start = off; off += line.length + 1
    if (line.trim().length < 40) continue
    chunks.push({ id: chunks.length, file: 'seeds/' + f, title: null, source: null, date: null, url: null, paragraph: ++p, line: 0, start, end: start + line.length, text: line, heading: null })
  }
}
const index = buildSearchIndex(chunks)
const qs = readFileSync('../shared/eval/seed-questions.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l))
for (const q of qs) {
  const a = ask(index, q.q)
  const top = a.citations[0]
  const pOk = q.passage_any ? (top && q.passage_any.some((s: string) => top.chunk.text.includes(s))) : !a.answered
  const aOk = q.answer_any ? (a.answer && q.answer_any.some((s: string) => a.answer!.toLowerCase().includes(s.toLowerCase()))) : true
  console.log(pOk ? 'P' : '-', aOk ? 'A' : '-', a.answered ? 'ans' : 'DEC', a.confidence.toFixed(2), q.q, '=>', a.answer?.slice(0, 80), '|', top?.chunk.file.slice(6, 9), top?.sentence.slice(0, 60))
}
