// The news questions through the product's CLI: scores the JSON lines `npm run ask -- --json` printed for a question
// file, with the same figures as `npm run bench -- --news` (P@1, Hit@3/5, precision, coverage, outcomes by kind).
//
//   node -e 'for (const l of require("fs").readFileSync(0, "utf8").split("\n")) if (l.trim()) console.log(JSON.parse(l).q)' \
//     < ../shared/eval/news-dev.jsonl > /tmp/q.txt
//   SEEDS_DIR=../shared/news/bbc INDEX_DIR=/tmp/bbc-index npm run --silent ask -- --json --k 5 < /tmp/q.txt > /tmp/a.jsonl
//   npx tsx bench/news/scoreNewsCli.ts --questions ../shared/eval/news-dev.jsonl --answers /tmp/a.jsonl
//
// Line i of the answers answers question i; the question text is checked.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { fold, loadNewsQuestions, summariseNews } from './newsQuestions.js'
import type { NewsOutcome } from './newsQuestions.js'

interface CliLine {
  question: string
  outcome: 'answer' | 'passages' | 'declined'
  answer: string | null
  citations: { text: string }[]
}

const isCliLine = (v: unknown): v is CliLine =>
  typeof v === 'object' && v !== null && typeof (v as CliLine).question === 'string' && typeof (v as CliLine).outcome === 'string' && Array.isArray((v as CliLine).citations)

const { values } = parseArgs({ options: { questions: { type: 'string' }, answers: { type: 'string' } } })
if (!values.questions || !values.answers) {
  process.stderr.write('Usage: npx tsx bench/news/scoreNewsCli.ts --questions FILE.jsonl --answers CLI-OUTPUT.jsonl\n')
  process.exit(2)
}
const questions = loadNewsQuestions(values.questions)
const lines = readFileSync(values.answers, 'utf8').split('\n').filter((l) => l.trim() !== '')
const outcomes: NewsOutcome[] = []
for (const [i, raw] of lines.entries()) {
  const parsed: unknown = JSON.parse(raw)
  const question = questions[i]
  if (!isCliLine(parsed) || !question) throw new Error(`answer line ${i + 1}: not an answer to question ${i + 1}`)
  // The CLI prints the question cleaned (whitespace folded), as typed otherwise.
  if (fold(parsed.question).trim() !== fold(question.q).trim()) throw new Error(`answer line ${i + 1} is for "${parsed.question}", not "${question.q}"`)
  outcomes.push({ question, passages: parsed.citations.map((c) => c.text), outcome: parsed.outcome, answer: parsed.answer })
}
const s = summariseNews(outcomes)
const f3 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3).replace(/^0\./, '.'))
console.log(`${outcomes.length} of ${questions.length} questions scored (${values.questions})`)
console.log('| P@1 | Hit@3 | Hit@5 | precision | coverage | unanswerable given a short answer | off-topic declined | answerable declined |')
console.log('|---|---|---|---|---|---|---|---|')
console.log(`| ${f3(s.p1)} | ${f3(s.hit3)} | ${f3(s.hit5)} | ${f3(s.precision)} (${s.claimed} claimed) | ${f3(s.coverage)} | ${f3(s.unanswerableClaimed)} | ${f3(s.offTopicDeclined)} | ${f3(s.answerableDeclined)} |`)
for (const [kind, v] of Object.entries(s.byKind)) console.log(`  ${kind}: ${v.n} questions, P@1 ${v.p1}, claimed ${v.claimed}, right ${v.right}`)
