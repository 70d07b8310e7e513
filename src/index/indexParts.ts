import type { Chunk } from '../types.js'
import { analyseTerms } from './analyse.js'
import { ArticleTerms } from './articleTerms.js'

/** What a `SearchIndex` keeps beside MiniSearch, built from the chunks' analysed texts. */
export interface IndexParts {
  /** Article number of each chunk: the chunks of one file make one article. */
  articleOf: Int32Array
  /** Articles as documents: their chunks' texts and their title once. */
  articles: ArticleTerms
  /** Document frequency of each term (by id) over all fields of a chunk. */
  dfById: Int32Array
}

/** Each chunk's heading and title terms, as ids into the vocabulary. */
export interface FieldTermIds {
  headingIds: Int32Array[]
  titleIds: Int32Array[]
}

/** The chunks' heading and title terms as ids; terms new to `vocabulary` are added to it and to `ids`. */
export function fieldTermIds(chunks: readonly Chunk[], vocabulary: string[], ids: Map<string, number>): FieldTermIds {
  const intern = (term: string): number => {
    let id = ids.get(term)
    if (id === undefined) ids.set(term, (id = vocabulary.push(term) - 1))
    return id
  }
  // Headings and titles repeat across chunks: analyse each distinct one once.
  const known = new Map<string, Int32Array>()
  const idsOf = (s: string | null): Int32Array => {
    if (!s) return new Int32Array(0)
    let t = known.get(s)
    if (!t) known.set(s, (t = Int32Array.from(analyseTerms(s), intern)))
    return t
  }
  return { headingIds: chunks.map((c) => idsOf(c.heading)), titleIds: chunks.map((c) => idsOf(c.title)) }
}

/**
 * Builds the article terms and the document frequencies over `v` terms. `textIds[i]` are chunk i's text terms as
 * ids, `fields` its heading and title terms.
 */
export function indexParts(chunks: readonly Chunk[], v: number, textIds: readonly Int32Array[], { headingIds, titleIds }: FieldTermIds): IndexParts {
  const articleNo = new Map<string, number>()
  const articleOf = Int32Array.from(chunks, (c) => {
    let a = articleNo.get(c.file)
    if (a === undefined) articleNo.set(c.file, (a = articleNo.size))
    return a
  })
  const articleTerms: number[][] = Array.from({ length: articleNo.size }, () => [])
  const titled = new Uint8Array(articleNo.size)
  chunks.forEach((_, i) => {
    const a = articleOf[i]!
    const into = articleTerms[a]!
    for (const t of textIds[i]!) into.push(t)
    if (!titled[a]) {
      titled[a] = 1
      for (const t of titleIds[i]!) into.push(t)
    }
  })

  // Counted by id: a Map update per occurrence hashed the term a million times.
  const dfById = new Int32Array(v)
  const seen = new Int32Array(v).fill(-1)
  for (let i = 0; i < chunks.length; i++) {
    for (const list of [textIds[i]!, headingIds[i]!, titleIds[i]!]) {
      for (const t of list) {
        if (seen[t] === i) continue
        seen[t] = i
        dfById[t]!++
      }
    }
  }
  return { articleOf, articles: ArticleTerms.build(articleTerms, v), dfById }
}
