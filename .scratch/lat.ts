import { readFileSync } from 'node:fs'
import { buildSearchIndex } from '../src/index/searchIndex.ts'
import { ask, annotation } from '../src/answer/ask.ts'
import type { Chunk } from '../src/types.ts'
const file = process.argv[2] ?? '../shared/squad/dev-v1.1.json'
const prewarm = process.argv[3] === 'warm'
const k = Number(process.argv[4] ?? 10)
const data = JSON.parse(readFileSync(file, 'utf8')).data
const chunks: Chunk[] = []; const qs: string[] = []
for (const art of data) for (const p of art.paragraphs) {
  const id = chunks.length
  chunks.push({ id, file: art.title, title: art.title.replaceAll('_', ' '), source: null, date: null, url: null, paragraph: 1, line: 1, start: 0, end: p.context.length, text: p.context, heading: null })
  for (const qa of p.qas) qs.push(qa.question)
}
let t = performance.now(); const index = buildSearchIndex(chunks); console.log('build ms', Math.round(performance.now() - t))
if (prewarm) { t = performance.now(); for (let i = 0; i < chunks.length; i++) annotation(index, i); console.log('annotate all ms', Math.round(performance.now() - t)) }
for (const q of qs.slice(0, 200)) ask(index, q, { k })
const lat: number[] = []
for (const q of qs) { t = performance.now(); ask(index, q, { k }); lat.push(performance.now() - t) }
lat.sort((a, b) => a - b)
const p = (x: number) => lat[Math.min(lat.length - 1, Math.ceil(x / 100 * lat.length) - 1)]!.toFixed(2)
console.log({ n: lat.length, p50: p(50), p90: p(90), p99: p(99), mean: (lat.reduce((a, b) => a + b) / lat.length).toFixed(2) })
