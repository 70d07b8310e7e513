// `npm run bench -- --add`: how long adding an article takes, per page, and how soon the news corpus answers
// from it. Pages are Reuters articles (../shared/news/reuters, not in the BBC corpus) served as news-like HTML
// by a server on 127.0.0.1; they are added to a temporary folder of links to the BBC corpus (../shared/news/bbc)
// through the same ArticleDesk `npm run add`, the REPL and Discord use.
//
// Links: hard links where the file system allows (no copy of the corpus is made), else a copy in the temp folder;
// never in the repository. The loader skips symbolic links that point outside the articles folder (readFiles.ts),
// so symbolic links would load nothing.
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ArticleDesk } from '../../src/corpus/ingest/desk.js'
import { decodePage } from '../../src/corpus/ingest/decodePage.js'
import { extractArticle } from '../../src/corpus/ingest/extractHtml.js'
import { fetchPage } from '../../src/corpus/ingest/fetchPage.js'
import { Engine } from '../../src/engine.js'
import type { ReloadReport } from '../../src/engine.js'

/** Articles taken from the Reuters corpus as the pages to add. */
const PAGES = 8
/** The issue's target: answerable within this long of the command. */
const TARGET_MS = 2000

interface PageRow {
  page: string
  kb: number
  fetchMs: number
  extractMs: number
  reloadMs: number
  totalMs: number
  paragraphs: number
  cited: boolean
}

export async function runAddBench(options: { json: boolean; newsDir: string; log: (line: string) => void }): Promise<number> {
  const { log } = options
  const reutersDir = resolve(options.newsDir, '../reuters')
  const root = mkdtempSync(join(tmpdir(), 'newsdesk-add-bench-'))
  const server = createServer()
  try {
    const seedsDir = join(root, 'news')
    const how = linkCorpus(options.newsDir, seedsDir)
    const pages = reutersPages(reutersDir, PAGES)
    server.on('request', (req, res) => {
      const html = pages.get(req.url ?? '')?.html
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html ?? 'not found')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    log(`bench --add: opening ${options.newsDir} (${how}) with a saved index…`)
    const t0 = performance.now()
    const engine = await Engine.open({ seedsDir, indexDir: join(root, 'index'), prepare: true })
    const openMs = performance.now() - t0
    engine.ask('warm up the answering models')
    let lastReload: ReloadReport | null = null
    const desk = new ArticleDesk({
      seedsDir,
      library: engine,
      reload: async () => (lastReload = await engine.reload()),
      fetch: { trusted: ['127.0.0.1'] },
    })

    const rows: PageRow[] = []
    for (const [path, page] of pages) {
      const url = `${origin}${path}`
      // The parts alone, for the breakdown; then the whole add, timed from the command to an answer citing it.
      const f0 = performance.now()
      const fetched = await fetchPage(url, { trusted: ['127.0.0.1'] })
      const f1 = performance.now()
      extractArticle(decodePage(fetched.bytes, fetched.kind, fetched.charset), fetched.url)
      const f2 = performance.now()
      const started = performance.now()
      const result = await desk.add(url)
      const answer = engine.ask(page.question)
      const totalMs = performance.now() - started
      if (!result.added) throw new Error(`bench --add: ${path} was not added (duplicate of ${result.duplicate})`)
      rows.push({
        page: page.title.slice(0, 40),
        kb: fetched.bytes.length / 1024,
        fetchMs: f1 - f0,
        extractMs: f2 - f1,
        reloadMs: (lastReload as ReloadReport | null)?.ms ?? NaN,
        totalMs,
        paragraphs: result.paragraphs,
        cited: answer.citations.some((c) => c.chunk.file === result.file),
      })
      log(`  ${path}: ${Math.round(totalMs)} ms`)
    }
    await engine.settled()
    const report = { corpus: options.newsDir, articles: engine.articles.length - rows.length, openMs, how, targetMs: TARGET_MS, pages: rows }
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : render(report))
    return rows.every((r) => r.cited) ? 0 : 1
  } finally {
    server.close()
    rmSync(root, { recursive: true, force: true })
  }
}

