import { readFileSync } from 'node:fs'
import { annotate } from '../src/answer/annotate.ts'
const data = JSON.parse(readFileSync('../shared/squad/dev-v1.1.json', 'utf8')).data
const texts: string[] = []
for (const a of data) for (const p of a.paragraphs) texts.push(p.context)
annotate('warm up.')
const lat: number[] = []
let t0 = performance.now()
for (const t of texts) { const t = performance.now(); annotate(texts[lat.length]!); lat.push(performance.now() - t) }
console.log('total', performance.now() - t0, 'n', texts.length)
lat.sort((a, b) => a - b)
console.log('p50', lat[lat.length >> 1], 'p90', lat[Math.floor(lat.length * .9)], 'p99', lat[Math.floor(lat.length * .99)])
