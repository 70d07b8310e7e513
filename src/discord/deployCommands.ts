// `npm run deploy-commands`: registers the slash commands. Run it when their definitions change, not on every
// start (the discord.js guide's advice): to DISCORD_GUILD_ID when set (instant, for testing), else globally.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import dotenv from 'dotenv'
import { REST, Routes } from 'discord.js'
import type { APIApplication, RESTPutAPIApplicationCommandsResult } from 'discord.js'
import { ConfigError, loadConfig, TOKEN_HELP } from '../config.js'
import type { Config } from '../config.js'
import { createLogger } from '../logger.js'
import type { Logger } from '../logger.js'
import { commands } from './commands/index.js'

/** Registers every command; resolves with the names registered and where. */
export async function deployCommands(config: Readonly<Config>, logger: Logger): Promise<{ names: string[]; scope: string }> {
  if (!config.discordToken) throw new ConfigError(`DISCORD_TOKEN is not set. ${TOKEN_HELP}`)
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken)
  const applicationId = config.discordClientId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id
  const body = [...commands.values()].map((command) => command.data.toJSON())
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(applicationId, config.discordGuildId)
    : Routes.applicationCommands(applicationId)
  const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult
  const scope = config.discordGuildId ? `to guild ${config.discordGuildId}` : 'globally (may take up to an hour to appear)'
  logger.info({ applicationId, commands: registered.map((c) => c.name) }, `registered ${registered.length} commands ${scope}`)
  return { names: registered.map((c) => c.name), scope }
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true })
  let config: Readonly<Config>
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 1
  }
  const logger = createLogger({ level: config.logLevel })
  try {
    const { names, scope } = await deployCommands(config, logger)
    process.stdout.write(`Registered /${names.join(', /')} ${scope}.\n`)
    return 0
  } catch (error) {
    const status = (error as { status?: number }).status
    const reason =
      error instanceof ConfigError ? error.message : status === 401 ? `Discord rejected DISCORD_TOKEN. ${TOKEN_HELP}` : String(error)
    process.stderr.write(`Could not register the commands: ${reason}\n`)
    return 1
  }
}

// Run only as a script (`tsx src/discord/deployCommands.ts`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code))
}
