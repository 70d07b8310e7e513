// `npm run add -- [--json] <url or path>`: adds one article to SEEDS_DIR and brings the saved index up to date,
// so the next `npm run ask` answers from it. With --json, one object on stdout (docs/adding-articles.md):
//   {"added": true, "file", "title", "date", "outlet", "url", "paragraphs"}  exit 0
//   {"added": false, "duplicate": "<file>"}                                     exit 0
//   {"added": false, "error": "<what and why>"}                                exit 1
import { ArticleDesk, IngestError } from '../corpus/ingest/desk.js'
import { addedJson, addErrorJson, formatAdded } from '../format/articlesText.js'
import type { CommandSpec } from './args.js'
import { openEngine, prepare, quietOnTerminal, run } from './startup.js'

const spec: CommandSpec = {
  name: 'npm run add --',
  operands: '<url or path>',
  summary:
    'Adds an article to the articles folder: a link (http/https) to a news page, or a local .html, .htm, .txt or .md file.\n' +
    '  npm run --silent add -- --json https://example.com/news/story',
  flags: ['json', 'seeds', 'index', 'help'],
}

async function main(): Promise<number> {
  const context = prepare(process.argv.slice(2), spec)
  if (typeof context === 'number') return context
  const { args, config } = context
  const fail = (reason: string, code: number): number => {
    process.stdout.write(args.json ? `${addErrorJson(reason)}\n` : '')
    if (!args.json) process.stderr.write(`Could not add it: ${reason}\n`)
    return code
  }
  if (args.positionals.length !== 1) return fail('give exactly one link or file, e.g. npm run add -- https://example.com/news/story', 2)

  const engine = await openEngine(quietOnTerminal(context))
  if (!engine) return fail(`could not load the articles in ${config.seedsDir}`, 1)
  const desk = new ArticleDesk({
    seedsDir: config.seedsDir,
    library: engine,
    reload: () => engine.reload(),
    fetch: { allowPrivate: config.allowPrivateUrls },
  })
  try {
    const result = await desk.add(args.positionals[0]!)
    // The updated index is saved before exiting: the next command opens it as it is.
    await engine.settled()
    process.stdout.write(`${args.json ? addedJson(result) : formatAdded(result)}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof IngestError)) context.logger.error({ err: error }, 'adding an article failed')
    return fail(error instanceof Error ? error.message : String(error), 1)
  }
}

run(main)
