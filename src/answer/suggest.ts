import { foldWord } from '../index/analyse.js'
import type { SearchIndex } from '../index/searchIndex.js'
import type { Article } from '../types.js'
import { ask } from './ask.js'

/** Discord's limits for autocomplete: at most 25 choices of at most 100 characters. */
export const MAX_SUGGESTIONS = 25
export const MAX_SUGGESTION_LENGTH = 100
/** How many frequent names are tried as "Who is …?" questions. */
const NAME_QUESTIONS = 60
const NAME = /\b\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){1,3}\b/gu
const LEADING_FUNCTION_WORD = /^(The|A|An|In|On|At|But|And|As|If|It|This|That|When|While|After|Before|Since|According|Other)\s/u

interface Suggestion {
  text: string
  folded: string
  weight: number
}

/** Autocomplete: headings, titles and questions the articles answer well, that contain every word typed so far. */
export function suggest(index: SearchIndex, articles: readonly Article[], typed: string, limit = MAX_SUGGESTIONS): string[] {
  const n = Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit)))
  const all = index.cached('suggestions', () => candidates(index, articles))
  const words = typed.split(/\s+/u).map(foldWord).filter(Boolean)
  const out: string[] = []
  for (const s of all) {
    if (out.length >= n) break
    if (words.every((w, i) => (i === words.length - 1 ? s.folded.includes(w) : hasWord(s.folded, w)))) out.push(s.text)
  }
  return out
}

function hasWord(folded: string, w: string): boolean {
  return (' ' + folded + ' ').includes(' ' + w + ' ')
}

function candidates(index: SearchIndex, articles: readonly Article[]): Suggestion[] {
  const seen = new Set<string>()
  const out: Suggestion[] = []
  const add = (text: string, weight: number) => {
    const t = text.replace(/\s+/gu, ' ').trim().slice(0, MAX_SUGGESTION_LENGTH)
    const folded = t.split(' ').map(foldWord).join(' ')
    if (t.length < 3 || seen.has(folded)) return
    seen.add(folded)
    out.push({ text: t, folded, weight })
  }
  for (const a of articles) if (a.title) add(a.title, 3)
  for (const c of index.chunks) if (c.heading) add(c.heading, 2)
  for (const name of frequentNames(index)) {
    const q = `Who is ${name}?`
    const a = ask(index, q)
    if (a.answered && a.answer) add(q, 1 + a.confidence)
  }
  return out.sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text))
}

/** The multi-word capitalised names the corpus mentions most. */
function frequentNames(index: SearchIndex): string[] {
  const counts = new Map<string, number>()
  for (const c of index.chunks) {
    for (const m of c.text.matchAll(NAME)) {
      const name = m[0].replace(LEADING_FUNCTION_WORD, '').replace(/[’']s$/u, '')
      if (name.includes(' ')) counts.set(name, (counts.get(name) ?? 0) + 1)
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, NAME_QUESTIONS)
    .map(([name]) => name)
}
