// `npm run bench`: this engine beside five lexical peers on both SQuAD dev sets, in one process and one run.
//
//   npm run bench                      full run, markdown tables on stdout (progress on stderr)
//   npm run bench -- --quick           CI's smoke run: a seeded sample per set and a few news questions; exits 1
//                                      when an engine or peer breaks (quick.ts)
//   npm run bench -- --scale           the growth curve: build, load, first answer, RSS, latency (scale/)
//   npm run bench -- --discord         200 concurrent /ask: HTTP interactions endpoint beside the gateway (discord/)
//   npm run bench -- --add             adding articles: extraction and index time per page, until answerable (add/)
//   npm run --silent bench -- --json   the same figures as ONE JSON object on stdout (--silent keeps npm's own
//                                      "> newsdesk-qa bench" banner off stdout)
//   npm run bench -- --squad DIR | --v11 FILE --v20 FILE    other SQuAD paths; --help for the rest
//
// Corpus: every SQuAD paragraph is a chunk, every article one document. Peers index paragraphs; the engine gets
// one text per article (title line, blank line, blank-line paragraphs: see squad.ts) and its citations are mapped
// back to paragraphs by character offsets. Gold is the question's own paragraph. The CLI reproduction of the
// same figures is bench/writeSeeds.ts + `npm run ask -- --json --k 10` + bench/scoreCli.ts (see their headers).
import { PEERS } from './peers/index.js'
import { parseArgs, QUICK_SEED, UsageError, USAGE } from './args.js'
import type { BenchArgs } from './args.js'
import { renderNews, runNews } from './news/runNews.js'
import type { NewsRun } from './news/runNews.js'
import { runQuickNews } from './news/quickNews.js'
import { quickFailures } from './quick.js'
import { runScale } from './scale/runScale.js'
import { runDiscordBench } from './discord/runDiscordBench.js'
import { runAddBench } from './add/runAddBench.js'
import { bestThreshold } from './metrics.js'
import { machineInfo } from './machine.js'
import { paragraphLocator } from './mapping.js'
import { gcAvailable, toMB } from './memory.js'
import type { BaselineResult, BenchReport, DatasetResult, EngineResult } from './report.js'
import { ENGINE_NAME, importEngine, runEngine } from './runEngine.js'
import type { EngineClass } from './runEngine.js'
import { failed, runPeer } from './runPeer.js'
import { assertSquadFile, loadSquad, sampleQuestions } from './squad.js'
import type { SquadQuestion } from './squad.js'
import { renderReport } from './table.js'
import { minisearchStem } from './peers/minisearchStem.js'

const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

/** Best single threshold on one score per asked question, split by answerable/unanswerable. */
function baseline(score: string, questions: readonly SquadQuestion[], scores: readonly number[]): BaselineResult {
  const positives: number[] = []
  const negatives: number[] = []
  questions.forEach((q, i) => (q.impossible ? negatives : positives).push(scores[i]))
  return { score, result: bestThreshold(positives, negatives) }
}

async function main(): Promise<number> {
  const started = performance.now()
  let args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return 0
  }
  if (args.news) return news(args)
  if (args.scale) return runScale(args, log)
  if (args.discord) return runDiscordBench({ json: args.json, log })
  if (args.add) return runAddBench({ json: args.json, newsDir: args.newsDir, log })
  // Fail on a missing file before spending minutes on the other set. Each set is read in its turn, so that the
  // other one's data is not on the heap (making every garbage collection dearer) while this one is measured.
  for (const [, path] of args.sets) assertSquadFile(path)

  let EngineCtor: EngineClass | null = null
  let engineError: unknown = null
  if (!args.skipEngine) {
    try {
      EngineCtor = await importEngine()
    } catch (error) {
      engineError = error
      log(`engine did not load, running the peers only: ${String(error)}`)
    }
  }
  const warmup = args.sample !== null ? 50 : 200
  const datasets: DatasetResult[] = []
  for (const [name, path] of args.sets) {
    const set = loadSquad(path, name)
    const questions = args.sample !== null ? sampleQuestions(set.questions, args.sample, QUICK_SEED) : set.questions
    const locator = paragraphLocator(set)
    const engines: EngineResult[] = []
    const baselines: BaselineResult[] = []
    const hasUnanswerable = questions.some((q) => q.impossible)
    log(`[${set.name}] ${set.articles.length} articles, ${set.paragraphs.length} paragraphs, asking ${questions.length} questions`)

    if (EngineCtor) {
      const run = await runEngine(EngineCtor, set, questions, locator, { warmup, log })
      engines.push(run.result)
      if (hasUnanswerable && run.bm25Scores) baselines.push(baseline(`${ENGINE_NAME}: citations[0].features.bm25`, questions, run.bm25Scores))
      if (hasUnanswerable && run.confidences.length > 0) baselines.push(baseline(`${ENGINE_NAME}: confidence`, questions, run.confidences))
    } else if (!args.skipEngine) {
      engines.push(failed(ENGINE_NAME, 'engine', engineError))
    }
    if (!args.skipPeers) {
      for (const peer of PEERS) {
        const run = runPeer(peer, set, questions, { warmup, log })
        engines.push(run.result)
        if (hasUnanswerable && run.topScores.length > 0) {
          const b = baseline(`${peer.name}: top score${peer === minisearchStem ? ' (the baseline)' : ''}`, questions, run.topScores)
          if (peer === minisearchStem) baselines.unshift(b)
          else baselines.push(b)
        }
      }
    }
    datasets.push({
      name: set.name,
      path: set.path,
      articles: set.articles.length,
      paragraphs: set.paragraphs.length,
      questions: set.questions.length,
      asked: questions.length,
      answerable: questions.filter((q) => !q.impossible).length,
      unanswerable: questions.filter((q) => q.impossible).length,
      holdoutQuestions: questions.filter((q) => q.holdout).length,
      engines,
      baselines,
    })
  }

  const quickNews: NewsRun | null = args.quick && EngineCtor ? await runQuickNews(EngineCtor, args.newsDir, args.newsSets, log) : null

  const report: BenchReport = {
    machine: machineInfo(),
    mode: args.sample !== null ? 'quick' : 'full',
    gcAvailable,
    runtimeSeconds: (performance.now() - started) / 1000,
    rssEndMB: toMB(process.memoryUsage().rss),
    datasets,
    notes: args.sample !== null ? [`sample: ${args.sample} questions per set, seed ${QUICK_SEED}`] : [],
    ...(quickNews ? { news: quickNews } : {}),
  }
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : renderReport(report) + (quickNews ? `\n${renderNews(quickNews)}` : ''))
  if (!args.quick) return 0
  const failures = quickFailures(report, args.skipEngine ? undefined : quickNews)
  for (const failure of failures) log(`bench --quick: FAILED: ${failure}`)
  log(failures.length > 0 ? `bench --quick: ${failures.length} failure(s)` : 'bench --quick: every engine and peer ran')
  return failures.length > 0 ? 1 : 0
}

async function news(args: BenchArgs): Promise<number> {
  const EngineCtor = await importEngine()
  const run = await runNews(EngineCtor, args.newsDir, args.newsSets, log)
  const machine = machineInfo()
  const header = `# News benchmark, ${machine.date.slice(0, 10)}: node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryGB} GB\n\n`
  process.stdout.write(args.json ? `${JSON.stringify({ machine, ...run })}\n` : header + renderNews(run))
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
