// `npm run add`: the --json contract, run as real child processes against a loopback news site; then
// `npm run ask` answers from the added article.
import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OG_ARTICLE, startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'
import { makeWorkspace, run } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
let site: NewsSite
let env: Record<string, string>
beforeAll(async () => {
  ws = makeWorkspace()
  site = await startNewsSite()
  // The news site is on loopback: allowed here as on an intranet (a test below checks the refusal without it).
  env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, ALLOW_PRIVATE_URLS: 'true' }
})
afterAll(async () => {
  await site?.close()
  ws?.remove()
})

describe('npm run add -- --json', () => {
  it('prints exactly the documented object for an added article, and ask answers from it with its URL', async () => {
    const result = await run('add', ['--json', `${site.origin}/og`], { env })
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines).toHaveLength(2)
    const added = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(Object.keys(added)).toEqual(['added', 'file', 'title', 'date', 'outlet', 'url', 'paragraphs'])
    expect(added).toEqual(OG_ARTICLE)
    const asked = await run('ask', ['--json', 'Which engineer designed the footbridge?'], { env })
    const answer = JSON.parse(asked.stdout) as { answer: string; citations: { file: string }[] }
    expect(answer.answer).toContain('Ilse Tangwood')
    expect(answer.citations[0]!.file).toBe(added.file)
    const text = await run('ask', ['Which engineer designed the footbridge?'], { env })
    expect(text.stdout).toContain('https://news.example/2026/11/marrowby-footbridge')
  })

  it('names the article already there, with exit code 0', async () => {
    const result = await run('add', ['--json', `${site.origin}/jsonld`], { env })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ added: false, duplicate: OG_ARTICLE.file })
  })

  it('says what was refused and why, with a non-zero exit, and writes nothing', async () => {
    const before = readdirSync(ws.seedsDir)
    const noArticle = await run('add', ['--json', `${site.origin}/no-article`], { env })
    expect(noArticle.code).toBe(1)
    expect(JSON.parse(noArticle.stdout)).toEqual({ added: false, error: expect.stringContaining('no readable article on that page') })
    const loopback = await run('add', ['--json', `${site.origin}/og`], { env: { ...env, ALLOW_PRIVATE_URLS: 'false' } })
    expect(loopback.code).toBe(1)
    expect(JSON.parse(loopback.stdout)).toEqual({ added: false, error: expect.stringContaining('127.0.0.1 is a loopback address') })
    const none = await run('add', ['--json'], { env })
    expect(none.code).toBe(2)
    expect(JSON.parse(none.stdout)).toEqual({ added: false, error: expect.stringContaining('give exactly one link or file') })
    expect(readdirSync(ws.seedsDir)).toEqual(before)
    // Three processes one after another, each starting Node and the TypeScript: on a loaded machine, over 30 s.
  }, 90_000)

  it('without --json, says in words what was added', async () => {
    const result = await run('add', [`${site.origin}/plain`], { env })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Added "Marrowby footbridge opens early" — 5 paragraphs\n {2}seeds\/marrowby-footbridge-opens-early_[0-9a-f]{8}\.txt · http:\/\/127\.0\.0\.1:\d+\/plain\n {2}"The new Marrowby/)
  })
})
