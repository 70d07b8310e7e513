// What adding or removing an article says in the terminal (`npm run add`, the REPL's :add and :remove), and the
// stable JSON of `npm run add -- --json`. Article text is untrusted: control characters never reach the terminal.
import type { AddResult } from '../corpus/ingest/desk.js'
import type { Article } from '../types.js'
import { jsonLine, oneLine } from './sanitize.js'

/** The terminal sanitiser's one-line form (escape sequences and controls out), whitespace folded. */
function safe(text: string): string {
  return oneLine(text).replace(/\s+/g, ' ').trim()
}

/** The first paragraph, cut at a word near `max` characters. */
function lead(text: string, max = 300): string {
  const one = safe(text)
  if (one.length <= max) return one
  const cut = one.slice(0, max)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40))}…`
}

/** Several lines: what was added (title, outlet, date, paragraphs, file, link, first paragraph), or which article it already is. */
export function formatAdded(result: AddResult): string {
  if (!result.added) return `Already there: ${result.duplicate}${result.title ? ` ("${safe(result.title)}")` : ''}. Nothing was added.`
  const known = [result.outlet, result.date, `${result.paragraphs} paragraph${result.paragraphs === 1 ? '' : 's'}`].filter(Boolean).map((s) => safe(s!))
  return [
    `Added "${safe(result.title ?? '(title unknown)')}" — ${known.join(' · ')}`,
    `  ${[result.file, result.url].filter(Boolean).join(' · ')}`,
    `  "${lead(result.firstParagraph)}"`,
  ].join('\n')
}

/** One line: which article was taken out, and where its file went. */
export function formatRemoved(article: Article, removedFolder: string): string {
  const title = article.title ? ` ("${safe(article.title)}")` : ''
  return `Removed ${article.file}${title}: no longer answered from. The file was moved to ${removedFolder}/, not deleted.`
}

/** `npm run add -- --json`: the contract other tools check (docs/adding-articles.md). */
export function addedJson(result: AddResult): string {
  if (!result.added) return jsonLine({ added: false, duplicate: result.duplicate })
  const { file, title, date, outlet, url, paragraphs } = result
  return jsonLine({ added: true, file, title, date, outlet, url, paragraphs })
}

export function addErrorJson(reason: string): string {
  return jsonLine({ added: false, error: reason })
}
