// Adding articles by link or file, listing and removing them: real pages from a loopback server, real files in a
// temporary articles folder, the real engine answering from what was added.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ArticleDesk } from '../../src/corpus/ingest/desk.js'
import { extractArticle } from '../../src/corpus/ingest/extractHtml.js'
import { Engine } from '../../src/engine.js'
import { BRIDGE_PARAGRAPHS, OG_ARTICLE, PAGES, startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'
import { tempSeeds } from '../support/tempSeeds.js'

const QUESTION = 'Which engineer designed the footbridge?'

let site: NewsSite
let seeds: Awaited<ReturnType<typeof tempSeeds>>
let engine: Engine
let desk: ArticleDesk
beforeAll(async () => {
  site = await startNewsSite()
  seeds = await tempSeeds()
  engine = await Engine.open({ seedsDir: seeds.seedsDir, indexDir: null })
  desk = new ArticleDesk({ seedsDir: seeds.seedsDir, library: engine, reload: () => engine.reload(), fetch: { trusted: ['127.0.0.1'] } })
})
afterAll(async () => {
  await site?.close()
  await seeds?.cleanup()
})

const listing = () => readdir(seeds.seedsDir)

describe('extraction', () => {
  it('reads Open Graph and article meta tags and the canonical link', () => {
    const a = extractArticle(PAGES['/og']!, 'http://127.0.0.1/og')
    expect(a).toMatchObject({ title: 'Marrowby footbridge opens early', source: 'Quell Valley News', date: '2026-11-14', url: 'https://news.example/2026/11/marrowby-footbridge' })
  })

  it('reads JSON-LD (headline, datePublished, publisher, url) inside @graph', () => {
    const a = extractArticle(PAGES['/jsonld']!, 'http://127.0.0.1/jsonld')
    expect(a).toMatchObject({ title: 'Footbridge over the Quell opens', source: 'The Quell Courier', date: '2026-11-15', url: 'https://courier.example/quell-footbridge' })
  })

  it('reads <time datetime> and falls back to the page title; an outlet nobody names stays unknown', () => {
    const a = extractArticle(PAGES['/time']!, 'http://127.0.0.1/time')
    expect(a).toMatchObject({ title: 'Marrowby footbridge opens early', source: null, date: '2026-11-16', url: null })
  })

  it('keeps the article and its section heading, and leaves navigation, sidebars and the footer out', () => {
    const { blocks } = extractArticle(PAGES['/og']!, 'http://127.0.0.1/og')
    expect(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text).slice(0, 5)).toEqual(BRIDGE_PARAGRAPHS)
    expect(blocks).toContainEqual({ kind: 'heading', text: 'What comes next' })
    const all = blocks.map((b) => b.text).join('\n')
    for (const furniture of ['Sport', 'Most read', 'All rights reserved', 'Cookies']) expect(all).not.toContain(furniture)
  })

  it('says so when a page has no readable article', () => {
    expect(() => extractArticle(PAGES['/no-article']!, 'http://127.0.0.1/no-article')).toThrow('no readable article on that page')
  })
})

