import { readFileSync } from 'node:fs'
import { buildSearchIndex } from '../src/index/searchIndex.ts'
import { annotation } from '../src/answer/ask.ts'
import { rankPassages } from '../src/answer/rank.ts'
import { parseQuestion } from '../src/answer/question.ts'
import type { Chunk } from '../src/types.ts'
const data = JSON.parse(readFileSync('../shared/squad/dev-v1.1.json', 'utf8')).data
const chunks: Chunk[] = []; const qs: string[] = []
for (const art of data) for (const p of art.paragraphs) {
  const id = chunks.length
  chunks.push({ id, file: art.title, title: art.title.replaceAll('_', ' '), source: null, date: null, url: null, paragraph: 1, line: 1, start: 0, end: p.context.length, text: p.context, heading: null })
  for (const qa of p.qas) qs.push(qa.question)
}
const index = buildSearchIndex(chunks)
for (const q of qs.slice(0, 200)) { const p = parseQuestion(q); if (p.ok) rankPassages(index, p.question, 10) }
const lat: number[] = []
for (const q of qs) { const t = performance.now(); const p = parseQuestion(q); if (p.ok) rankPassages(index, p.question, 10); lat.push(performance.now() - t) }
lat.sort((a, b) => a - b)
const p = (x: number) => lat[Math.min(lat.length - 1, Math.ceil(x / 100 * lat.length) - 1)]!.toFixed(2)
console.log('rank only', { p50: p(50), p90: p(90), p99: p(99) })
