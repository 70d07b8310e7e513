// The spelling corrector's candidates (answer/question/spelling.ts): the words one edit away from a word of the
// question ("sned" → "send"), over its own word list, not the index (retrieval's fuzzy matching is MiniSearch's).
// Generating the edits (deletion, insertion, substitution, swap of neighbours) and looking each up is cheaper
// than scanning the word list, and a swap counts as one edit, where MiniSearch's Levenshtein counts two.

/** At most this many letters are tried for insertions and substitutions: the corpus's most frequent ones. */
const MAX_ALPHABET = 48

/** The letters to try in edits: the most frequent characters of the vocabulary. */
export function alphabetOf(vocabulary: Iterable<string>): string[] {
  const counts = new Map<string, number>()
  for (const term of vocabulary) for (const ch of term) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_ALPHABET)
    .map(([ch]) => ch)
}

/** Distinct vocabulary terms at Damerau–Levenshtein distance exactly 1 from `term`, in a stable order. */
export function nearTerms(term: string, known: (t: string) => boolean, alphabet: readonly string[]): string[] {
  const chars = [...term]
  const out = new Set<string>()
  const tryTerm = (t: string) => {
    if (t !== term && !out.has(t) && known(t)) out.add(t)
  }
  for (let i = 0; i <= chars.length; i++) {
    const head = chars.slice(0, i).join('')
    const tail = chars.slice(i).join('')
    if (i < chars.length) tryTerm(head + chars.slice(i + 1).join('')) // deletion
    if (i + 1 < chars.length) tryTerm(head + chars[i + 1] + chars[i] + chars.slice(i + 2).join('')) // swap
    for (const ch of alphabet) {
      tryTerm(head + ch + tail) // insertion
      if (i < chars.length) tryTerm(head + ch + chars.slice(i + 1).join('')) // substitution
    }
  }
  return [...out]
}
