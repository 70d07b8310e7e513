// What every command does before its own work: flags, .env, config, logger, and opening the engine. Problems
// here end the process with a clear message and a documented exit code, never a stack trace:
//   0 done (also --help), 1 bad configuration or unreadable articles, 2 bad command line.
import dotenv from 'dotenv'
import { ConfigError, loadConfig } from '../config.js'
import type { Config } from '../config.js'
import type { Engine } from '../engine.js'
import { createLogger } from '../logger.js'
import { noArticlesMessage, reportOpenFailure } from '../openFailure.js'
import type { Logger } from '../logger.js'
import { parseCommandLine, usage, UsageError } from './args.js'
import type { CommandSpec, ParsedArgs } from './args.js'

/** What a command gets once its command line and configuration are valid. */
export interface CliContext {
  args: ParsedArgs
  config: Readonly<Config>
  logger: Logger
}

/** Parses flags, loads `.env` and the config, and creates the logger; or says what is wrong and gives the exit code. */
export function prepare(argv: readonly string[], spec: CommandSpec): CliContext | number {
  let args: ParsedArgs
  try {
    args = parseCommandLine(argv, spec)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${spec.name}: ${error.message}\n\n${usage(spec)}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${usage(spec)}\n`)
    return 0
  }

  // quiet: dotenv would otherwise announce itself, and stdout belongs to answers. A missing .env is normal.
  dotenv.config({ quiet: true })
  let config: Readonly<Config>
  try {
    // Flags win over the environment; passing them through loadConfig keeps one validation and one frozen Config.
    config = loadConfig({
      ...process.env,
      ...(args.seeds === undefined ? {} : { SEEDS_DIR: args.seeds }),
      ...(args.index === undefined ? {} : { INDEX_DIR: args.index }),
    })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 1
  }
  return { args, config, logger: createLogger({ level: config.logLevel }) }
}

/**
 * On a terminal at the default level, the engine's info lines ("index loaded") would only sit between the user and
 * the answers: show warnings and errors. LOG_LEVEL=debug, or stderr sent to a file or pipe, keeps every line.
 */
export function quietOnTerminal(context: CliContext): CliContext {
  if (!process.stderr.isTTY || context.config.logLevel !== 'info') return context
  return { ...context, logger: context.logger.child({}, { level: 'warn' }) }
}

/** Opens the engine on the configured folders; on failure says which folder and why, and returns null. */
export async function openEngine(context: CliContext, rebuild = false): Promise<Engine | null> {
  const { config, logger } = context
  try {
    // Loaded here, not at the top: --help, usage and config errors then answer at once, without the NLP model.
    const { Engine } = await import('../engine.js')
    const engine = await Engine.open({ seedsDir: config.seedsDir, indexDir: config.indexDir, rebuild, logger, prepare: !rebuild })
    if (engine.articles.length === 0) process.stderr.write(`${noArticlesMessage(config.seedsDir)}\n`)
    return engine
  } catch (error) {
    process.stderr.write(`${reportOpenFailure(error, config, logger)}\n`)
    return null
  }
}

/** Runs a command's main function and sets the exit code; an unexpected error is reported in one line, not a trace. */
export function run(main: () => Promise<number | undefined>): void {
  main().then(
    (code) => {
      if (code !== undefined) process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
