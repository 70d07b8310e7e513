// What both Discord modes (gateway, interactions endpoint) do before serving: open the engine on the configured
// folders, or end the process saying why; then watch the articles folder (WATCH_SEEDS).
import type { Config } from '../config.js'
import { Engine } from '../engine.js'
import { LiveCorpus } from '../liveCorpus.js'
import type { Logger } from '../logger.js'
import { noArticlesMessage, reportOpenFailure } from '../openFailure.js'
import { exitWith } from './exit.js'

export async function openLiveEngine(config: Readonly<Config>, logger: Logger, log: Logger): Promise<{ engine: Engine; live: LiveCorpus }> {
  let engine: Engine
  try {
    engine = await Engine.open({ seedsDir: config.seedsDir, indexDir: config.indexDir, logger: logger.child({ module: 'engine' }), prepare: true })
  } catch (error) {
    exitWith(log, 1, reportOpenFailure(error, config, log))
  }
  log.info({ articles: engine.articles.length, paragraphs: engine.chunks.length, index: engine.origin }, 'engine ready')
  if (engine.articles.length === 0) log.warn(noArticlesMessage(config.seedsDir))
  // Files added, changed or removed under SEEDS_DIR are answered from without a restart (WATCH_SEEDS).
  const live = await LiveCorpus.start(engine, { logger, watch: config.watchSeeds ? config.seedsDir : null })
  return { engine, live }
}
