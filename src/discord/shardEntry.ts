// The entry file of each shard process under the ShardingManager (run through tsx). The manager passes the
// environment, plus SHARDS (this process's shard ids) and SHARD_COUNT, which discord.js's Client reads itself.
import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { startSingle } from './start.js'

try {
  // SHARDS here is the manager's list of shard ids, not the user's setting: leave it to discord.js.
  const config = loadConfig({ ...process.env, SHARDS: undefined })
  const logger = createLogger({ level: config.logLevel }).child({ shard: process.env.SHARDS })
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))
  await startSingle(config, logger)
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`)
  process.exit(1)
}
