// The real entry of `npm start`, `npm run ask` and `npm run index`: src/cli/launch.mjs, which runs the compiled
// JavaScript (compiling it first when src/ changed). Under a pseudo-terminal (util-linux `script`) where it matters:
// what a user at a terminal sees never holds a stack trace or a log line printed over the prompt.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv, finish, makeWorkspace, ROOT } from './support.js'
import type { RunResult, Workspace } from './support.js'

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0
const STACK = /\n\s+at |"stack"|"level"/

let ws: Workspace
beforeAll(() => {
  ws = makeWorkspace()
  // Compiles dist/ once if src/ changed, so that the runs below time nothing but themselves.
  const build = spawnSync(process.execPath, ['src/cli/launch.mjs', '--build'], { cwd: ROOT, encoding: 'utf8' })
  expect(build.status, build.stderr).toBe(0)
}, 300_000)
afterAll(() => ws.remove())

/** `node src/cli/launch.mjs <command> …`, as the npm scripts run it, with pipes. */
function launch(command: string, args: readonly string[], env: Record<string, string>, input = ''): Promise<RunResult> {
  const child = spawn(process.execPath, ['src/cli/launch.mjs', command, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] })
  return finish(child, input)
}

/** The same under a pseudo-terminal: stdin, stdout and stderr are a terminal, as for a user typing `npm start`. */
function launchInTerminal(command: string, env: Record<string, string>) {
  const child = spawn('script', ['-qec', `node src/cli/launch.mjs ${command}`, '/dev/null'], { cwd: ROOT, env: childEnv({ TERM: 'xterm', ...env }), stdio: ['pipe', 'pipe', 'pipe'] })
  let screen = ''
  let closed = false
  child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  void exited.then(() => (closed = true))
  /** Resolves once the screen shows `pattern`; fails, with the screen, if the process ends first. */
  const shows = async (pattern: RegExp) => {
    while (!pattern.test(screen)) {
      if (closed) throw new Error(`the process ended before showing ${pattern}:\n${JSON.stringify(screen)}`)
      await Promise.race([new Promise((resolve) => child.stdout.once('data', resolve)), exited])
    }
  }
  return { child, exited, shows, screen: () => screen }
}

describe.skipIf(!HAS_SCRIPT)('npm start at a terminal', () => {
  it('says in one line that SEEDS_DIR is missing, with no stack trace', async () => {
    const missing = join(ws.dir, 'no-such-folder')
    const run = launchInTerminal('main', { SEEDS_DIR: missing, INDEX_DIR: ws.indexDir })
    run.child.stdin.end()
    expect(await run.exited).toBe(1)
    const lines = run.screen().split(/\r?\n/).filter((l) => l.trim() !== '')
    expect(lines.at(-1)).toBe(`Cannot read the articles folder SEEDS_DIR=${missing}: no such file or folder (ENOENT). Set SEEDS_DIR (or --seeds) to a folder of .txt/.md articles.`)
    expect(run.screen()).not.toMatch(STACK)
  })

  it('prints a notice above the prompt, not over it, when the watched folder is deleted', async () => {
    const seeds = join(ws.dir, 'seeds-to-delete')
    cpSync(ws.seedsDir, seeds, { recursive: true })
    const run = launchInTerminal('main', { SEEDS_DIR: seeds, INDEX_DIR: ws.indexDir })
    await run.shows(/:quit to leave[\s\S]*› /)
    rmSync(seeds, { recursive: true, force: true })
    await run.shows(/Reload failed[^\n]*\n/)
    run.child.stdin.end(':quit\r')
    expect(await run.exited).toBe(0)
    const screen = run.screen()
    // The prompt line is cleared first, the notice gets its own line, and the prompt is drawn again after it.
    const sgr = String.raw`(?:\x1b\[\d*[A-Za-z])*`
    const notice = String.raw`Reload failed: answering from the articles loaded before \(cannot read the articles folder "[^"]+": no such file or folder \(ENOENT\)\)\.`
    expect(screen).toMatch(new RegExp(String.raw`\r\x1b\[K${sgr}${notice}${sgr}\r?\n${sgr}› `))
    expect(screen).not.toMatch(STACK)
  })
})

describe('ask and index through launch.mjs', () => {
  it.each([['ask', ['who did Xi send?']], ['buildIndex', []]] as const)('%s: one line naming SEEDS_DIR when it is /dev/null', async (command, args) => {
    const result = await launch(command, args, { SEEDS_DIR: '/dev/null', INDEX_DIR: ws.indexDir, LOG_LEVEL: 'warn' })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('Cannot read the articles folder SEEDS_DIR=/dev/null: not a folder (ENOTDIR). Set SEEDS_DIR (or --seeds) to a folder of .txt/.md articles.\n')
  })

  it('answers a question, the way `npm run ask` does', async () => {
    const result = await launch('ask', ['who did Xi send?'], { SEEDS_DIR: ws.seedsDir, INDEX_DIR: ws.indexDir })
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n')[0]).toBe('Vice President Han Zheng')
  })
})
