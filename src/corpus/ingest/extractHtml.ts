// A news page's HTML → its article: Readability (Firefox Reader View's extractor) finds the body and leaves out
// navigation, ads and page furniture; linkedom is the light DOM it runs on. The body becomes paragraphs and
// section headings; the metadata comes from pageMeta.ts, with Readability's own findings as a fallback.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { IngestError } from './errors.js'
import { clean, readPageMeta } from './pageMeta.js'
import type { MetaDocument, PageMeta } from './pageMeta.js'

export interface ArticleBlock {
  kind: 'heading' | 'paragraph'
  text: string
}

export interface ExtractedArticle extends PageMeta {
  blocks: ArticleBlock[]
}

/** Below this many words in sentence-like paragraphs, a page has no article to read (a menu, a login form, a video). */
const MIN_ARTICLE_WORDS = 60
const BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DD', 'DT', 'TD'])

interface Node {
  tagName?: string
  textContent: string | null
  childNodes: ArrayLike<Node>
  nodeType: number
}

/** Extracts the article of the page at `pageUrl`; throws IngestError when it has none. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const { document } = parseHTML(html)
  const meta = readPageMeta(document as unknown as MetaDocument, pageUrl)
  // Readability rewrites the document it reads: metadata first (above), then the article.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse()
  const title = meta.title ?? (parsed?.title ? clean(parsed.title) : null)
  const blocks = parsed?.content ? blocksOf(parsed.content, title) : []
  const words = blocks
    .filter((b) => b.kind === 'paragraph' && /[.!?…"”’)]$/.test(b.text))
    .reduce((sum, b) => sum + b.text.split(' ').length, 0)
  if (words < MIN_ARTICLE_WORDS) {
    throw new IngestError('no readable article on that page (it looks like a menu, a form or a media page, not an article)')
  }
  return {
    ...meta,
    title,
    source: meta.source ?? (parsed?.siteName ? clean(parsed.siteName) : null),
    blocks,
  }
}

/** Readability's article HTML → headings and paragraphs, in order; the title is not repeated as a heading. */
function blocksOf(content: string, title: string | null): ArticleBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`)
  const blocks: ArticleBlock[] = []
  const visit = (node: Node): void => {
    const tag = node.tagName?.toUpperCase()
    const hasBlockInside = tag !== undefined && Array.from(node.childNodes).some((c) => containsBlock(c))
    if (tag !== undefined && BLOCKS.has(tag) && !hasBlockInside) {
      const text = clean(node.textContent ?? '')
      if (text === '') return
      const heading = /^H[1-6]$/.test(tag)
      if (heading && title !== null && text.toLowerCase() === title.toLowerCase()) return
      blocks.push({ kind: heading ? 'heading' : 'paragraph', text })
      return
    }
    for (const child of Array.from(node.childNodes)) visit(child)
  }
  visit(document.body as unknown as Node)
  return blocks
}

function containsBlock(node: Node): boolean {
  const tag = node.tagName?.toUpperCase()
  if (tag === undefined) return false
  return BLOCKS.has(tag) || Array.from(node.childNodes).some(containsBlock)
}
