// What a news page says about itself, read from its head and markup before Readability reshapes the document:
// title, outlet, publication date and canonical URL, from Open Graph and article meta tags, JSON-LD (schema.org
// NewsArticle and kin) and <time datetime>. A field the page does not give stays null: never guessed.
import { parseDateValue } from '../dates.js'

export interface PageMeta {
  title: string | null
  source: string | null
  date: string | null
  url: string | null
}

/** The part of a DOM document read here (linkedom's Document satisfies it). */
export interface MetaDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null; textContent: string | null }>
}

type Json = Record<string, unknown>

const ARTICLE_TYPES = /^(?:News|Reportage|Analysis|Opinion|Review|Background)?(?:Article|NewsArticle)$|^(?:BlogPosting|Report|LiveBlogPosting)$/

export function readPageMeta(document: MetaDocument, pageUrl: string): PageMeta {
  const meta = (...names: string[]): string | null => {
    for (const name of names) {
      const value = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute('content')
      if (value?.trim()) return clean(value)
    }
    return null
  }
  const ld = jsonLdArticle(document)
  const publisher = ld?.publisher
  const ldPublisher = typeof publisher === 'string' ? publisher : text(first(publisher)?.name)
  const dateText =
    meta('article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued') ??
    text(ld?.datePublished) ??
    document.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ??
    null
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url') ?? text(ld?.url) ?? text(first(ld?.mainEntityOfPage)?.['@id'])
  return {
    title: meta('og:title', 'twitter:title') ?? text(ld?.headline) ?? null,
    source: meta('og:site_name', 'application-name') ?? (ldPublisher ? clean(ldPublisher) : null),
    date: dateText === null ? null : parseDateValue(dateText),
    url: canonicalUrl(canonical, pageUrl),
  }
}

/** The first JSON-LD object that is an article (NewsArticle, Article, BlogPosting, …), through @graph and arrays. */
function jsonLdArticle(document: MetaDocument): Json | null {
  const found: Json[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') {
      const object = value as Json
      found.push(object)
      if (object['@graph']) visit(object['@graph'])
    }
  }
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''))
    } catch {
      // A broken block is common on real pages; the other sources of metadata still count.
    }
  }
  const isArticle = (o: Json) => [o['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))
  return found.find(isArticle) ?? found.find((o) => typeof o.headline === 'string') ?? null
}

function first(value: unknown): Json | null {
  const one: unknown = Array.isArray(value) ? value[0] : value
  return one && typeof one === 'object' ? (one as Json) : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? clean(value) : null
}

/** Whitespace folded, control characters out: page text is untrusted. */
export function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g, ' ').replace(/\s+/g, ' ').trim()
}

/** An absolute http(s) URL without its fragment, resolved against the page; null for anything else. */
export function canonicalUrl(href: string | null | undefined, base: string): string | null {
  if (!href?.trim()) return null
  try {
    const url = new URL(href.trim(), base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    url.hash = ''
    return url.href
  } catch {
    return null
  }
}
