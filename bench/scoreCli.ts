// CLI reproduction, step 2: scores the JSON lines the product's CLI printed for a folder from bench/writeSeeds.ts,
// with the same metrics as `npm run bench` (retrieval R@1/R@5/MRR@10, EM/F1, sentence ∋ answer, answer/decline
// rates, hold-out articles on 1.1).
//
//   npx tsx bench/writeSeeds.ts --set v1.1 --out /tmp/squad11
//   SEEDS_DIR=/tmp/squad11/seeds INDEX_DIR=/tmp/squad11/index \
//     npm run --silent ask -- --json --k 10 < /tmp/squad11/questions.txt > /tmp/squad11/answers.jsonl
//   npx tsx bench/scoreCli.ts --dir /tmp/squad11 --answers /tmp/squad11/answers.jsonl [--json]
//   (or pipe the CLI straight in: ... npm run --silent ask -- --json --k 10 < questions.txt | npx tsx bench/scoreCli.ts --dir …)
//
// `--k 10` makes the CLI cite 10 passages, as the in-process run asks for; with the default 3, R@5 and MRR@10 are capped.
// Each line is {"question","answered","answer","citations":[{"file","paragraph","text","sentence","score",…}]}.
// A citation is mapped to its SQuAD paragraph by file name + paragraph text (robust to a chunker that numbers
// paragraphs differently). Line i answers questions.txt line i; the question text is checked against gold.jsonl.
// Not here: latency, build/load time and the raw-BM25 decline baseline (they need the in-process run).
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { summariseAnswers, summariseRetrieval } from './evaluate.js'
import type { Outcome } from './evaluate.js'
import { paragraphLocator } from './mapping.js'
import { dedupe } from './metrics.js'
import type { DatasetResult, EngineResult } from './report.js'
import { subsets } from './runPeer.js'
import { readSeedsFolder } from './seedsFolder.js'
import type { SquadSet } from './squad.js'
import { datasetSection } from './table.js'
import { machineInfo } from './machine.js'
import type { SeedsMeta } from './writeSeeds.js'

const USAGE = 'Usage: npx tsx bench/scoreCli.ts --dir OUT [--answers FILE] [--json]   (answers default: stdin)\n'

interface CliCitation {
  file: string
  text: string
  sentence?: string
}

interface CliLine {
  question: string
  answered: boolean
  answer: string | null
  citations: CliCitation[]
}

function isCliLine(value: unknown): value is CliLine {
  const v = value as CliLine
  return typeof v === 'object' && v !== null && typeof v.answered === 'boolean' && Array.isArray(v.citations)
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export interface CliScore {
  dataset: DatasetResult
  warnings: string[]
}

/** Scores the CLI's output lines against the set rebuilt from the seeds folder. */
export function scoreLines(set: SquadSet, lines: readonly string[]): CliScore {
  const warnings: string[] = []
  const locator = paragraphLocator(set)
  const outcomes: Outcome[] = []
  let skipped = 0
  let unmapped = 0
  let mostCitations = 0
  for (const raw of lines) {
    if (raw.trim() === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      parsed = null
    }
    if (!isCliLine(parsed)) {
      skipped++
      continue
    }
    const question = set.questions[outcomes.length]
    if (!question) {
      warnings.push(`more answer lines than the ${set.questions.length} gold questions; the rest are ignored`)
      break
    }
    if (fold(parsed.question) !== fold(question.question)) {
      throw new Error(
        `answer line ${outcomes.length + 1} is for "${parsed.question}" but gold.jsonl has "${question.question}": ` +
          'were the answers made from this folder\'s questions.txt?',
      )
    }
    mostCitations = Math.max(mostCitations, parsed.citations.length)
    const ids = parsed.citations.map((c) => locator.byText(c.file, c.text))
    unmapped += ids.filter((id) => id === null).length
    outcomes.push({
      question,
      ranked: dedupe(ids),
      answered: parsed.answered,
      answer: parsed.answer,
      sentence: parsed.citations[0]?.sentence ?? null,
    })
  }
  if (skipped > 0) warnings.push(`${skipped} lines were not answer JSON and were skipped (forgot npm's --silent?)`)
  if (outcomes.length < set.questions.length) {
    warnings.push(`only ${outcomes.length} of ${set.questions.length} questions have an answer line; scored those`)
  }
  if (outcomes.length > 0 && mostCitations < 10) {
    warnings.push(`answers carry at most ${mostCitations} citations: R@5 and MRR@10 are capped (run ask with --k 10)`)
  }
  if (unmapped > 0) warnings.push(`${unmapped} citations did not map to a SQuAD paragraph by file + text`)
  const engine: EngineResult = {
    name: 'CLI (npm run ask -- --json)',
    kind: 'cli',
    error: null,
    retrieval: subsets(outcomes, summariseRetrieval),
    answers: subsets(outcomes, summariseAnswers),
    speed: null,
    memory: null,
    notes: warnings,
  }
  const asked = outcomes.map((o) => o.question)
  return {
    dataset: {
      name: set.name,
      path: set.path,
      articles: set.articles.length,
      paragraphs: set.paragraphs.length,
      questions: set.questions.length,
      asked: asked.length,
      answerable: asked.filter((q) => !q.impossible).length,
      unanswerable: asked.filter((q) => q.impossible).length,
      holdoutQuestions: asked.filter((q) => q.holdout).length,
      engines: [engine],
      baselines: [],
    },
    warnings,
  }
}

function main(argv: readonly string[]): number {
  let dir: string | null = null
  let answers: string | null = null
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    if (flag === '--dir' && argv[i + 1]) dir = resolve(argv[++i])
    else if (flag === '--answers' && argv[i + 1]) answers = resolve(argv[++i])
    else if (flag === '--json') json = true
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE)
      return 0
    } else {
      process.stderr.write(`scoreCli: unknown or incomplete option ${flag}\n${USAGE}`)
      return 2
    }
  }
  if (dir === null) {
    process.stderr.write(`scoreCli: --dir is required\n${USAGE}`)
    return 2
  }
  if (answers === null && process.stdin.isTTY) {
    process.stderr.write(`scoreCli: give --answers FILE or pipe the CLI's JSON lines in\n${USAGE}`)
    return 2
  }
  if (answers !== null && !existsSync(answers)) {
    process.stderr.write(`scoreCli: answers file not found: ${answers}\n`)
    return 2
  }
  const metaPath = join(dir, 'meta.json')
  const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as SeedsMeta) : null
  const set = readSeedsFolder(dir, meta?.set ?? 'squad')
  const lines = readFileSync(answers ?? 0, 'utf8').split('\n')
  const { dataset, warnings } = scoreLines(set, lines)
  for (const w of warnings) process.stderr.write(`scoreCli: ${w}\n`)
  if (json) {
    process.stdout.write(`${JSON.stringify({ machine: machineInfo(), dir, meta, dataset })}\n`)
  } else {
    const m = machineInfo()
    process.stdout.write(
      `## CLI reproduction (${m.date.slice(0, 10)}, node ${m.node})\n\n` +
        `Scored ${dataset.asked} answer lines from ${answers ?? 'stdin'} against ${dir}.\n\n` +
        `${datasetSection(dataset).join('\n')}\n`,
    )
  }
  return 0
}

try {
  process.exitCode = main(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`scoreCli: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
