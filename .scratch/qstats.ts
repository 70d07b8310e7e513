import { readFileSync } from 'node:fs'
const data = JSON.parse(readFileSync('../shared/squad/dev-v1.1.json', 'utf8')).data
const c = new Map<string, number>()
for (const a of data) for (const p of a.paragraphs) for (const qa of p.qas) {
  const m = qa.question.toLowerCase().match(/\b(what|which|who|whom|whose|when|where|why|how)\b(\s+\w+)?/)
  const k = m ? (m[1] === 'how' || m[1] === 'what' || m[1] === 'which' ? m[1] + (m[2] ?? '') : m[1]) : 'NONE'
  c.set(k, (c.get(k) ?? 0) + 1)
}
console.log([...c].sort((a, b) => b[1] - a[1]).slice(0, 70).map(([k, v]) => k + ':' + v).join('  '))
