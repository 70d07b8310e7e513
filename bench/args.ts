// Command-line options of `npm run bench`, and where the SQuAD files are by default.
import { existsSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { OFF_TOPIC_DEV_FILE } from './news/newsQuestions.js'

/** The repository root (this file lives in <root>/bench). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_SQUAD_DIR = resolve(REPO_ROOT, '../shared/squad')
export const DEFAULT_NEWS_DIR = resolve(REPO_ROOT, '../shared/news/bbc')
/** `--news` question sets, measured only (never fitted on): the shared dev set, and our off-topic questions. */
export const DEFAULT_NEWS_SETS: [string, string][] = [
  ['news-dev', resolve(REPO_ROOT, '../shared/eval/news-dev.jsonl')],
  ['off-topic (measured only)', OFF_TOPIC_DEV_FILE],
]

/** `--quick`: this many questions per dev set, drawn with this seed (same sample every run). */
export const QUICK_SAMPLE = 300
export const QUICK_SEED = 20250117

export interface BenchArgs {
  /** Dev sets to run, in order: [name, path]. */
  sets: [name: string, path: string][]
  json: boolean
  quick: boolean
  /** Questions per set; null = all. */
  sample: number | null
  skipPeers: boolean
  skipEngine: boolean
  /** Run the news benchmark instead of SQuAD. */
  news: boolean
  /** Run the growth curve (bench/scale/) instead of SQuAD. */
  scale: boolean
  /** With `scale`: only the corpora whose name starts with this. */
  scaleOnly: string | null
  /** Run the Discord latency bench (bench/discord/) instead of SQuAD. */
  discord: boolean
  /** Time adding articles (bench/add/) instead of SQuAD. */
  add: boolean
  newsDir: string
  /** News question sets: [name, path]. */
  newsSets: [name: string, path: string][]
  help: boolean
}

export const USAGE = `Usage: npm run bench -- [options]

  --squad DIR        folder holding dev-v1.1.json and dev-v2.0.json (default ../shared/squad from the repo root)
  --v11 FILE         SQuAD 1.1 dev file (overrides --squad for 1.1)
  --v20 FILE         SQuAD 2.0 dev file (overrides --squad for 2.0)
  --set v1.1|v2.0    run one dev set only
  --quick            CI's smoke run: a fixed, seeded sample of ${QUICK_SAMPLE} questions per set and a few news
                     questions over a slice of the BBC corpus; exits 1 when any engine or peer breaks
  --sample N         a fixed, seeded sample of N questions per set
  --skip-peers       run this engine only (with --scale too)
  --skip-engine      run the peers only
  --news             the chat-style news questions over the BBC corpus instead of SQuAD (see bench/news/)
  --news-dir DIR     the news corpus (default ../shared/news/bbc from the repo root)
  --scale            the growth curve: build, load, first answer, peak RSS and latency of this engine, MiniSearch
                     and SQLite FTS5 on the seeds, SQuAD 1.1, the news corpus, news + SQuAD 1.1 and 2.0, and
                     news + Reuters (../shared/news/reuters beside the news corpus: ~100k paragraphs)
  --scale-only NAME  with --scale: only the corpora whose name starts with NAME (e.g. "news + Reuters")
  --discord          200 concurrent /ask on loopback: the HTTP interactions endpoint beside the gateway (p50/p99)
  --add              adding articles: fetch, extraction and index time per page, and the time until the news
                     corpus answers from a newly added article (target 2 s)
  --questions FILE   with --news: a question file (JSONL, ../shared/eval/README.md); repeatable; default news-dev
                     and bench/news/offtopic-dev.jsonl
  --json             print one JSON object on stdout (progress still goes to stderr)
  --help             this text
`

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], cwd = process.cwd()): BenchArgs {
  let squadDir = DEFAULT_SQUAD_DIR
  let v11: string | null = null
  let v20: string | null = null
  let only: string | null = null
  const out: BenchArgs = { sets: [], json: false, quick: false, sample: null, skipPeers: false, skipEngine: false, news: false, scale: false, scaleOnly: null, discord: false, add: false, newsDir: DEFAULT_NEWS_DIR, newsSets: [], help: false }
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`)
    return v
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    switch (flag) {
      case '--squad': squadDir = resolve(cwd, value(i++, flag)); break
      case '--v11': v11 = resolve(cwd, value(i++, flag)); break
      case '--v20': v20 = resolve(cwd, value(i++, flag)); break
      case '--set': {
        only = value(i++, flag)
        if (only !== 'v1.1' && only !== 'v2.0') throw new UsageError(`--set takes v1.1 or v2.0, not ${only}`)
        break
      }
      case '--quick': out.quick = true; break
      case '--sample': {
        const n = Number(value(i++, flag))
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--sample needs a positive whole number')
        out.sample = n
        break
      }
      case '--skip-peers': out.skipPeers = true; break
      case '--skip-engine': out.skipEngine = true; break
      case '--json': out.json = true; break
      case '--news': out.news = true; break
      case '--scale': out.scale = true; break
      case '--scale-only': out.scaleOnly = value(i++, flag); break
      case '--discord': out.discord = true; break
      case '--add': out.add = true; break
      case '--news-dir': out.newsDir = resolve(cwd, value(i++, flag)); break
      case '--questions': {
        const path = resolve(cwd, value(i++, flag))
        out.newsSets.push([basename(path), path])
        break
      }
      case '--help': case '-h': out.help = true; break
      default: throw new UsageError(`unknown option ${flag}`)
    }
  }
  if (out.quick && out.sample === null) out.sample = QUICK_SAMPLE
  if (out.newsSets.length === 0) out.newsSets = DEFAULT_NEWS_SETS.filter(([, path]) => existsSync(path))
  const all: [string, string][] = [
    ['v1.1', v11 ?? join(squadDir, 'dev-v1.1.json')],
    ['v2.0', v20 ?? join(squadDir, 'dev-v2.0.json')],
  ]
  out.sets = all.filter(([name]) => only === null || name === only)
  return out
}
