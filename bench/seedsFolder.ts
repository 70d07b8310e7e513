// A SQuAD dev set as files: the seeds folder the CLI indexes, the questions it is asked, and the gold answers.
// Layout of OUT:
//   OUT/seeds/<Title>.txt   one article each: title line, blank line, paragraphs separated by blank lines
//   OUT/questions.txt       one question per line
//   OUT/gold.jsonl          one JSON object per line, same order: {id, question, file, paragraph, answers, impossible}
// `readSeedsFolder` rebuilds the set from those files alone, so scoring needs nothing but OUT.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { HOLDOUT_TITLES } from './squad.js'
import type { SquadArticle, SquadParagraph, SquadQuestion, SquadSet } from './squad.js'

export interface GoldLine {
  id: string
  question: string
  /** Article file name inside OUT/seeds. */
  file: string
  /** 1-based position of the gold paragraph among the article's SQuAD paragraphs. */
  paragraph: number
  answers: string[]
  impossible: boolean
}

/** Writes every article of the set (the whole corpus) to `dir`, exactly as the in-process benchmark indexes it. */
export function writeArticles(set: SquadSet, dir: string): void {
  mkdirSync(dir, { recursive: true })
  for (const article of set.articles) writeFileSync(join(dir, article.fileName), article.text)
}

/** Writes the seeds folder, questions.txt and gold.jsonl for the given questions. */
export function writeSeedsFolder(set: SquadSet, questions: readonly SquadQuestion[], out: string): void {
  writeArticles(set, join(out, 'seeds'))
  const gold = questions.map((q): GoldLine => ({
    id: q.id,
    question: q.question,
    file: set.articles[q.article].fileName,
    paragraph: set.paragraphs[q.paragraph].index + 1,
    answers: q.answers,
    impossible: q.impossible,
  }))
  writeFileSync(join(out, 'questions.txt'), questions.map((q) => `${q.question}\n`).join(''))
  writeFileSync(join(out, 'gold.jsonl'), gold.map((g) => `${JSON.stringify(g)}\n`).join(''))
}

/** Splits an article file written by `writeArticles` back into its title and paragraphs (with their offsets). */
function parseArticle(text: string): { title: string; paragraphs: { text: string; start: number; end: number }[] } {
  const titleEnd = text.indexOf('\n\n')
  if (titleEnd < 0) return { title: text.trim(), paragraphs: [] }
  const paragraphs: { text: string; start: number; end: number }[] = []
  const body = text.replace(/\n+$/, '')
  let start = titleEnd + 2
  while (start <= body.length) {
    const next = body.indexOf('\n\n', start)
    const end = next < 0 ? body.length : next
    paragraphs.push({ text: body.slice(start, end), start, end })
    if (next < 0) break
    start = next + 2
  }
  return { title: text.slice(0, titleEnd), paragraphs }
}

/** Rebuilds the set (articles, paragraphs, the gold questions in file order) from a folder written above. */
export function readSeedsFolder(out: string, name: string): SquadSet {
  const seedsDir = join(out, 'seeds')
  const goldPath = join(out, 'gold.jsonl')
  if (!existsSync(seedsDir) || !existsSync(goldPath)) {
    throw new Error(`${out} is not a folder written by bench/writeSeeds.ts (need seeds/ and gold.jsonl)`)
  }
  const set: SquadSet = { name, path: out, articles: [], paragraphs: [], questions: [] }
  const byFile = new Map<string, SquadArticle>()
  for (const fileName of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(seedsDir, fileName), 'utf8')
    const parsed = parseArticle(text)
    const id = set.articles.length
    const title = fileName.replace(/\.txt$/, '')
    const article: SquadArticle = {
      id, title, fileName, file: `seeds/${fileName}`, text, holdout: HOLDOUT_TITLES.has(title), paragraphs: [],
    }
    for (const [index, p] of parsed.paragraphs.entries()) {
      const paragraph: SquadParagraph = { id: set.paragraphs.length, article: id, index, ...p }
      set.paragraphs.push(paragraph)
      article.paragraphs.push(paragraph.id)
    }
    set.articles.push(article)
    byFile.set(fileName, article)
  }
  const lines = readFileSync(goldPath, 'utf8').split('\n').filter((l) => l.trim() !== '')
  for (const [i, line] of lines.entries()) {
    const gold = JSON.parse(line) as GoldLine
    const article = byFile.get(gold.file)
    const paragraphId = article?.paragraphs[gold.paragraph - 1]
    if (!article || paragraphId === undefined) {
      throw new Error(`${goldPath}:${i + 1}: no paragraph ${gold.paragraph} in seeds/${gold.file}`)
    }
    set.questions.push({
      id: gold.id,
      question: gold.question,
      paragraph: paragraphId,
      article: article.id,
      answers: gold.answers,
      impossible: gold.impossible,
      holdout: article.holdout,
    })
  }
  return set
}