describe('ArticleDesk', () => {
  it('adds a page by link: stored with front matter, named by slug and hash, and answered from at once', async () => {
    expect(engine.ask(QUESTION).answer ?? '').not.toContain('Tangwood')
    const result = await desk.add(`${site.origin}/og`)
    expect(result).toEqual({ ...OG_ARTICLE, firstParagraph: BRIDGE_PARAGRAPHS[0] })
    if (!result.added) throw new Error('not added')
    const text = await readFile(join(seeds.root, result.file), 'utf8')
    expect(text.startsWith('---\ntitle: Marrowby footbridge opens early\nsource: Quell Valley News\ndate: 2026-11-14\nurl: https://news.example/2026/11/marrowby-footbridge\n---\n\n')).toBe(true)
    expect(text).toContain('\n\n## What comes next\n\n')
    // No temporary file is left behind.
    expect((await listing()).filter((name) => name.startsWith('.'))).toEqual([])

    const answer = engine.ask(QUESTION)
    expect(answer.answer).toContain('Ilse Tangwood')
    expect(answer.citations[0]!.chunk.url).toBe('https://news.example/2026/11/marrowby-footbridge')
  })

  it('does not add the same canonical URL twice, nor the same text from another page', async () => {
    const before = await listing()
    const first = desk.list().find((a) => a.url === 'https://news.example/2026/11/marrowby-footbridge')!
    // The same article through a redirect chain: same canonical URL.
    expect(await desk.add(`${site.origin}/redirect/2`)).toEqual({ added: false, duplicate: first.file, title: first.title })
    // Another outlet's page with the same paragraphs.
    expect(await desk.add(`${site.origin}/jsonld`)).toEqual({ added: false, duplicate: first.file, title: first.title })
    // Asked for by its canonical link: known before anything is fetched.
    expect(await desk.add('https://news.example/2026/11/marrowby-footbridge#comments')).toMatchObject({ added: false, duplicate: first.file })
    expect(await listing()).toEqual(before)
  })

  it('refuses, and writes nothing, for a page without an article, a binary body or a private redirect', async () => {
    const before = await listing()
    await expect(desk.add(`${site.origin}/no-article`)).rejects.toThrow('no readable article on that page')
    await expect(desk.add(`${site.origin}/binary-as-text`)).rejects.toThrow(/^not a text or HTML file/)
    await expect(desk.add(`${site.origin}/binary-latin1`)).rejects.toThrow('not a text or HTML file (mostly control characters as iso-8859-1)')
    await expect(desk.add(`${site.origin}/to-metadata`)).rejects.toThrow('169.254.169.254 is a link-local address')
    expect(await listing()).toEqual(before)
  })

  it('adds plain text by link, with front matter that records the link', async () => {
    const result = await desk.add(`${site.origin}/plain`.replace('/plain', '/plain?edition=2'))
    expect(result).toMatchObject({ added: true, title: 'Marrowby footbridge opens early', outlet: null, url: `${site.origin}/plain?edition=2`, paragraphs: 5 })
    if (!result.added) throw new Error('not added')
    const text = await readFile(join(seeds.root, result.file), 'utf8')
    expect(text).toMatch(/^---\n(?:.*\n)*url: .*\/plain\?edition=2"?\n---\n\nMarrowby footbridge opens early\n\nThe new Marrowby/)
  })

  it('adds local Markdown as written, and refuses other kinds of file', async () => {
    const md = join(seeds.root, 'harbour.md')
    await writeFile(md, '---\ntitle: Harbour wall repaired\nsource: Coast Weekly\ndate: 2026-10-02\n---\n\nThe harbour wall at Penwick was repaired by the stonemason Aldous Brightwater after the October storms broke it in two places.\n')
    const result = await desk.add(md)
    expect(result).toMatchObject({ added: true, title: 'Harbour wall repaired', outlet: 'Coast Weekly', date: '2026-10-02', url: null, paragraphs: 1 })
    if (!result.added) throw new Error('not added')
    expect(result.file).toMatch(/^seeds\/harbour-wall-repaired_[0-9a-f]{8}\.md$/)
    expect(await readFile(join(seeds.root, result.file), 'utf8')).toBe(await readFile(md, 'utf8'))
    await writeFile(join(seeds.root, 'scan.pdf'), 'not text')
    await expect(desk.add(join(seeds.root, 'scan.pdf'))).rejects.toThrow('scan.pdf: only .html, .htm, .txt and .md files can be added')
    await expect(desk.add(join(seeds.root, 'missing.txt'))).rejects.toThrow(/cannot read .*missing\.txt: ENOENT/)
  })

  it('removes an article by moving its file aside: no longer answered from, nothing deleted', async () => {
    const article = desk.list().find((a) => a.title === 'Marrowby footbridge opens early' && a.source === 'Quell Valley News')!
    const text = await readFile(join(seeds.root, article.file), 'utf8')
    const removed = await desk.remove(article.file)
    expect(removed.file).toBe(article.file)
    expect(desk.list().map((a) => a.file)).not.toContain(article.file)
    expect(engine.ask(QUESTION).citations.map((c) => c.chunk.url)).not.toContain(article.url)
    const kept = await readdir(join(seeds.seedsDir, '.removed'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(seeds.seedsDir, '.removed', kept[0]!), 'utf8')).toBe(text)
    await expect(desk.remove(article.file)).rejects.toThrow(`no article "${article.file}" is loaded`)
  })
})
