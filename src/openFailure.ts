// The one line a front end prints when the engine cannot open: the problem and the variable that names the folder.
// The stack goes to the log at debug level only: a terminal never shows one.
import type { Config } from './config.js'
import { ArticlesFolderError } from './corpus/readFiles.js'
import type { Logger } from './logger.js'

/** What went wrong opening the engine on `config`'s folders, in one line. */
export function openFailureMessage(error: unknown, config: Pick<Config, 'seedsDir' | 'indexDir'>): string {
  if (error instanceof ArticlesFolderError) {
    return `Cannot read the articles folder SEEDS_DIR=${config.seedsDir}: ${error.reason}. Set SEEDS_DIR (or --seeds) to a folder of .txt/.md articles.`
  }
  const reason = error instanceof Error ? error.message : String(error)
  return `Could not load the articles in SEEDS_DIR=${config.seedsDir} (index INDEX_DIR=${config.indexDir}): ${reason}`
}

/** What a start says when the articles folder holds no article. */
export function noArticlesMessage(seedsDir: string): string {
  return `No articles in SEEDS_DIR=${seedsDir}: add .txt or .md articles there. Until then every question is declined.`
}

/** Logs `error` with its stack at debug level, and returns the one line to show. */
export function reportOpenFailure(error: unknown, config: Pick<Config, 'seedsDir' | 'indexDir'>, logger: Logger): string {
  logger.debug({ err: error }, 'could not open the engine')
  return openFailureMessage(error, config)
}
