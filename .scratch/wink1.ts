import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
const nlp = winkNLP(model)
const its = nlp.its
const s = process.argv[2] ?? 'The Denver Broncos defeated the Carolina Panthers 24–10 on February 7, 2016, at Levi\'s Stadium in Santa Clara, earning their third title. It cost $5.2 million, about 30% more than in the 1990s.'
const d = nlp.readDoc(s)
console.log(d.tokens().out(its.value).map((v: string, i: number) => v + '/' + d.tokens().out(its.pos)[i] + '/' + d.tokens().out(its.lemma)[i]).join(' '))
console.log(d.entities().out(its.detail))
console.log(d.tokens().out(its.type).join(' '))
