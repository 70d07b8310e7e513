// `--quick`'s news part: a few news-dev questions over a slice of the BBC corpus, so CI runs every engine and peer
// on real news text in seconds rather than the minute and more the whole corpus takes to index five times.
//
// The slice: every article a chosen question is about, and every STRIDE-th other article as distractors (about
// 450 articles), copied into a temp folder with the corpus's own subfolders. Questions: every STRIDE-th line of
// the set (24 of news-dev's 120), so every kind of question is asked.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Engine } from '../../src/engine.js'
import { loadNewsQuestions } from './newsQuestions.js'
import { runNews } from './runNews.js'
import type { NewsRun } from './runNews.js'

const STRIDE = 5

/** The corpus's article files as relative paths (`sport/237.txt`), sorted. */
function articleFiles(dir: string, rel = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`
    if (entry.isDirectory()) out.push(...articleFiles(dir, path))
    else if (/\.(?:txt|md)$/i.test(entry.name)) out.push(path)
  }
  return out.sort()
}

/** Runs the first question set (news-dev by default) the quick way. */
export async function runQuickNews(
  EngineCtor: typeof Engine, newsDir: string, sets: readonly [name: string, path: string][], log: (line: string) => void,
): Promise<NewsRun> {
  if (!existsSync(newsDir)) throw new Error(`--quick: the news corpus ${newsDir} is missing (--news-dir DIR)`)
  const [setName, questionsPath] = sets[0] ?? []
  if (questionsPath === undefined) throw new Error('--quick: no news question file (--questions FILE)')
  const questions = loadNewsQuestions(questionsPath).filter((_, i) => i % STRIDE === 0)
  const wanted = new Set(questions.map((q) => q.article))
  const files = articleFiles(newsDir).filter((file, i) => wanted.has(file) || i % STRIDE === 0)
  const root = mkdtempSync(join(tmpdir(), 'bench-quick-news-'))
  try {
    const corpus = join(root, 'bbc')
    for (const file of files) {
      mkdirSync(dirname(join(corpus, file)), { recursive: true })
      copyFileSync(join(newsDir, file), join(corpus, file))
    }
    const questionsFile = join(root, 'questions.jsonl')
    writeFileSync(questionsFile, questions.map((q) => `${JSON.stringify(q)}\n`).join(''))
    log(`[news] quick: ${questions.length} questions of ${questionsPath}, ${files.length} of the corpus's articles`)
    const run = await runNews(EngineCtor, corpus, [[`${setName}, every ${STRIDE}th question`, questionsFile]], log)
    // Name the real files, not the temp copies.
    const sets = run.sets.map((set) => ({ ...set, path: questionsPath }))
    return { ...run, sets, corpus: `${newsDir}: every ${STRIDE}th article and the questions' own` }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
