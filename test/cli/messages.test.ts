// What the user reads in the edge cases: no articles, one article of one paragraph, the length limit, long questions.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_QUESTION_LENGTH } from '../../src/answer/question/question.js'
import { Engine } from '../../src/engine.js'
import { run } from './support.js'
import { makeWorkspace } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
beforeAll(() => {
  ws = makeWorkspace()
})
afterAll(() => ws.remove())

describe('an empty articles folder', () => {
  it('is named at start and in the first answer', async () => {
    const empty = join(ws.dir, 'empty')
    mkdirSync(empty)
    const result = await run('main', [], { input: 'who did Xi send?\n', env: { SEEDS_DIR: empty, INDEX_DIR: join(ws.dir, 'empty-index'), LOG_LEVEL: 'warn' } })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`No articles in SEEDS_DIR=${empty}: add .txt or .md articles there.`)
    expect(result.stdout).toBe('No articles are loaded, so there is nothing to answer from: add .txt or .md articles to the articles folder (SEEDS_DIR).\n')
  })

  it('declines with its own reason, while a folder with articles says "not found"', () => {
    expect(Engine.fromTexts([]).ask('who did Xi send?').declineReason).toBe('no_articles')
    const one = Engine.fromTexts([{ file: 'a.txt', text: 'Reuters\n\nThe summit on lunar mining ended without a deal on Friday.\n' }])
    expect(one.ask('who won the zeppelin race?').declineReason).not.toBe('no_articles')
  })
})

describe('counts', () => {
  it('say "1 article, 1 paragraph"', async () => {
    const single = join(ws.dir, 'single')
    mkdirSync(single)
    writeFileSync(join(single, 'a.txt'), 'Reuters\n\nThe summit on lunar mining ended without a deal on Friday, the delegates said.\n')
    const indexed = await run('buildIndex', ['--seeds', single, '--index', join(ws.dir, 'single-index')])
    expect(indexed.stdout).toMatch(/^Indexed 1 article, 1 paragraph from /)
    const sources = await run('main', [], { input: ':sources\n', env: { SEEDS_DIR: single, INDEX_DIR: join(ws.dir, 'single-index') } })
    expect(sources.stdout).toMatch(/^1 article, 1 paragraph:\n/)
  })
})

describe('the length limit', () => {
  const engine = Engine.fromTexts([{ file: 'a.txt', text: 'Reuters\n\nThe summit on lunar mining ended without a deal on Friday.\n' }])
  const question = (length: number) => `what did the summit ${'x'.repeat(length - 'what did the summit ?'.length)}?`

  it('accepts exactly the number of characters the message names, and no more', async () => {
    expect(question(MAX_QUESTION_LENGTH)).toHaveLength(MAX_QUESTION_LENGTH)
    expect(engine.ask(question(MAX_QUESTION_LENGTH)).declineReason).not.toBe('too_long')
    expect(engine.ask(question(MAX_QUESTION_LENGTH + 1)).declineReason).toBe('too_long')
    const result = await run('ask', [question(MAX_QUESTION_LENGTH + 1)], { env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir } })
    expect(result.stdout).toContain(`keep it to ${MAX_QUESTION_LENGTH} characters or fewer`)
  })

  it('does not echo an over-long question whole', async () => {
    const long = `who ${'very '.repeat(2000)}long?`
    const result = await run('ask', [], { input: `${long}\n`, env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir } })
    const echo = result.stdout.split('\n')[0]!
    expect(echo).toMatch(/^› who very very .*… \(10009 characters\)$/)
    expect(echo.length).toBeLessThan(160)
  })
})
