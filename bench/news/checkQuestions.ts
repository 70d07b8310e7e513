// Checks chat-style question files over the BBC News corpus (the dev set ../shared/eval/news-dev.jsonl and the
// repo's own fitting set bench/news/fit-questions.jsonl) before anything is measured or fitted on them.
//
//   npx tsx bench/news/checkQuestions.ts bench/news/fit-questions.jsonl bench/news/offtopic-questions.jsonl ../shared/eval/news-dev.jsonl
//
// For each line of each file:
//   - it is a JSON object with exactly the keys q, article, unanswerable, passage_any, answer_any, kind, of the
//     right types, and a known kind (`unanswerable` or `offtopic` exactly when unanswerable is true);
//   - the article exists under ../shared/news/bbc (relative to the repo root), or is "" for kind `offtopic` (a
//     question about no article: bench/news/offtopic-questions.jsonl);
//   - each passage_any string lies inside ONE paragraph of that article (paragraphs are the blocks between blank
//     lines; compared after folding as the benchmark does (newsQuestions.ts `fold`): case, runs of whitespace, curly single quotes);
//   - each answer_any string occurs in that article (same folding);
//   - unanswerable ⇔ passage_any and answer_any are both empty;
//   - the article is not one of the dev set's (skipped when the file checked is the dev set itself);
//   - in fit-chat-*.jsonl, the article is one of ../shared/eval/fit-articles.txt;
//   - no question text is repeated, within a file or across the files given.
// Prints one line per problem (file:line: what) and a summary; exits 1 if there is any problem.
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { basename, dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fold } from './newsQuestions.js'
import type { NewsQuestion } from './newsQuestions.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const CORPUS_DIR = resolve(REPO_ROOT, '../shared/news/bbc')
const DEV_SET = resolve(REPO_ROOT, '../shared/eval/news-dev.jsonl')
const FIT_ARTICLES = resolve(REPO_ROOT, '../shared/eval/fit-articles.txt')
/** Fitting files written after ../shared/eval/fit-articles.txt was given: their questions may use only its articles. */
const FIT_ONLY_FILE = /^fit-chat-\d+\.jsonl$/

const KEYS = ['q', 'article', 'unanswerable', 'passage_any', 'answer_any', 'kind'] as const
const KINDS = new Set(['paraphrase', 'close', 'typo', 'lowercase', 'shortname', 'casual', 'unanswerable', 'offtopic'])
const ARTICLE_PATH = /^(business|entertainment|politics|sport|tech)\/\d{3}\.txt$/

type Question = NewsQuestion

interface Problem {
  where: string
  what: string
}

