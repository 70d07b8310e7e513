import { readFileSync } from 'node:fs'
import { buildSearchIndex } from '../src/index/searchIndex.ts'
import { ask } from '../src/answer/ask.ts'
import { search } from '../src/answer/search.ts'
import type { Chunk } from '../src/types.ts'
const file = process.argv[2] ?? '../shared/squad/dev-v1.1.json'
const limit = Number(process.argv[3] ?? 2000)
const data = JSON.parse(readFileSync(file, 'utf8')).data
const chunks: Chunk[] = []; const qs: { q: string; gold: number; answers: string[]; imp: boolean }[] = []
for (const art of data) for (const p of art.paragraphs) {
  const id = chunks.length
  chunks.push({ id, file: art.title, title: art.title.replaceAll('_', ' '), source: null, date: null, url: null, paragraph: 1, line: 1, start: 0, end: p.context.length, text: p.context, heading: null })
  for (const qa of p.qas) qs.push({ q: qa.question, gold: id, answers: qa.answers.map((a: any) => a.text), imp: !!qa.is_impossible })
}
let t = performance.now(); const index = buildSearchIndex(chunks); console.log('build ms', Math.round(performance.now() - t))
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\b(a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean)
const f1 = (p: string, g: string) => { const a = norm(p), b = norm(g); if (!a.length || !b.length) return +(a.length === b.length); const c = new Map<string, number>(); for (const x of b) c.set(x, (c.get(x) ?? 0) + 1); let s = 0; for (const x of a) { const n = c.get(x) ?? 0; if (n > 0) { s++; c.set(x, n - 1) } } if (!s) return 0; const P = s / a.length, R = s / b.length; return 2 * P * R / (P + R) }
let r1 = 0, r5 = 0, F = 0, sent = 0, n = 0, ansA = 0, decU = 0, nA = 0, nU = 0
const step = Math.max(1, Math.floor(qs.length / limit)); const lat: number[] = []
for (let i = 0; i < qs.length; i += step) {
  const q = qs[i]!; n++
  const hits = search(index, q.q, { limit: 5 }).hits.map((h) => h.chunk.id)
  if (hits[0] === q.gold) r1++; if (hits.includes(q.gold)) r5++
  t = performance.now(); const a = ask(index, q.q); lat.push(performance.now() - t)
  if (q.imp) { nU++; if (!a.answered) decU++ } else { nA++; if (a.answered) ansA++
    F += a.answer ? Math.max(...q.answers.map((g) => f1(a.answer!, g))) : 0
    const s = a.citations[0]?.sentence ?? ''; if (q.answers.some((g) => norm(s).join(' ').includes(norm(g).join(' ')))) sent++ }
}
lat.sort((a, b) => a - b)
console.log({ n, R1: (r1 / n).toFixed(3), R5: (r5 / n).toFixed(3), F1: (100 * F / nA).toFixed(1), sent: (sent / nA).toFixed(3), answerRate: (ansA / nA).toFixed(3), declineRate: nU ? (decU / nU).toFixed(3) : '-', p50: lat[lat.length >> 1]!.toFixed(2), p99: lat[Math.floor(lat.length * 0.99)]!.toFixed(2) })
