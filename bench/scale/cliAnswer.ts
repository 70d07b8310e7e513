// The first answer the way a user gets it: the command `npm run ask` runs (read from package.json, without npm's
// own start-up), on the index the engine's build child saved, timed from spawn to the answer on stdout. Its peak
// RSS comes from rssAtExit.mjs, preloaded into every Node process the command starts (the largest is reported).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from '../args.js'

const RSS_HOOK = pathToFileURL(new URL('./rssAtExit.mjs', import.meta.url).pathname).href
const TIMEOUT_MS = 5 * 60 * 1000

export interface CliAnswer {
  firstAnswerMs: number
  peakRssMB: number
  /** The command that ran, for the table's note. */
  command: string
}

/** `npm run ask`'s command as node arguments: `node FILE …` or `tsx FILE …`; null for anything a shell must run. */
export function askCommand(script: string): string[] | null {
  if (/[&|;<>$`"'\\]/.test(script)) return null
  const [runner, ...rest] = script.trim().split(/\s+/)
  if (runner === 'node') return rest
  if (runner === 'tsx') return ['--import', 'tsx', ...rest]
  return null
}

export function runCliAnswer(seedsDir: string, indexDir: string, question: string, rssFile: string): Promise<CliAnswer> {
  const script = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts?.ask ?? ''
  const args = askCommand(script)
  if (args === null) return Promise.reject(new Error(`cannot run the "ask" script without a shell: ${script}`))
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let answeredAt: number | null = null
    let stderr = ''
    const child = spawn(process.execPath, [...args, '--seeds', seedsDir, '--index', indexDir, '--json', question], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${RSS_HOOK}`.trim(), BENCH_SCALE_RSS_FILE: rssFile, LOG_LEVEL: 'warn' },
    })
    child.stdout.once('data', () => (answeredAt = performance.now() - started))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const peaks = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number) : []
      if (code !== 0 || answeredAt === null || peaks.length === 0) reject(new Error(`\`${script}\` exited ${code ?? signal}: ${stderr.trim().split('\n').at(-1) ?? ''}`))
      else resolve({ firstAnswerMs: answeredAt, peakRssMB: Math.max(...peaks) / 1024, command: script })
    })
  })
}
