// `npm run ask -- "question"`: one answer. Without a question and with piped input: one answer per input line, in
// order, in one process (the benchmark pipes ten thousand questions through it). Logs go to stderr only.
import type { Engine } from '../engine.js'
import { formatJson } from '../format/json.js'
import { DECLINE_MESSAGES, echoQuestion, formatAnswer, wantsColor } from '../format/text.js'
import type { Answer } from '../types.js'
import { usage } from './args.js'
import type { CommandSpec } from './args.js'
import { BufferedOutput, exitWhenReaderCloses, readLineBatches } from './io.js'
import { openEngine, prepare, quietOnTerminal, run } from './startup.js'

const spec: CommandSpec = {
  name: 'npm run ask --',
  operands: '["question"]',
  summary:
    'Answers one question from the articles. Without a question, answers each line of the piped input in order:\n' +
    '  npm run --silent ask -- --json < questions.txt > answers.jsonl',
  flags: ['json', 'k', 'seeds', 'index', 'help'],
}

async function main(): Promise<number> {
  const context = prepare(process.argv.slice(2), spec)
  if (typeof context === 'number') return context
  const { args } = context
  const question = args.positionals.length > 0 ? args.positionals.join(' ') : null
  if (question === null && process.stdin.isTTY) {
    process.stderr.write(`npm run ask --: give a question, or pipe questions one per line.\n\n${usage(spec)}\n`)
    return 2
  }

  const engine = await openEngine(quietOnTerminal(context))
  if (!engine) return 1
  const color = !args.json && wantsColor(process.stdout, process.env)
  exitWhenReaderCloses(process.stdout)

  if (question !== null) {
    const answer = engine.ask(question, { k: args.k })
    const out = new BufferedOutput(process.stdout)
    out.push(`${args.json ? formatJson(answer) : oneShot(answer, color)}\n`)
    await out.flush()
    return 0
  }
  await answerLines(engine, args.json, args.k, color)
  return 0
}

/** A single answer; an empty question gets the usage line as well, since that is what the user needs next. */
function oneShot(answer: Answer, color: boolean): string {
  const text = formatAnswer(answer, { color })
  return answer.declineReason === 'empty' ? `${text}\n\nUsage: npm run ask -- "question"` : text
}

async function answerLines(engine: Engine, json: boolean, k: number | undefined, color: boolean): Promise<void> {
  const out = new BufferedOutput(process.stdout)
  let first = true
  for await (const lines of readLineBatches(process.stdin)) {
    for (const line of lines) {
      const answer = engine.ask(line, { k })
      if (json) {
        out.push(`${formatJson(answer)}\n`)
      } else {
        // Blocks have different heights, so each starts with its question: the output reads on its own.
        const block = answer.declineReason === 'empty' ? DECLINE_MESSAGES.empty : formatAnswer(answer, { color })
        out.push(`${first ? '' : '\n'}› ${echoQuestion(answer.question)}\n${block}\n`)
        first = false
      }
      if (out.full) await out.flush()
    }
    await out.flush()
  }
}

run(main)
