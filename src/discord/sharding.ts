// SHARDS=auto or N: discord.js's ShardingManager, one process per shard, each running shardEntry.
// Discord requires sharding from 2,500 guilds; below that one process is simpler and enough.
import { fileURLToPath } from 'node:url'
import { REST, Routes, ShardingManager } from 'discord.js'
import type { APIGatewayBotInfo } from 'discord.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'
import { exitWith } from './exit.js'
import { DiscordFatalError, invalidTokenError } from './fatal.js'

// Compiled (dist/, as `npm start` runs), the entry is JavaScript; from the sources (tests, tsx), TypeScript.
const COMPILED = import.meta.url.endsWith('.js')
const SHARD_ENTRY = fileURLToPath(new URL(COMPILED ? './shardEntry.js' : './shardEntry.ts', import.meta.url))
/** Exit code a shard uses for problems a restart cannot fix (bad token, refused intents): stop, do not respawn. */
const FATAL_EXIT = 1
const SHUTDOWN_GRACE_MS = 8000

export async function startSharded(config: Readonly<Config>, log: Logger): Promise<void> {
  const token = config.discordToken!
  let totalShards: number
  try {
    totalShards = config.shards === 'auto' ? await recommendedShards(config) : (config.shards as number)
  } catch (error) {
    exitWith(log, 1, error instanceof Error ? error.message : String(error))
  }
  const manager = new ShardingManager(SHARD_ENTRY, {
    token,
    totalShards,
    mode: 'process',
    // A TypeScript entry runs through tsx; a compiled one as it is.
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
    respawn: true,
  })
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, of: totalShards }, 'Discord: shard process launched')
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : null
      if (exitCode === FATAL_EXIT) {
        // The shard already said why on stderr; a respawn would fail the same way.
        for (const other of manager.shards.values()) other.kill()
        exitWith(log, 1, `Discord: shard ${shard.id} stopped on a fatal error (see above).`)
      }
      if (manager.respawn) log.warn({ shard: shard.id, exitCode }, 'Discord: shard process died, respawning')
    })
  })
  // Listening before the shards start: a SIGTERM while they start (a deploy that changes its mind) stops them too,
  // rather than killing this process and leaving them running.
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'Discord: stopping shards')
    manager.respawn = false
    const exits = [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process
          if (!child || child.exitCode !== null) return resolve()
          child.once('exit', () => resolve())
          // Each shard finishes its replies in flight on SIGTERM, then exits 0.
          child.kill('SIGTERM')
        }),
    )
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())
    void Promise.race([Promise.all(exits), timeout]).then(() => exitWith(log, 0, 'Discord: all shards stopped'))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  log.info({ totalShards }, 'Discord: starting shards')
  await manager.spawn({ amount: totalShards, timeout: 60_000 }).catch((error: unknown) => {
    // Shards stopped on purpose while they started are no failure.
    if (!stopping) throw error
  })
}

/**
 * Discord's recommended shard count, from GET /gateway/bot on the configured API (discord.js's own helper
 * always asks discord.com, which would bypass DISCORD_API_URL).
 */
async function recommendedShards(config: Readonly<Config>): Promise<number> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken!)
  try {
    const info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo
    return Math.max(1, info.shards)
  } catch (error) {
    if ((error as { status?: number }).status === 401) throw invalidTokenError()
    throw new DiscordFatalError(`Could not ask Discord how many shards to use: ${(error as Error).message}`)
  }
}
