// The REPL's :add, :articles and :remove, piped into the real `npm start` against a loopback news site.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OG_ARTICLE, startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'
import { makeWorkspace, run } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
let site: NewsSite
beforeAll(async () => {
  ws = makeWorkspace()
  site = await startNewsSite()
})
afterAll(async () => {
  await site?.close()
  ws?.remove()
})

const FILE = OG_ARTICLE.file
const QUESTION = 'Which engineer designed the footbridge?'

describe('REPL :add, :articles, :remove', () => {
  it('adds a page by link, answers from it, lists it, removes it and stops answering from it', async () => {
    const lines = [`:add ${site.origin}/og`, QUESTION, ':articles', `:add ${site.origin}/no-article`, `:remove ${FILE}`, QUESTION, ':remove seeds/nothing.txt', ':add']
    const env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, ALLOW_PRIVATE_URLS: 'true', WATCH_SEEDS: 'false' }
    const result = await run('main', [], { input: `${lines.join('\n')}\n`, env })
    expect(result.code).toBe(0)
    const out = result.stdout
    const at = (text: string, from = 0) => {
      const i = out.indexOf(text, from)
      expect(i, `"${text}" in the output`).toBeGreaterThanOrEqual(0)
      return i
    }
    let i = at(`Added "Marrowby footbridge opens early" — Quell Valley News · 2026-11-14 · 6 paragraphs\n  ${FILE} · https://news.example/2026/11/marrowby-footbridge\n  "The new Marrowby footbridge`)
    i = at('Ilse Tangwood', i)
    i = at('https://news.example/2026/11/marrowby-footbridge', i)
    i = at(FILE, i)
    i = at('Could not add it: no readable article on that page', i)
    i = at(`Removed ${FILE} ("Marrowby footbridge opens early"): no longer answered from. The file was moved to seeds/.removed/, not deleted.`, i)
    const after = out.slice(i)
    expect(after).not.toContain('Tangwood')
    i = at(`Could not remove it: no article "seeds/nothing.txt" is loaded`, i)
    at('Usage: :add URL or :add FILE', i)
    expect(existsSync(join(ws.dir, FILE))).toBe(false)
    expect(readdirSync(join(ws.seedsDir, '.removed'))).toHaveLength(1)
  })
})
