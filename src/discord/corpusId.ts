import { createHash } from 'node:crypto'
import type { Article } from '../types.js'

const ids = new WeakMap<readonly Article[], string>()

/**
 * A short id of the loaded articles (their files and contents). Buttons carry chunk ids, which mean the same
 * passages only over the same articles: replicas over the same folder agree on it, and after a reload that changed
 * the articles, an old button says its results expired instead of showing other passages.
 */
export function corpusId(articles: readonly Article[]): string {
  let id = ids.get(articles)
  if (id === undefined) {
    const hash = createHash('sha256')
    for (const article of articles) hash.update(article.file).update('\0').update(article.sha256).update('\n')
    id = hash.digest('base64url').slice(0, 8)
    ids.set(articles, id)
  }
  return id
}
