// Live articles in the REPL, as a user runs it (a child process): files added while it runs are answered from,
// `:reload` says what changed, and a process killed in the middle of an update starts cleanly afterwards.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HAN_ZHENG_FILE, makeWorkspace, run, start } from './support.js'
import type { Workspace } from './support.js'

let ws: Workspace
beforeEach(() => {
  ws = makeWorkspace()
})
afterEach(() => ws.remove())

const BRIDGE = 'Who designed the Quillon Bridge?'
const bridge = (designer: string) => `The Quillon Bridge was designed by ${designer} and opened in 1911.\n`

/** Polls `check` until it holds: "answered within" waits, generous on a busy machine. */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('not seen in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The REPL started with stdin left open, and what it has printed so far. */
function startRepl(env: Record<string, string>) {
  const child = start('main', [], { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, ...env })
  const seen = { stdout: '', stderr: '' }
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (seen.stdout += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (seen.stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, seen, exited }
}

describe('the REPL with WATCH_SEEDS on (the default)', () => {
  it('answers from a file added while it runs, logs the reload on stderr only, and exits at the end of input', async () => {
    const repl = startRepl({})
    await until(() => repl.seen.stderr.includes('watching the articles folder for changes'))
    writeFileSync(join(ws.seedsDir, 'bridge.txt'), bridge('Ottoline Farthingale'))
    // Ask until the answer comes: each line is answered in turn, from the articles loaded at that moment.
    const deadline = Date.now() + 10_000
    while (!repl.seen.stdout.includes('Ottoline Farthingale') && Date.now() < deadline) {
      const printed = repl.seen.stdout.length
      repl.child.stdin!.write(`${BRIDGE}\n`)
      await until(() => repl.seen.stdout.length > printed)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(repl.seen.stdout).toContain('Ottoline Farthingale')
    repl.child.stdin!.end()
    expect(await repl.exited).toBe(0)
    expect(repl.seen.stdout).not.toContain('"level"')
    const reload = repl.seen.stderr.split('\n').find((line) => line.includes('"module":"live"') && line.includes('"msg":"articles reloaded"'))
    expect(JSON.parse(reload!)).toMatchObject({ trigger: 'watch', added: 1, changed: 0, removed: 0 })
  })
})

describe(':reload in the piped REPL', () => {
  it('says what was added, changed, removed and skipped, and the next question sees it', async () => {
    const repl = startRepl({ WATCH_SEEDS: 'false' })
    repl.child.stdin!.write(`${BRIDGE}\n`)
    await until(() => repl.seen.stdout.includes("The articles don't cover that."))
    writeFileSync(join(ws.seedsDir, 'bridge.txt'), bridge('Ottoline Farthingale'))
    appendFileSync(join(ws.seedsDir, HAN_ZHENG_FILE), '\nA closing paragraph added later.\n')
    rmSync(join(ws.seedsDir, '002_699b818289046363.txt'))
    writeFileSync(join(ws.seedsDir, 'notes.pdf'), '%PDF')
    repl.child.stdin!.end(`:reload\n${BRIDGE}\n`)
    expect(await repl.exited).toBe(0)
    const replies = repl.seen.stdout.split('\n\n')
    const summary = replies.findIndex((r) => r.startsWith('Reloaded in '))
    expect(replies[summary]).toMatch(/^Reloaded in \d+ ms: 1 added, 1 changed, 1 removed, 1 skipped\. Now 3 articles, \d+ paragraphs\.\n/)
    expect(replies[summary]).toContain(
      [
        'Added:',
        '  seeds/bridge.txt',
        'Changed:',
        `  seeds/${HAN_ZHENG_FILE}`,
        'Removed:',
        '  seeds/002_699b818289046363.txt',
        'Skipped:',
        '  seeds/notes.pdf: not a .txt or .md file',
      ].join('\n'),
    )
    // In order: the question after :reload is answered from what it loaded.
    expect(replies.slice(summary + 1).join('\n\n')).toContain('Ottoline Farthingale')
  })

  it('says when nothing changed', async () => {
    const result = await run('main', [], { input: ':reload\n', env: { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, WATCH_SEEDS: 'false' } })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^No changes \(checked in \d+ ms\): 3 articles, \d+ paragraphs, 0 skipped\.\n$/)
  })
})

describe('a REPL killed in the middle of an update', () => {
  it('starts again cleanly: the index in INDEX_DIR is loaded or rebuilt, and answers are current', async () => {
    // Enough articles that a reload and its index write take a moment to be killed in.
    for (let n = 0; n < 300; n++) writeFileSync(join(ws.seedsDir, `filler-${n}.txt`), filler(n))
    const designers = ['Ada Quillfeather', 'Bertram Oakhollow', 'Cecily Marchbank', 'Eudora Pinchbeck']
    // After the reload starts: while it reads (about 50–100 ms here), then while the index is written (100–400 ms).
    const delays = [0, 40, 150, 300]
    for (const [round, designer] of designers.entries()) {
      const repl = startRepl({ LOG_LEVEL: 'debug' })
      await until(() => repl.seen.stderr.includes('watching the articles folder for changes'), 20_000)
      const before = repl.seen.stderr.length
      writeFileSync(join(ws.seedsDir, 'bridge.txt'), bridge(designer))
      await until(() => repl.seen.stderr.slice(before).includes('reloading the articles'))
      await new Promise((resolve) => setTimeout(resolve, delays[round]))
      repl.child.kill('SIGKILL')
      await repl.exited
    }
    const input = `${BRIDGE}\n:sources\n`
    const env = { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir, WATCH_SEEDS: 'false' }
    const again = await run('main', [], { input, env })
    expect(again.code).toBe(0)
    expect(again.stderr).not.toMatch(/Could not load|Unexpected error|\n\s+at /)
    expect(again.stdout).toContain('Eudora Pinchbeck')
    for (const old of designers.slice(0, -1)) expect(again.stdout).not.toContain(old)
    expect(again.stdout).toMatch(/Index (loaded|updated|built) in \d+ ms\./)
    // The start after it finds the index that one left, current: loaded as it is.
    const third = await run('main', [], { input, env })
    expect(third.code).toBe(0)
    expect(third.stdout).toContain('Eudora Pinchbeck')
    expect(third.stdout).toMatch(/Index loaded in \d+ ms\./)
  }, 120_000)
})

const WORDS = ['harbour', 'council', 'market', 'railway', 'festival', 'museum', 'orchard', 'library', 'factory', 'school']
function filler(n: number): string {
  const paragraphs = [0, 1, 2, 3].map(
    (p) =>
      `Filler story ${n} paragraph ${p}: the ${WORDS[(n + p) % 10]} near the ${WORDS[(n * 3 + p) % 10]} reported ` +
      `${n * 7 + p} visitors this season, and the ${WORDS[(n + 2 * p) % 10]} committee met on day ${p + 1}.`,
  )
  return `Filler headline ${n}\n\n${paragraphs.join('\n\n')}\n`
}
