// The one way articles come in and go out, for every front end (`npm run add`, the REPL's :add / :articles /
// :remove, Discord's /add /articles /remove): fetch or read, extract, check for duplicates, store, reload.
// The live index takes the new file up the way it takes up any change to the folder (the reload passed in).
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat } from 'node:fs/promises'
import { basename, extname, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Article, Chunk } from '../../types.js'
import { parseFrontMatter } from '../frontMatter.js'
import { splitLines } from '../lines.js'
import { corpusFromTexts } from '../loadCorpus.js'
import { articleBody, articleFileName, withFrontMatter, writeArticleFile } from './articleFile.js'
import { decodePage } from './decodePage.js'
import { IngestError } from './errors.js'
import { extractArticle } from './extractHtml.js'
import { FETCH_LIMITS, fetchPage } from './fetchPage.js'
import type { FetchRules, PageKind } from './fetchPage.js'
import { canonicalUrl } from './pageMeta.js'

export { IngestError }

/** What is loaded now: the engine (its `articles` and `chunks` follow every reload). */
export interface Library {
  readonly articles: readonly Article[]
  readonly chunks: readonly Chunk[]
}

export interface DeskOptions {
  seedsDir: string
  library: Library
  /** Brings the library up to date with the folder (the LiveCorpus's reload, shared with the watcher). */
  reload: () => Promise<unknown>
  fetch?: FetchRules
}

export interface AddedArticle {
  added: true
  file: string
  title: string | null
  date: string | null
  outlet: string | null
  url: string | null
  paragraphs: number
  firstParagraph: string
}

export interface DuplicateArticle {
  added: false
  /** The article already there. */
  duplicate: string
  title: string | null
}

export type AddResult = AddedArticle | DuplicateArticle

/** Where removed articles go: a hidden folder inside SEEDS_DIR, which the loader skips. Nothing is deleted. */
export const REMOVED_FOLDER = '.removed'

const EXTENSION_KINDS: Record<string, PageKind> = { '.html': 'html', '.htm': 'html', '.txt': 'text', '.md': 'markdown' }

/** The kind of file a name says it is (.html .htm .txt .md), or null. */
export function kindFromName(name: string): PageKind | null {
  return EXTENSION_KINDS[extname(name).toLowerCase()] ?? null
}

interface Incoming {
  kind: PageKind
  bytes: Uint8Array
  charset: string | null
  /** The address it came from (after redirects); null for a local file. */
  url: string | null
}

export class ArticleDesk {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly textKeys = new Map<string, string>()
  private readonly folder: string
  private readonly display: string

  constructor(private readonly options: DeskOptions) {
    this.folder = resolve(options.seedsDir)
    this.display = basename(this.folder)
  }

  /** The articles folder as users see it in file names (`seeds`). */
  get folderName(): string {
    return this.display
  }

  /** The articles, as loaded now. */
  list(): readonly Article[] {
    return this.options.library.articles
  }

  /**
   * Adds the article at `source`: an http(s) link, or a path to a local .html/.htm/.txt/.md file (the CLI and the
   * REPL, run by someone with the folder at hand). One add at a time, so two people adding the same link get one
   * article and one "already there". Throws IngestError with the reason when refused.
   */
  add(source: string): Promise<AddResult> {
    const trimmed = source.trim()
    return this.serially(() => (isLink(trimmed) ? this.addLink(trimmed, undefined) : this.addLocal(trimmed)))
  }

  /**
   * Adds the page at an http(s) link, and nothing else: never a local path (for Discord, where strangers type the
   * link). `name` is an attachment's file name, which says its kind when the server does not.
   */
  addFromLink(url: string, name?: string): Promise<AddResult> {
    return this.serially(() => this.addLink(url.trim(), name))
  }

