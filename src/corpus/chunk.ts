// One article's text → its metadata and chunks. Pure and deterministic: the same text always gives the same
// chunks, so a corpus fingerprint over file hashes (plus CHUNKER_VERSION) tells when an index is stale.
//
// Offsets: `start`/`end` index the decoded text as given (UTF-16 code units, after the loader stripped a
// byte-order mark), so `text.slice(chunk.start, chunk.end) === chunk.text`. Line ends are kept as written:
// a hard-wrapped paragraph's chunk text contains its line breaks.
//
// Paragraph numbers count article-text paragraphs only (titles, headings, metadata and furniture lines are
// not counted). A paragraph longer than MAX_CHUNK_CHARS becomes several consecutive chunks that share its
// paragraph number, so a citation's "paragraph 7" always points at the paragraph a reader sees.

import type { ArticleMeta, Chunk } from '../types.js'
import { splitLines } from './lines.js'
import type { Line } from './lines.js'
import { classifyLines } from './classify.js'
import { groupParagraphs } from './paragraphs.js'
import { splitLong } from './splitLong.js'
import { applyOverrides } from './metadata.js'

/**
 * Bump when a change here (or in decode.ts) changes the chunks of an unchanged file: it is part of the corpus
 * fingerprint. 2: Windows-1252 files are decoded as such, no longer with U+FFFD. 3: control characters and
 * escape sequences are blanked (assemble.ts).
 */
export const CHUNKER_VERSION = 3

export interface ChunkedArticle {
  meta: ArticleMeta
  /** The article's chunks; ids are 0..n-1 within the article (the loader renumbers them corpus-wide). */
  chunks: Chunk[]
  /** Things a maintainer should know about this file's metadata. */
  problems: string[]
}

/**
 * Splits one article into chunks. `meta` overrides what is detected (string sets, null clears); its `file`
 * is ignored in favour of `file`.
 */
export function chunkArticle(file: string, text: string, meta?: Partial<ArticleMeta>): ChunkedArticle {
  const lines = splitLines(text)
  const { lines: classified, detected } = classifyLines(text, lines)
  const articleMeta = applyOverrides(
    { file, title: detected.title, source: detected.source, date: detected.date, url: detected.url },
    meta,
  )
  const chunks: Chunk[] = []
  groupParagraphs(text, classified).forEach((paragraph, index) => {
    for (const [start, end] of splitLong(text, paragraph.start, paragraph.end)) {
      chunks.push({
        id: chunks.length,
        ...articleMeta,
        paragraph: index + 1,
        line: lineAt(lines, start),
        start,
        end,
        text: text.slice(start, end),
        heading: paragraph.heading,
      })
    }
  })
  return { meta: articleMeta, chunks, problems: detected.problems }
}

/** The 1-based number of the line holding `offset` (binary search: lines are sorted by start). */
function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0
  let hi = lines.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lines[mid]!.start <= offset) lo = mid
    else hi = mid - 1
  }
  return lines[lo]!.number
}
