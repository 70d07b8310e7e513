// The corpora of `--scale`, smallest first, each a folder of articles and the questions asked of it:
//
//   seeds               ./seeds (3 articles), the 20 questions of test/fixtures/seed-questions.jsonl
//   SQuAD 1.1           its 48 dev articles written as seeds (as bench/writeSeeds.ts does), 300 sampled questions
//   news                ../shared/news/bbc (2,225 articles), the news-dev questions
//   news + SQuAD        a copy of the news corpus with both SQuAD dev sets beside it, the news-dev questions and
//                       100 sampled questions of each SQuAD set
//   news + Reuters      the 100k-paragraph point: a copy of the news corpus and of ../shared/news/reuters
//                       (Reuters-21578) side by side in the temp folder (the engine does not follow links out of
//                       its folder), the news-dev questions
import { cpSync, existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { BenchArgs } from '../args.js'
import { QUICK_SEED, REPO_ROOT } from '../args.js'
import { loadNewsQuestions } from '../news/newsQuestions.js'
import { writeArticles } from '../seedsFolder.js'
import { assertSquadFile, loadSquad, sampleQuestions } from '../squad.js'
import type { SquadSet } from '../squad.js'

export interface ScaleCorpus {
  name: string
  /** Where the articles come from, for the table. */
  source: string
  seedsDir: string
  questions: string[]
}

const SEED_QUESTIONS = resolve(REPO_ROOT, 'test/fixtures/seed-questions.jsonl')

function squadQuestions(set: SquadSet, n: number): string[] {
  return sampleQuestions(set.questions, n, QUICK_SEED).map((q) => q.question)
}

/** Writes the corpora that need writing under `root` (a temp folder) and lists all four. */
export function prepareCorpora(root: string, args: BenchArgs): ScaleCorpus[] {
  const path = (name: string): string => {
    const found = args.sets.find(([set]) => set === name)?.[1]
    if (found === undefined) throw new Error(`--scale needs both SQuAD dev sets (without --set): ${name} is missing`)
    assertSquadFile(found)
    return found
  }
  const v11 = loadSquad(path('v1.1'), 'v1.1')
  const v20 = loadSquad(path('v2.0'), 'v2.0')
  const newsQuestionsFile = args.newsSets[0]?.[1]
  if (newsQuestionsFile === undefined) throw new Error('--scale needs the news questions (../shared/eval/news-dev.jsonl or --questions FILE)')
  const newsQuestions = loadNewsQuestions(newsQuestionsFile).map((q) => q.q)
  const seedQuestions = readFileSync(SEED_QUESTIONS, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { q: string }).q)

  const squadDir = join(root, 'squad-v1.1')
  writeArticles(v11, squadDir)
  const combined = join(root, 'news-squad')
  cpSync(args.newsDir, join(combined, 'news'), { recursive: true })
  writeArticles(v11, join(combined, 'squad-v1.1'))
  writeArticles(v20, join(combined, 'squad-v2.0'))

  const reuters = resolve(dirname(args.newsDir), 'reuters')
  const large = join(root, 'news-reuters')
  if (existsSync(reuters)) {
    cpSync(args.newsDir, join(large, 'news'), { recursive: true })
    cpSync(reuters, join(large, 'reuters'), { recursive: true })
  }

  return [
    { name: 'seeds', source: 'seeds/', seedsDir: resolve(REPO_ROOT, 'seeds'), questions: seedQuestions },
    { name: 'SQuAD 1.1', source: `${v11.articles.length} articles of ${v11.path}`, seedsDir: squadDir, questions: squadQuestions(v11, 300) },
    { name: 'news', source: args.newsDir, seedsDir: args.newsDir, questions: newsQuestions },
    {
      name: 'news + SQuAD 1.1 + 2.0',
      source: `${args.newsDir}, SQuAD 1.1 and 2.0 dev`,
      seedsDir: combined,
      questions: [...newsQuestions, ...squadQuestions(v11, 100), ...squadQuestions(v20, 100)],
    },
    ...(existsSync(reuters) ? [{ name: 'news + Reuters (100k)', source: `${args.newsDir} and ${reuters}`, seedsDir: large, questions: newsQuestions }] : []),
  ]
}
