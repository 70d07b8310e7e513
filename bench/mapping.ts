// Maps what an engine cites back to SQuAD paragraphs. By character offsets in-process (robust to a chunker that
// splits or drops lines), and by file + paragraph text for the CLI's JSON (which carries no offsets).
import { basename } from 'node:path'
import type { SquadSet } from './squad.js'

export interface ParagraphLocator {
  /** Paragraph id of the chunk starting at `start` in the file `file`, or null (title line, unknown file). */
  byOffset(file: string, start: number): number | null
  /** Paragraph id whose text equals or contains `text` (compared with whitespace folded), or null. */
  byText(file: string, text: string): number | null
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Files are matched by base name, so `squad/X.txt`, `/tmp/seeds/X.txt` and `seeds/X.txt` all find article X. */
export function paragraphLocator(set: SquadSet): ParagraphLocator {
  const articleByName = new Map(set.articles.map((a) => [a.fileName, a]))
  const foldedText = set.paragraphs.map((p) => fold(p.text))
  const exact = new Map<string, Map<string, number>>()
  for (const article of set.articles) {
    const texts = new Map<string, number>()
    for (const id of article.paragraphs) texts.set(foldedText[id], id)
    exact.set(article.fileName, texts)
  }
  return {
    byOffset(file, start) {
      const article = articleByName.get(basename(file))
      if (!article) return null
      // Last paragraph starting at or before `start` (binary search over the article's ranges).
      const ids = article.paragraphs
      let lo = 0
      let hi = ids.length - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (set.paragraphs[ids[mid]].start <= start) {
          found = mid
          lo = mid + 1
        } else {
          hi = mid - 1
        }
      }
      if (found < 0) return null
      const paragraph = set.paragraphs[ids[found]]
      // A chunk that starts in the blank line after a paragraph still belongs to it; beyond that it is not ours.
      return start <= paragraph.end + 2 ? paragraph.id : null
    },
    byText(file, text) {
      const name = basename(file)
      const article = articleByName.get(name)
      if (!article) return null
      const folded = fold(text)
      if (folded === '') return null
      const hit = exact.get(name)?.get(folded)
      if (hit !== undefined) return hit
      // A chunker that split a paragraph cites a part of it.
      for (const id of article.paragraphs) if (foldedText[id].includes(folded)) return id
      return null
    },
  }
}
