// `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise (or with --repl) the local REPL.
import picocolors from 'picocolors'
import { ArticleDesk } from '../corpus/ingest/desk.js'
import { FeedbackLog } from '../feedback/log.js'
import { wantsColor } from '../format/text.js'
import { LiveCorpus } from '../liveCorpus.js'
import type { CommandSpec } from './args.js'
import { Notices } from './notices.js'
import { runRepl } from './repl.js'
import { openEngine, prepare, quietOnTerminal, run } from './startup.js'

const spec: CommandSpec = {
  name: 'npm start --',
  summary:
    'Starts the Discord bot when DISCORD_TOKEN is set (in the environment or .env), otherwise the local REPL.\n' +
    'Piped input is answered line by line in plain text: echo "who did Xi send?" | npm start',
  flags: ['seeds', 'index', 'repl', 'help'],
}

const DISCORD_NOTE = 'Set DISCORD_TOKEN in .env to run the Discord bot — see README › Connect to Discord'

async function main(): Promise<number | undefined> {
  const context = prepare(process.argv.slice(2), spec)
  if (typeof context === 'number') return context
  const { args, config, logger } = context

  if ((config.discordToken || config.interactionsPort !== null) && !args.repl) {
    const { startDiscord } = await import('../discord/start.js')
    await startDiscord(config, logger)
    return undefined
  }

  // Ctrl-C while the articles load (before the prompt takes over the terminal) also leaves quietly.
  process.once('SIGINT', () => process.exit(0))
  if (!config.discordToken) {
    const c = picocolors.createColors(wantsColor(process.stderr, process.env))
    process.stderr.write(`${c.dim(DISCORD_NOTE)}\n`)
  }
  const quiet = quietOnTerminal(context)
  const engine = await openEngine(quiet)
  if (!engine) return 1
  // Files added, changed or removed while the REPL runs are answered from without a restart (WATCH_SEEDS).
  const notices = new Notices()
  const live = await LiveCorpus.start(engine, {
    logger: quiet.logger,
    watch: config.watchSeeds ? config.seedsDir : null,
    notify: (line) => notices.post(line),
  })
  const feedback = new FeedbackLog(config.feedbackFile, config.feedbackSalt)
  const reload = () => live.reload()
  const desk = new ArticleDesk({ seedsDir: config.seedsDir, library: engine, reload, fetch: { allowPrivate: config.allowPrivateUrls } })
  await runRepl(engine, { input: process.stdin, output: process.stdout, env: process.env, reload, feedback, desk, notices })
  await live.close()
  return 0
}

run(main)