/** An article as the checks see it: its folded paragraphs and its folded full text. */
interface Article {
  paragraphs: string[]
  text: string
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')

/** The shape problems of one parsed line, or none. */
function shapeProblems(v: unknown): string[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return ['not a JSON object']
  const o = v as Record<string, unknown>
  const out: string[] = []
  const extra = Object.keys(o).filter((k) => !(KEYS as readonly string[]).includes(k))
  if (extra.length > 0) out.push(`unexpected keys: ${extra.join(', ')}`)
  const missing = KEYS.filter((k) => !(k in o))
  if (missing.length > 0) out.push(`missing keys: ${missing.join(', ')}`)
  if ('q' in o && (typeof o.q !== 'string' || o.q.trim() === '')) out.push('q must be a non-empty string')
  // An off-topic question (bench/news/offtopic-questions.jsonl) is about no article: its article is "".
  if (o.kind === 'offtopic') {
    if (o.article !== '') out.push('an offtopic question has article ""')
  } else if ('article' in o && (typeof o.article !== 'string' || !ARTICLE_PATH.test(o.article))) {
    out.push('article must look like "business/123.txt"')
  }
  if ('unanswerable' in o && typeof o.unanswerable !== 'boolean') out.push('unanswerable must be a boolean')
  if ('passage_any' in o && !isStringArray(o.passage_any)) out.push('passage_any must be an array of strings')
  if ('answer_any' in o && !isStringArray(o.answer_any)) out.push('answer_any must be an array of strings')
  if ('kind' in o && (typeof o.kind !== 'string' || !KINDS.has(o.kind))) out.push(`kind must be one of ${[...KINDS].join(', ')}`)
  return out
}

/** Problems of a well-shaped question against its article (null when the article file is missing). */
function contentProblems(q: Question, article: Article | null): string[] {
  const out: string[] = []
  if (q.unanswerable !== (q.kind === 'unanswerable' || q.kind === 'offtopic')) out.push(`kind "${q.kind}" does not match unanswerable=${q.unanswerable}`)
  if (q.unanswerable && (q.passage_any.length > 0 || q.answer_any.length > 0)) {
    out.push('unanswerable, but passage_any or answer_any is not empty')
  }
  if (!q.unanswerable && (q.passage_any.length === 0 || q.answer_any.length === 0)) {
    out.push('answerable, but passage_any or answer_any is empty')
  }
  if (article === null) return [...out, `article not found: ${q.article}`]
  for (const p of q.passage_any) {
    if (!article.paragraphs.some((para) => para.includes(fold(p)))) out.push(`passage not within one paragraph: "${p}"`)
  }
  for (const a of q.answer_any) {
    if (!article.text.includes(fold(a))) out.push(`answer not in article: "${a}"`)
  }
  return out
}

/** Reads and folds each article once. */
function articleReader(): (path: string) => Article | null {
  const cache = new Map<string, Article | null>()
  return (path) => {
    if (!cache.has(path)) {
      const file = resolve(CORPUS_DIR, path)
      const raw = existsSync(file) ? readFileSync(file, 'utf8') : null
      cache.set(path, raw === null ? null : { paragraphs: raw.split(/\n\s*\n/).map(fold).filter((p) => p !== ''), text: fold(raw) })
    }
    return cache.get(path)!
  }
}

/** The articles the dev set's questions were written from. */
function devArticles(): Set<string> {
  const out = new Set<string>()
  for (const line of readFileSync(DEV_SET, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    const o = JSON.parse(line) as { article?: unknown }
    if (typeof o.article === 'string') out.add(o.article)
  }
  return out
}

const sameFile = (a: string, b: string): boolean => existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b)

interface FileReport {
  problems: Problem[]
  questions: Question[]
}

/** Checks one JSONL file; `seen` carries question texts across files to catch repeats. */
function checkFile(
  path: string,
  readArticle: (path: string) => Article | null,
  devSet: Set<string>,
  seen: Map<string, string>,
): FileReport {
  const name = relative(process.cwd(), path) || path
  if (!existsSync(path)) return { problems: [{ where: name, what: 'file not found' }], questions: [] }
  const checkDevOverlap = !sameFile(path, DEV_SET)
  const fitOnly = FIT_ONLY_FILE.test(basename(path)) ? fitArticles() : null
  const problems: Problem[] = []
  const questions: Question[] = []
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    const where = `${name}:${i + 1}`
    const report = (what: string): void => void problems.push({ where, what })
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      report('not valid JSON')
      return
    }
    const shape = shapeProblems(parsed)
    if (shape.length > 0) {
      shape.forEach(report)
      return
    }
    const q = parsed as Question
    questions.push(q)
    if (q.kind === 'offtopic') contentProblems(q, { paragraphs: [], text: '' }).forEach(report)
    else contentProblems(q, readArticle(q.article)).forEach(report)
    if (checkDevOverlap && devSet.has(q.article)) report(`article ${q.article} is also used in the dev set`)
    if (fitOnly && q.kind !== 'offtopic' && !fitOnly.has(q.article)) report(`article ${q.article} is not in fit-articles.txt`)
    const key = fold(q.q)
    const first = seen.get(key)
    if (first !== undefined) report(`duplicate q (first at ${first})`)
    else seen.set(key, where)
  })
  return { problems, questions }
}

/** The articles listed in ../shared/eval/fit-articles.txt. */
function fitArticles(): Set<string> {
  return new Set(readFileSync(FIT_ARTICLES, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean))
}

function summary(questions: readonly Question[]): string {
  const byKind = new Map<string, number>()
  for (const q of questions) byKind.set(q.kind, (byKind.get(q.kind) ?? 0) + 1)
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')
  const articles = new Set(questions.map((q) => q.article)).size
  return `${questions.length} questions over ${articles} articles${kinds === '' ? '' : ` (${kinds})`}`
}

async function main(): Promise<void> {
  const files = process.argv.slice(2)
  if (files.length === 0) {
    console.error('Usage: npx tsx bench/news/checkQuestions.ts FILE.jsonl...')
    process.exit(2)
  }
  const readArticle = articleReader()
  const devSet = devArticles()
  const seen = new Map<string, string>()
  let total = 0
  for (const file of files) {
    const { problems, questions } = checkFile(resolve(file), readArticle, devSet, seen)
    for (const p of problems) console.log(`${p.where}: ${p.what}`)
    console.log(`${file}: ${summary(questions)}; ${problems.length} problem(s)`)
    total += problems.length
  }
  console.log(total === 0 ? 'OK' : `${total} problem(s) in all`)
  process.exitCode = total === 0 ? 0 : 1
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