/** `dest` with every article of `src` in it, as hard links (no copy) or, across file systems, copies. */
function linkCorpus(src: string, dest: string): string {
  let linked = 0
  let copied = 0
  const walk = (from: string, to: string): void => {
    mkdirSync(to, { recursive: true })
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(from, entry.name), join(to, entry.name))
      else if (entry.isFile()) {
        try {
          linkSync(join(from, entry.name), join(to, entry.name))
          linked++
        } catch {
          copyFileSync(join(from, entry.name), join(to, entry.name))
          copied++
        }
      }
    }
  }
  walk(src, dest)
  return copied === 0 ? `${linked} hard links` : `${linked} hard links, ${copied} copies in a temp folder`
}

/** Reuters articles with a title and at least four prose paragraphs, as HTML pages with Open Graph metadata and page furniture. */
function reutersPages(dir: string, count: number): Map<string, { title: string; html: string; question: string }> {
  const pages = new Map<string, { title: string; html: string; question: string }>()
  // The wire repeated some stories word for word: the desk would rightly call the second a duplicate.
  const seen = new Set<string>()
  for (const name of readdirSync(dir).sort()) {
    if (pages.size === count) break
    const path = join(dir, name)
    if (!statSync(path).isFile()) continue
    const text = readFileSync(path, 'utf8')
    const title = /^title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1]
    const date = /^date:\s*(\S+)/m.exec(text)?.[1] ?? ''
    const body = text.replace(/^---[\s\S]*?\n---\n/, '').trim().split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim())
    // Prose, not the price tables the wire also carried: those are refused as "no readable article", rightly.
    const prose = body.filter((p) => p.split(' ').length >= 15 && /[.]$/.test(p))
    if (!title || prose.length < 4 || seen.has(body.join('\n'))) continue
    seen.add(body.join('\n'))
    const first = body[0]!.split(/[.,;]/)[0]!
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)} | Reuters</title>` +
      `<meta property="og:title" content="${esc(title)}"><meta property="og:site_name" content="Reuters">` +
      `<meta property="article:published_time" content="${date}T12:00:00Z"><link rel="canonical" href="https://www.reuters.example/article/${name}">` +
      `</head><body><header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/world">World</a></nav></header>` +
      `<main><article><h1>${esc(title)}</h1>${body.map((p) => `<p>${esc(p)}</p>`).join('')}</article></main>` +
      `<footer><p>All quotes delayed a minimum of 15 minutes.</p></footer></body></html>`
    pages.set(`/${name.replace(/\.txt$/, '')}`, { title, html, question: `What happened: ${first}?` })
  }
  return pages
}

function render(report: { corpus: string; articles: number; openMs: number; how: string; pages: PageRow[] }): string {
  const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '–')
  const lines = [
    `## Adding an article (npm run bench -- --add)`,
    '',
    `Corpus: ${report.corpus}, ${report.articles} articles (${report.how}); engine opened in ${ms(report.openMs)} ms.`,
    `Each page is a Reuters article served as HTML on 127.0.0.1. "Until answerable": from the add command to an answer`,
    `citing the new article (fetch, extract, duplicate check, atomic write, index update, one question). Target ${TARGET_MS} ms.`,
    '',
    '| page | KB | fetch ms | extract ms | index ms | until answerable ms | paragraphs | cited |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.pages.map((r) => `| ${r.page.replace(/\|/g, '/')} | ${r.kb.toFixed(1)} | ${ms(r.fetchMs)} | ${ms(r.extractMs)} | ${ms(r.reloadMs)} | ${ms(r.totalMs)} | ${r.paragraphs} | ${r.cited ? 'yes' : 'NO'} |`),
  ]
  const totals = report.pages.map((r) => r.totalMs).sort((a, b) => a - b)
  const median = totals[Math.floor(totals.length / 2)] ?? NaN
  lines.push('', `Median until answerable: ${ms(median)} ms; slowest ${ms(totals.at(-1) ?? NaN)} ms (target ${TARGET_MS} ms: ${(totals.at(-1) ?? Infinity) <= TARGET_MS ? 'met' : 'NOT met'}).`, '')
  return lines.join('\n')
}
