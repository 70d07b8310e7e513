// The benchmark's own packages: the peers only `npm run bench` uses (better-sqlite3, lunr, wink-bm25-text-search,
// wink-nlp-utils) live in bench/package.json with their own lock, so the product's `npm install` never compiles
// better-sqlite3 (about 80 s on 2 cores: no prebuilt binary can be downloaded here). `npm run bench` installs them
// on first use, and again whenever bench/package-lock.json or the Node ABI changes.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))

interface LockFile {
  packages: Record<string, { version?: string; dev?: boolean; optional?: boolean }>
}

/**
 * Why the installed packages cannot be used as they are, or null when they can: every package of
 * bench/package-lock.json at its locked version, and better-sqlite3's native module loading with FTS5.
 */
export function benchPackagesProblem(dir = BENCH_DIR): string | null {
  if (!existsSync(join(dir, 'node_modules'))) return 'they are not installed yet'
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as LockFile
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.version === undefined || entry.optional) continue
    const manifest = join(dir, path, 'package.json')
    if (!existsSync(manifest)) return `bench/${path} is missing`
    const installed = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version
    if (installed !== entry.version) return `bench/${path} is ${installed ?? 'unversioned'}, the lock says ${entry.version}`
  }
  try {
    const require = createRequire(join(dir, 'package.json'))
    const Database = require('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void }
    const db = new Database(':memory:')
    db.exec("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='porter unicode61')")
    db.close()
  } catch (error) {
    return `better-sqlite3 does not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
  }
  return null
}

/** npm itself: the one running `npm run bench` when there is one, else `npm` on the PATH. */
function npmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath
  if (execPath && /^npm-cli\.[cm]?js$/.test(basename(execPath))) return [process.execPath, [execPath]]
  return ['npm', []]
}

/**
 * Installs bench/package.json's packages with `npm ci --prefix bench` unless they are ready. npm's output goes
 * to stderr, so `--json` keeps stdout to itself. Throws when the install fails or leaves them unusable.
 */
export function ensureBenchPackages(log: (line: string) => void, dir = BENCH_DIR): void {
  const problem = benchPackagesProblem(dir)
  if (problem === null) return
  log(`bench: the benchmark's peers need installing: ${problem}.`)
  log('bench: running `npm ci --prefix bench` once (better-sqlite3 compiles SQLite from source: about 1.5 minutes on 2 cores)…')
  const started = performance.now()
  const [command, prefixArgs] = npmCommand()
  const result = spawnSync(command, [...prefixArgs, 'ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] })
  if (result.error) throw new Error(`could not run npm to install the benchmark's peers: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`\`npm ci --prefix bench\` failed (exit ${result.status ?? result.signal}): the benchmark needs its peers; see npm's output above`)
  const after = benchPackagesProblem(dir)
  if (after !== null) throw new Error(`the benchmark's peers were installed but are not usable: ${after}`)
  log(`bench: peers installed in ${((performance.now() - started) / 1000).toFixed(0)} s.`)
}
