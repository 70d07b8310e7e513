// `npm run index`: rebuilds the search index on purpose (start-up rebuilds it by itself when it is stale).
import { counted } from '../format/text.js'
import type { CommandSpec } from './args.js'
import { openEngine, prepare, run } from './startup.js'

const spec: CommandSpec = {
  name: 'npm run index --',
  summary: 'Rebuilds the search index of the articles in SEEDS_DIR and saves it in INDEX_DIR.',
  flags: ['seeds', 'index', 'help'],
}

async function main(): Promise<number> {
  const context = prepare(process.argv.slice(2), spec)
  if (typeof context === 'number') return context
  const t0 = performance.now()
  const engine = await openEngine(context, true)
  if (!engine) return 1
  const { seedsDir, indexDir } = context.config
  if (engine.saveError !== null) {
    process.stderr.write(`Could not save the index (INDEX_DIR=${indexDir}): ${engine.saveError}\n`)
    return 1
  }
  const totalMs = Math.round(performance.now() - t0)
  process.stdout.write(
    `Indexed ${counted(engine.articles.length, 'article')}, ${counted(engine.chunks.length, 'paragraph')} from ${seedsDir} in ${totalMs} ms ` +
      `(index ${Math.round(engine.indexMs)} ms), saved to ${indexDir}.\n`,
  )
  return 0
}

run(main)
