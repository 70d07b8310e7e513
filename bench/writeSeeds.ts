// CLI reproduction, step 1: writes a SQuAD dev set as a seeds folder the product's CLI can index and answer from.
//
//   npx tsx bench/writeSeeds.ts --set v1.1 --out /tmp/squad11            # all 10,570 questions
//   npx tsx bench/writeSeeds.ts --set v2.0 --out /tmp/squad20 --quick    # the same seeded sample as `bench --quick`
//   options: --squad DIR | --file FILE (where the dev set is), --sample N
//
// It writes OUT/seeds/<Title>.txt (title line, blank line, blank-line paragraphs: byte for byte the text the
// in-process benchmark gives `Engine.fromTexts`), OUT/questions.txt (one question per line), OUT/gold.jsonl
// (the gold paragraph and answers per question, same order) and OUT/meta.json. Then:
//
//   SEEDS_DIR=OUT/seeds INDEX_DIR=OUT/index npm run --silent ask -- --json --k 10 < OUT/questions.txt > OUT/answers.jsonl
//   npx tsx bench/scoreCli.ts --dir OUT --answers OUT/answers.jsonl       # or pipe the answers into it
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEFAULT_SQUAD_DIR, QUICK_SAMPLE, QUICK_SEED } from './args.js'
import { writeSeedsFolder } from './seedsFolder.js'
import { loadSquad, sampleQuestions } from './squad.js'

const USAGE = `Usage: npx tsx bench/writeSeeds.ts --set v1.1|v2.0 --out DIR [--squad DIR | --file FILE] [--quick | --sample N]\n`

export interface SeedsMeta {
  set: string
  source: string
  questions: number
  sample: number | null
  seed: number | null
}

function fail(message: string): never {
  process.stderr.write(`writeSeeds: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function main(argv: readonly string[]): void {
  let set: string | null = null
  let out: string | null = null
  let squadDir = DEFAULT_SQUAD_DIR
  let file: string | null = null
  let sample: number | null = null
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value`)
      return v
    }
    if (flag === '--set') set = value()
    else if (flag === '--out') out = resolve(value())
    else if (flag === '--squad') squadDir = resolve(value())
    else if (flag === '--file') file = resolve(value())
    else if (flag === '--quick') sample = QUICK_SAMPLE
    else if (flag === '--sample') {
      sample = Number(value())
      if (!Number.isInteger(sample) || sample <= 0) fail('--sample needs a positive whole number')
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE)
      return
    } else fail(`unknown option ${flag}`)
  }
  if (set !== 'v1.1' && set !== 'v2.0') fail('--set v1.1 or --set v2.0 is required')
  if (out === null) fail('--out DIR is required')
  const source = file ?? join(squadDir, set === 'v1.1' ? 'dev-v1.1.json' : 'dev-v2.0.json')
  let squad
  try {
    squad = loadSquad(source, set)
  } catch (error) {
    fail((error as Error).message)
  }
  const questions = sample !== null ? sampleQuestions(squad.questions, sample, QUICK_SEED) : squad.questions
  mkdirSync(out, { recursive: true })
  writeSeedsFolder(squad, questions, out)
  const meta: SeedsMeta = { set, source, questions: questions.length, sample, seed: sample !== null ? QUICK_SEED : null }
  writeFileSync(join(out, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
  process.stderr.write(
    `wrote ${squad.articles.length} articles to ${join(out, 'seeds')} and ${questions.length} questions to ${join(out, 'questions.txt')}\n` +
      `next:\n  SEEDS_DIR=${join(out, 'seeds')} INDEX_DIR=${join(out, 'index')} npm run --silent ask -- --json --k 10 < ${join(out, 'questions.txt')} > ${join(out, 'answers.jsonl')}\n` +
      `  npx tsx bench/scoreCli.ts --dir ${out} --answers ${join(out, 'answers.jsonl')}\n`,
  )
}

main(process.argv.slice(2))
