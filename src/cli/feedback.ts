// `npm run feedback`: what the 👍 / 👎 ratings say, and the 👎 questions written as a question file in the format of
// ../shared/eval/news-dev.jsonl, for the maintainer to complete (which article and passage answer it, the accepted
// answers, the kind), so that bad answers become test cases.
//
//   npm run feedback                          FEEDBACK_FILE (default index/feedback.jsonl)
//   npm run feedback -- a.jsonl b.jsonl       several files, e.g. one per replica
//   npm run feedback -- --out cases.jsonl     where the question file goes
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readFeedback } from '../feedback/log.js'
import { badQuestionLines, renderFeedbackSummary, summariseFeedback } from '../feedback/report.js'
import type { CommandSpec } from './args.js'
import { prepare, run } from './startup.js'

const spec: CommandSpec = {
  name: 'npm run feedback --',
  operands: '[FILE…]',
  summary:
    'Summarises the 👍 / 👎 ratings in FEEDBACK_FILE (or the FILEs given) and writes the 👎 questions as a question\n' +
    'file (../shared/eval/README.md) with the expected answers left for you to fill in.',
  flags: ['index', 'out', 'help'],
}

async function main(): Promise<number> {
  const context = prepare(process.argv.slice(2), spec)
  if (typeof context === 'number') return context
  const { args, config } = context
  const files = args.positionals.length > 0 ? args.positionals : [config.feedbackFile]
  const records = []
  const notes: string[] = []
  for (const file of files) {
    const read = readFeedback(file)
    records.push(...read.records)
    if (read.damaged > 0) notes.push(`${file}: skipped ${read.damaged} damaged line${read.damaged === 1 ? '' : 's'}`)
    if (read.partialTail) notes.push(`${file}: skipped an unfinished last line (a write cut short)`)
  }
  if (records.length === 0) {
    process.stdout.write(`No ratings yet in ${files.join(', ')}.\n`)
    return 0
  }
  const summary = summariseFeedback(records)
  process.stdout.write(`${renderFeedbackSummary(summary)}\n`)
  for (const note of notes) process.stdout.write(`(${note})\n`)
  const lines = badQuestionLines(summary)
  if (lines.length > 0) {
    const out = args.out ?? join(dirname(files[0]!), 'feedback-questions.jsonl')
    writeFileSync(out, `${lines.join('\n')}\n`)
    process.stdout.write(
      `\nWrote ${lines.length} question${lines.length === 1 ? '' : 's'} to ${out}. Fill in article, passage_any, answer_any and kind ` +
        '(and check unanswerable) as ../shared/eval/README.md describes; then check the file with\n' +
        `  npx tsx bench/news/checkQuestions.ts ${out}\n`,
    )
  }
  return 0
}

run(main)
