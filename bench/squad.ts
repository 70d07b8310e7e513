// Loads a SQuAD dev set and lays it out as the benchmark's corpus: one document per article, one chunk per paragraph.
// The article text built here is exactly what `writeSeeds.ts` writes to disk, so the in-process run and the
// CLI reproduction index the same bytes.
import { readFileSync, existsSync } from 'node:fs'

/** The 13 dev-v1.1 articles that dev-v2.0 does not contain: a clean hold-out (see ../shared/squad/README.md). */
export const HOLDOUT_TITLES: ReadonlySet<string> = new Set([
  'Super_Bowl_50', 'Nikola_Tesla', 'Teacher', 'Martin_Luther', 'Apollo_program', 'Newcastle_upon_Tyne',
  'Victoria_and_Albert_Museum', 'American_Broadcasting_Company', 'Genghis_Khan', 'Doctor_Who', 'Kenya',
  'Chloroplast', 'United_Methodist_Church',
])

export interface SquadParagraph {
  /** Dense id over the whole set, 0..n-1. */
  id: number
  article: number
  /** 0-based position inside its article. */
  index: number
  /** The context as placed in the article text (line breaks folded to spaces, see `foldLineBreaks`). */
  text: string
  /** Character range of `text` inside the article's text: `article.text.slice(start, end) === text`. */
  start: number
  end: number
}

export interface SquadArticle {
  id: number
  /** SQuAD title, e.g. `Super_Bowl_50`. */
  title: string
  /** File name on disk, e.g. `Super_Bowl_50.txt`. */
  fileName: string
  /** Path handed to `Engine.fromTexts`, e.g. `squad/Super_Bowl_50.txt`. */
  file: string
  /** Title line, blank line, then the paragraphs separated by blank lines, ending with a newline. */
  text: string
  holdout: boolean
  /** Paragraph ids, in order. */
  paragraphs: number[]
}

export interface SquadQuestion {
  id: string
  question: string
  /** Gold: the question's own paragraph id. */
  paragraph: number
  article: number
  /** Gold answer texts; empty for unanswerable (2.0 `is_impossible`) questions. */
  answers: string[]
  impossible: boolean
  holdout: boolean
}

export interface SquadSet {
  /** `v1.1` or `v2.0`. */
  name: string
  path: string
  articles: SquadArticle[]
  paragraphs: SquadParagraph[]
  questions: SquadQuestion[]
}

interface RawQa { id: string; question: string; answers: { text: string }[]; is_impossible?: boolean }
interface RawDataset { version?: string; data: { title: string; paragraphs: { context: string; qas: RawQa[] }[] }[] }

/**
 * 28 contexts carry chemistry subscripts as single line breaks ("O\n2"). A line break inside a SQuAD paragraph is
 * not a paragraph break, but a chunker that honours single-newline paragraphs (as the seeds need) would split there.
 * A space keeps the length, so SQuAD's answer offsets stay valid.
 */
export function foldLineBreaks(context: string): string {
  return context.replace(/\r\n?|\n/g, (m) => ' '.repeat(m.length))
}

/** A title as a safe file name: SQuAD titles only use these characters today, anything else becomes `_`. */
export function titleFileName(title: string): string {
  return `${title.replace(/[^A-Za-z0-9._,()-]/g, '_')}.txt`
}

/** The article's title line as a reader would write it. */
export function titleLine(title: string): string {
  return title.replace(/_/g, ' ')
}

function isRawDataset(value: unknown): value is RawDataset {
  return typeof value === 'object' && value !== null && Array.isArray((value as RawDataset).data)
}

/** Throws an Error with a clear message when a SQuAD file is missing. */
export function assertSquadFile(path: string): void {
  if (!existsSync(path)) {
    throw new Error(`SQuAD file not found: ${path} (give --squad DIR, or --v11 FILE --v20 FILE)`)
  }
}

/** Reads and lays out one SQuAD file. Throws an Error with a clear message when the file is missing or malformed. */
export function loadSquad(path: string, name: string): SquadSet {
  assertSquadFile(path)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new Error(`SQuAD file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err })
  }
  if (!isRawDataset(raw)) throw new Error(`SQuAD file ${path} has no "data" array: is it a SQuAD dev set?`)

  const set: SquadSet = { name, path, articles: [], paragraphs: [], questions: [] }
  const seenFiles = new Set<string>()
  for (const rawArticle of raw.data) {
    const articleId = set.articles.length
    const fileName = titleFileName(rawArticle.title)
    if (seenFiles.has(fileName)) throw new Error(`SQuAD file ${path}: two articles map to the file name ${fileName}`)
    seenFiles.add(fileName)
    const holdout = HOLDOUT_TITLES.has(rawArticle.title)
    let text = `${titleLine(rawArticle.title)}\n\n`
    const paragraphIds: number[] = []
    for (const [index, rawParagraph] of rawArticle.paragraphs.entries()) {
      const paragraphText = foldLineBreaks(rawParagraph.context)
      const id = set.paragraphs.length
      const start = text.length
      text += paragraphText
      set.paragraphs.push({ id, article: articleId, index, text: paragraphText, start, end: text.length })
      text += '\n\n'
      paragraphIds.push(id)
      for (const qa of rawParagraph.qas) {
        const impossible = qa.is_impossible === true
        set.questions.push({
          id: qa.id,
          question: qa.question,
          paragraph: id,
          article: articleId,
          answers: impossible ? [] : qa.answers.map((a) => a.text),
          impossible,
          holdout,
        })
      }
    }
    // One trailing newline, not two: an ordinary text file.
    text = text.replace(/\n+$/, '\n')
    set.articles.push({
      id: articleId, title: rawArticle.title, fileName, file: `squad/${fileName}`, text, holdout, paragraphs: paragraphIds,
    })
  }
  return set
}

/** A fixed, seeded sample of `n` questions (all when n ≥ the set's size), kept in data order. */
export function sampleQuestions(questions: readonly SquadQuestion[], n: number, seed: number): SquadQuestion[] {
  if (n >= questions.length) return [...questions]
  // mulberry32: tiny, deterministic across Node versions.
  let state = seed >>> 0
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const order = questions.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order.slice(0, n).sort((a, b) => a - b).map((i) => questions[i])
}
