// Runs the real CLI commands as child processes, the way a user does, on a copy of the seeds in a temp folder.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { stripVTControlCharacters } from 'node:util'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SEEDS = join(ROOT, 'seeds')
/** Whether text holds terminal escapes (colours). */
export const hasAnsi = (text: string): boolean => stripVTControlCharacters(text) !== text
export const HAN_ZHENG_FILE = '001_ec95834cf9bd06a8.txt'

export interface Workspace {
  dir: string
  seedsDir: string
  indexDir: string
  remove(): void
}

/** A temp folder with a copy of the bundled seeds and an (empty) index folder. */
export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'))
  const seedsDir = join(dir, 'seeds')
  cpSync(SEEDS, seedsDir, { recursive: true })
  return { dir, seedsDir, indexDir: join(dir, 'index'), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * The child's environment: the parent's, minus anything that would change what the user sees (a developer's
 * DISCORD_TOKEN, forced colours), plus `env`. An empty DISCORD_TOKEN also wins over a developer's `.env`.
 */
export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base.FORCE_COLOR
  delete base.NO_COLOR
  return { ...base, DISCORD_TOKEN: '', LOG_LEVEL: 'info', ...env }
}

/** Starts `src/cli/<script>.ts` with tsx, in the repo, stdin/stdout/stderr piped. */
export function start(script: string, args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join('src/cli', `${script}.ts`), ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

/** Runs a command to the end with `input` on stdin (closed afterwards; `null` leaves it open until exit). */
export function run(
  script: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const child = start(script, args, options.env)
  return finish(child, options.input ?? '')
}

/** Collects a started child's output until it exits. */
export function finish(child: ChildProcess, input: string | null): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  // The child may exit before reading everything (usage errors): that is not the test's failure.
  child.stdin!.on('error', () => {})
  if (input !== null) child.stdin!.end(input)
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }))
  })
}

/** The questions in test fixtures: the eval set's seed questions, as a user would type them. */
export const SEED_QUESTIONS = [
  'who did Xi send?',
  'How does Trump describe his relationship with Xi?',
  'Which countries did Trump threaten with 25% tariffs?',
  'What is the JCCIC?',
  'Who is Nayib Bukele?',
  'What day is the inauguration?',
  'Who is Danny Russel?',
  'what did xi and trump talk about',
  'Who is China’s finance minister?',
  'Who directed the movie Titanic?',
]