  /** Takes the article out: moves its file into SEEDS_DIR/.removed/ and reloads. Throws IngestError for an unknown file. */
  remove(file: string): Promise<Article> {
    return this.serially(() => this.removeNow(file.trim()))
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Articles whose file or title contains `typed`, for autocomplete. */
  find(typed: string, limit = 25): Article[] {
    const needle = typed.trim().toLowerCase()
    return this.list()
      .filter((a) => needle === '' || a.file.toLowerCase().includes(needle) || (a.title ?? '').toLowerCase().includes(needle))
      .slice(0, limit)
  }

  private async addLink(url: string, name: string | undefined): Promise<AddResult> {
    if (url === '') throw new IngestError('give a link (https://…)')
    const known = this.byUrl(canonicalUrl(url, url))
    if (known) return { added: false, duplicate: known.file, title: known.title }
    const page = await fetchPage(url, { ...this.options.fetch, kindFromName: name ? kindFromName(name) : null })
    // An attachment's address is Discord's, and expires: it is not the article's URL.
    const source = name === undefined ? page.url : null
    return this.store({ kind: page.kind, bytes: page.bytes, charset: page.charset, url: source }, page.url)
  }

  private async addLocal(path: string): Promise<AddResult> {
    if (path === '') throw new IngestError('give a link (https://…) or a file')
    return this.store(await readLocal(path), pathToFileURL(resolve(path)).href)
  }

  /** Extracts, checks for duplicates, writes and reloads; `base` resolves the page's relative links. */
  private async store(incoming: Incoming, base: string): Promise<AddResult> {
    const text = decodePage(incoming.bytes, incoming.kind, incoming.charset)
    const stored = incoming.kind === 'html' ? fromHtml(text, base, incoming.url) : fromText(text, incoming.url)
    const extension = incoming.kind === 'markdown' ? '.md' : '.txt'

    // Chunked as the loader will chunk it: what it finds is what gets stored and answered from.
    const probe = corpusFromTexts([{ file: `${this.display}/new${extension}`, text: stored }])
    const article = probe.articles[0]
    if (!article) throw new IngestError(`no article text in it (${probe.skipped[0]?.reason ?? 'nothing to read'})`)
    const known = this.byUrl(article.url) ?? this.byText(probe.chunks)
    if (known) return { added: false, duplicate: known.file, title: known.title }

    const fileName = articleFileName(article.title, article.url ?? textKey(probe.chunks), extension)
    const file = `${this.display}/${fileName}`
    if (!(await writeArticleFile(this.folder, fileName, stored))) return { added: false, duplicate: file, title: article.title }
    await this.options.reload()
    const loaded = this.list().find((a) => a.file === file)
    const first = this.options.library.chunks.find((c) => c.file === file && c.paragraph === 1) ?? probe.chunks[0]!
    return {
      added: true,
      file,
      title: loaded?.title ?? article.title,
      date: loaded?.date ?? article.date,
      outlet: loaded?.source ?? article.source,
      url: loaded?.url ?? article.url,
      paragraphs: loaded?.paragraphs ?? article.paragraphs,
      firstParagraph: first.text,
    }
  }

  private async removeNow(file: string): Promise<Article> {
    const article = this.list().find((a) => a.file === file)
    if (!article) throw new IngestError(`no article "${file}" is loaded (see the list of articles)`)
    const rel = relative(this.display, article.file)
    const from = resolve(this.folder, rel)
    if (!from.startsWith(this.folder + sep)) throw new IngestError(`"${file}" is not inside the articles folder`)
    const trash = join(this.folder, REMOVED_FOLDER)
    await mkdir(trash, { recursive: true })
    const to = join(trash, `${Date.now()}_${rel.split(/[\\/]/).join('__')}`)
    try {
      await rename(from, to)
    } catch (error) {
      throw new IngestError(`cannot move ${file} out of the articles folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
    await this.options.reload()
    return article
  }

  private byUrl(url: string | null): Article | undefined {
    if (url === null) return undefined
    const key = urlKey(url)
    return this.list().find((a) => a.url !== null && urlKey(a.url) === key)
  }

  private byText(chunks: readonly Chunk[]): Article | undefined {
    const key = textKey(chunks)
    const articles = this.list()
    // Keys by the file's SHA-256, kept between adds: only articles new since the last add are read again.
    const missing = new Set(articles.filter((a) => !this.textKeys.has(a.sha256)).map((a) => a.file))
    if (missing.size > 0) {
      const byFile = new Map<string, Chunk[]>()
      for (const chunk of this.options.library.chunks) {
        if (!missing.has(chunk.file)) continue
        const own = byFile.get(chunk.file)
        if (own) own.push(chunk)
        else byFile.set(chunk.file, [chunk])
      }
      for (const article of articles) {
        const own = byFile.get(article.file)
        if (own) this.textKeys.set(article.sha256, textKey(own))
      }
    }
    return articles.find((a) => this.textKeys.get(a.sha256) === key)
  }
}

/** Whether `source` is a link (any scheme: fetchPage refuses all but http and https) rather than a local path. */
function isLink(source: string): boolean {
  return /^[a-z][a-z\d+.-]*:\/\//i.test(source) && !/^file:/i.test(source)
}

/** Two links to the same article: scheme and host case, a trailing slash and the fragment do not count. */
function urlKey(url: string): string {
  try {
    const u = new URL(url)
    u.hash = ''
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`
  } catch {
    return url
  }
}

/** What "the same text" means: the same paragraphs, whatever the whitespace and case; hashed to keep the cache small. */
function textKey(chunks: readonly Chunk[]): string {
  const text = chunks.map((c) => c.text.replace(/\s+/g, ' ').trim().toLowerCase()).join('\n')
  return createHash('sha256').update(text).digest('hex')
}

function fromHtml(html: string, base: string, fetchedFrom: string | null): string {
  const extracted = extractArticle(html, base)
  const url = extracted.url?.startsWith('http') ? extracted.url : fetchedFrom
  return withFrontMatter({ title: extracted.title, source: extracted.source, date: extracted.date, url }, articleBody(extracted.blocks))
}

/** Plain text and Markdown as written; front matter is added (with the link it came from) only when it has none. */
function fromText(text: string, url: string | null): string {
  const body = text.replace(/^\uFEFF/, '')
  if (parseFrontMatter(body, splitLines(body)) !== null) return body
  const detected = corpusFromTexts([{ file: 'probe.txt', text: body }]).articles[0]
  if (!detected) return body
  return withFrontMatter({ title: detected.title, source: detected.source, date: detected.date, url }, body)
}

async function readLocal(path: string): Promise<Incoming> {
  const kind = kindFromName(path)
  if (kind === null) throw new IngestError(`${basename(path)}: only .html, .htm, .txt and .md files can be added`)
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new IngestError(`${path} is not a file`)
    size = info.size
  } catch (error) {
    if (error instanceof IngestError) throw error
    throw new IngestError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  if (size > FETCH_LIMITS.maxBytes) throw new IngestError(`${basename(path)} is larger than ${FETCH_LIMITS.maxBytes / 1024 / 1024} MB`)
  return { kind, bytes: new Uint8Array(await readFile(path)), charset: null, url: null }
}
