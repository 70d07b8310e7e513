// A news site on 127.0.0.1 for the ingestion tests: pages written here, one for each kind of metadata a real
// outlet uses, and the misbehaving servers a shared link can lead to (redirect chains, a redirect to a private
// address, a slow server, an oversized body, a binary file, a page without an article).
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The article's paragraphs: made-up news, so answers can only come from here. */
export const BRIDGE_PARAGRAPHS = [
  'The new Marrowby footbridge over the river Quell opened to walkers and cyclists on Saturday morning, three months ahead of schedule.',
  'The bridge was designed by the engineer Ilse Tangwood, whose practice won an open competition in 2022 with a single curved steel arch.',
  'The council said the crossing cost 14 million pounds, most of it paid by a regional transport fund, and that it expects four thousand crossings a day.',
  'Local traders welcomed the opening. "People used to walk twenty minutes round to the old road bridge," said one café owner on the north bank.',
  'A second phase, adding a cycle link to the railway station, is due to start next spring if the council approves the plans in January.',
]

/** What adding /og reports (the file's hash is of the canonical URL, so its name is known in advance). */
export const OG_ARTICLE = {
  added: true,
  file: `seeds/marrowby-footbridge-opens-early_${createHash('sha256').update('https://news.example/2026/11/marrowby-footbridge').digest('hex').slice(0, 8)}.txt`,
  title: 'Marrowby footbridge opens early',
  date: '2026-11-14',
  outlet: 'Quell Valley News',
  url: 'https://news.example/2026/11/marrowby-footbridge',
  paragraphs: 6,
} as const

const NAV = `<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>`
const FOOTER = `<footer><p>© Quell Valley News. All rights reserved.</p><ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul></footer>`
const BODY = `<article><h1>Marrowby footbridge opens early</h1>${BRIDGE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}<h2>What comes next</h2><p>Work on the station link will close the towpath for six weeks, the council said in a statement on Friday evening.</p></article>`

function page(head: string, body = BODY): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${NAV}<main>${body}</main><aside><h3>Most read</h3><ul><li><a href="/a">Something else happened</a></li></ul></aside>${FOOTER}</body></html>`
}

export const PAGES: Record<string, string> = {
  // Open Graph and article meta tags, with a canonical link.
  '/og': page(
    `<title>Marrowby footbridge opens early | Quell Valley News</title>
     <meta property="og:title" content="Marrowby footbridge opens early">
     <meta property="og:site_name" content="Quell Valley News">
     <meta property="article:published_time" content="2026-11-14T09:30:00Z">
     <link rel="canonical" href="https://news.example/2026/11/marrowby-footbridge">`,
  ),
  // JSON-LD only (inside @graph, as many sites write it).
  '/jsonld': page(
    `<title>Bridge opens - QVN</title>
     <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"QVN"},
     {"@type":"NewsArticle","headline":"Footbridge over the Quell opens","datePublished":"2026-11-15T08:00:00+00:00",
      "publisher":{"@type":"Organization","name":"The Quell Courier"},"url":"https://courier.example/quell-footbridge"}]}</script>`,
  ),
  // Only a <time datetime> and the page title.
  '/time': page(`<title>Marrowby footbridge opens early</title>`, BODY.replace('<h1>', '<p class="meta">Published <time datetime="2026-11-16">16 November</time></p><h1>')),
  '/no-article': page(
    '<title>Sign in</title>',
    `<form><label>Email <input name="email"></label><label>Password <input type="password" name="p"></label><button>Sign in</button></form><ul><li><a href="/a">Latest</a></li><li><a href="/b">Popular</a></li></ul>`,
  ),
}

export interface NewsSite {
  origin: string
  port: number
  close(): Promise<void>
}

/** Starts the site on an ephemeral loopback port. */
export async function startNewsSite(): Promise<NewsSite> {
  let origin = ''
  const server: Server = createServer((req, res) => serve(req, res, origin))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  return {
    origin,
    port,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function serve(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const url = new URL(req.url ?? '/', origin)
  const path = url.pathname
  const html = PAGES[path]
  if (html !== undefined) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
    return
  }
  const hop = /^\/redirect\/(\d+)$/.exec(path)
  if (hop) {
    // /redirect/N → … → /redirect/0 → /og: N+1 redirects.
    const n = Number(hop[1])
    res.writeHead(n === 0 ? 301 : 302, { location: n === 0 ? '/og' : `/redirect/${n - 1}` })
    res.end()
    return
  }
  switch (path) {
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
      return void res.end()
    case '/to-mapped':
      res.writeHead(302, { location: 'http://[::ffff:10.0.0.1]/' })
      return void res.end()
    case '/to-loopback':
      // Another loopback address: the same machine, whatever the first hop was allowed.
      res.writeHead(302, { location: `http://127.0.0.2:${url.port}/og` })
      return void res.end()
    case '/plain':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end(`Marrowby footbridge opens early\n\n${BRIDGE_PARAGRAPHS.join('\n\n')}\n`)
    case '/slow':
      // Headers, a first part, then nothing: the fetch must give up on its own clock.
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<!doctype html><html><body><p>Loading')
      return
    case '/big':
      res.writeHead(200, { 'content-type': 'text/html' })
      res.write('<!doctype html><html><body>')
      for (let i = 0; i < 6 * 1024; i++) res.write(`<p>${'x'.repeat(1020)}</p>`)
      return void res.end('</body></html>')
    case '/big-declared':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) })
      return void res.end()
    case '/image.png':
      res.writeHead(200, { 'content-type': 'image/png' })
      return void res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    case '/latin1':
      // An older site: ISO-8859-1 (the "é" of "café" is one byte), said in the header.
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
      return void res.end(Buffer.from(PAGES['/og']!, 'latin1'))
    case '/binary-latin1':
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' })
      return void res.end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 32)))
    case '/binary-as-text':
      res.writeHead(200, { 'content-type': 'text/plain' })
      return void res.end(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
    default:
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
  }
}
