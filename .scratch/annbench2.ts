import { readFileSync } from 'node:fs'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
const data = JSON.parse(readFileSync('../shared/squad/dev-v1.1.json', 'utf8')).data
const texts: string[] = []
for (const a of data) for (const p of a.paragraphs) texts.push(p.context)
for (const pipe of [['sbd','pos','ner'], ['sbd','pos'], ['sbd'], ['pos'], []] as any[]) {
  const nlp = winkNLP(model, pipe)
  const its = nlp.its
  nlp.readDoc('warm up.')
  let t0 = performance.now()
  for (const t of texts) { const d = nlp.readDoc(t); d.tokens().out(its.value); if (pipe.includes('pos')) d.tokens().out(its.pos) }
  console.log(pipe.join('+'), (performance.now() - t0) / texts.length)
}
