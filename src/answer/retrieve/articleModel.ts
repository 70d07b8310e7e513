import { bm25Idf } from '../../index/articleTerms.js'
import type { Retrieved, SearchIndex } from '../../index/searchIndex.js'
import type { QueryProfile } from '../question/queryProfile.js'

/** What the reranker knows of each candidate's article, per question term. */
export interface ArticleStats {
  /**
   * Each term's IDF among the article's own paragraphs. Once the article is right its paragraphs all share
   * its topic words ("Tesla"): what tells them apart is the question's other terms.
   */
  localIdf: Float64Array
  /** P(term | article), smoothed with the whole corpus: what a paragraph's own counts are smoothed with. */
  background: Float64Array
}

/** Dirichlet prior of the article model (in terms): how much the corpus counts against one article's. */
const MU_ARTICLE = 1000

/** Article statistics for every article among the hits, keyed by article number. */
export function articleStats(index: SearchIndex, q: QueryProfile, hits: readonly Retrieved[]): Map<number, ArticleStats> {
  const out = new Map<number, ArticleStats>()
  const n = q.ids.length
  for (const h of hits) {
    const a = index.articleOf[h.id]!
    // Starts as the number of the article's paragraphs holding each term.
    if (!out.has(a)) out.set(a, { localIdf: index.paragraphsWith(a, q.ids), background: new Float64Array(n) })
  }
  const sizes = index.articleSizes
  const articles = index.articleTerms
  const total = articles.totalLength || 1
  const corpus = Float64Array.from(q.ids, (id) => ((id >= 0 ? articles.collectionFrequency(id) : 0) + 0.5) / total)
  for (const [a, stats] of out) {
    const length = articles.length(a)
    for (let t = 0; t < n; t++) {
      stats.localIdf[t] = bm25Idf(sizes[a]!, stats.localIdf[t]!)
      const tf = q.ids[t]! >= 0 ? articles.tf(q.ids[t]!, a) : 0
      stats.background[t] = (tf + MU_ARTICLE * corpus[t]!) / (length + MU_ARTICLE)
    }
  }
  return out
}
