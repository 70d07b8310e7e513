// Shared by the corpus tests: real temporary folders and a pino logger whose lines are captured as objects.

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pino } from 'pino'
import type { Logger } from 'pino'

export interface LogLine {
  level: number
  msg: string
  file?: string
  reason?: string
  [key: string]: unknown
}

export const WARN = 40

/** A debug-level logger that keeps every line it writes. */
export function captureLogs(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) })
  return { logger, lines, warnings: () => lines.filter((l) => l.level === WARN) }
}

/** A fresh folder named `name` inside a new temporary folder; `cleanup` removes both. */
export async function tempCorpus(name = 'articles'): Promise<{ dir: string; cleanup: () => Promise<void>; write: (rel: string, data: string | Uint8Array) => Promise<string> }> {
  const parent = await mkdtemp(join(tmpdir(), 'corpus-test-'))
  const dir = join(parent, name)
  await mkdir(dir)
  const write = async (rel: string, data: string | Uint8Array): Promise<string> => {
    const path = join(dir, rel)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, data)
    return path
  }
  return { dir, write, cleanup: () => rm(parent, { recursive: true, force: true }) }
}

/** A plain article with `n` one-line paragraphs. */
export function article(title: string, n: number, topic = 'trade'): string {
  const body = Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of ${title} says the talks on ${topic} went on for hours.`)
  return `${title}\n${body.join('\n')}\n`
}

export interface LoadSummary {
  files: string[]
  skipped: { file: string; reason: string }[]
  warnings: LogLine[]
}

// Loads in a child process as user "nobody": root may read anything, so permission errors can only be seen
// from an unprivileged process.
const UNPRIVILEGED_SCRIPT = `
const { loadCorpus } = await import(process.argv[1])
const { pino } = await import('pino')
const lines = []
const logger = pino({ level: 'debug' }, { write: (line) => void lines.push(JSON.parse(line)) })
const corpus = await loadCorpus(process.argv[2], { logger })
process.stdout.write(JSON.stringify({ files: corpus.articles.map((a) => a.file), skipped: corpus.skipped, warnings: lines.filter((l) => l.level === 40) }))
`

/**
 * Whether `loadUnprivileged` can run here: as root it needs the unprivileged user to reach the repository
 * (a clone inside a private temporary folder is out of its reach), and it needs a uid to switch to.
 */
export function canLoadUnprivileged(): boolean {
  if (process.getuid?.() !== 0) return true
  try {
    execFileSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(repoFile('node_modules/tsx/package.json'))}, require('fs').constants.R_OK)`], {
      uid: 65534,
      gid: 65534,
      stdio: 'ignore',
    })
    return true
  } catch {
    return false
  }
}

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/** `loadCorpus(dir)` as an unprivileged user (in a child process when the tests run as root). */
export async function loadUnprivileged(dir: string): Promise<LoadSummary> {
  if (process.getuid?.() !== 0) {
    const { loadCorpus } = await import('../../src/corpus/loadCorpus.js')
    const logs = captureLogs()
    const corpus = await loadCorpus(dir, { logger: logs.logger })
    return { files: corpus.articles.map((a) => a.file), skipped: corpus.skipped, warnings: logs.warnings() }
  }
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', UNPRIVILEGED_SCRIPT, fileURLToPath(new URL('../../src/corpus/loadCorpus.ts', import.meta.url)), dir],
    { uid: 65534, gid: 65534, cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8' },
  )
  return JSON.parse(out) as LoadSummary
}
