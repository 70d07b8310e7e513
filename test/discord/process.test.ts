// The bot as a process: a token Discord rejects ends it with exit code 1 and a message naming DISCORD_TOKEN;
// SIGTERM lets the reply in flight finish and exits 0; SHARDS runs one process per shard.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GatewayOpcodes } from 'discord.js'
import { DiscordStandin, FAKE_TOKEN } from '../support/discordStandin.js'
import type { StandinOptions } from '../support/discordStandin.js'
import { body, embedText, newUser, plain, replyOf } from './harness.js'

const FIXTURE = 'test/discord/fixtures/runDiscord.ts'
const indexDir = mkdtempSync(join(tmpdir(), 'discord-index-'))
const standins: DiscordStandin[] = []
afterAll(async () => {
  await Promise.all(standins.map((s) => s.close()))
  rmSync(indexDir, { recursive: true, force: true })
})

async function standin(options: StandinOptions = {}): Promise<DiscordStandin> {
  const s = await DiscordStandin.start(options)
  standins.push(s)
  return s
}

interface Child {
  stderr: () => string
  exited: Promise<number | null>
  kill: (signal: NodeJS.Signals) => void
  /** Resolves when stderr has a line matching `pattern`. */
  waitFor: (pattern: RegExp) => Promise<void>
}

function run(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { PATH: process.env.PATH, SEEDS_DIR: 'seeds', INDEX_DIR: indexDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
    for (const w of waiters.splice(0)) if (w.pattern.test(stderr)) w.resolve(); else waiters.push(w)
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    stderr: () => stderr,
    exited,
    kill: (signal) => child.kill(signal),
    waitFor: (pattern) =>
      pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve })),
  }
}

describe('a token Discord rejects', () => {
  it('(gateway close 4004) exits 1 with a clear message naming DISCORD_TOKEN', async () => {
    const s = await standin({ rejectIdentify: true })
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl })
    expect(await child.exited).toBe(1)
    expect(child.stderr()).toMatch(/^Discord rejected DISCORD_TOKEN \(gateway close 4004: authentication failed\)\. Create a bot at https:\/\/discord\.com\/developers\/applications/m)
    expect(child.stderr()).not.toContain(FAKE_TOKEN)
    expect(s.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify)).toHaveLength(1)
  })

  it('(401 from the API) exits 1 with the same kind of message', async () => {
    const s = await standin({ token: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.XyZaBc.' + 'y'.repeat(27) })
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl })
    expect(await child.exited).toBe(1)
    expect(child.stderr()).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)\. Create a bot/m)
    expect(child.stderr()).not.toContain(FAKE_TOKEN)
  })
})

describe('a Message Content intent Discord refuses', () => {
  it('(gateway close 4014) exits 1 saying where to enable it, or to leave ASK_CHANNELS empty', async () => {
    const s = await standin({ refuseMessageContent: true })
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl, ASK_CHANNELS: s.askChannel.id })
    expect(await child.exited).toBe(1)
    expect(child.stderr()).toMatch(
      /^Discord refused the Message Content intent \(gateway close 4014: disallowed intents\)\. Enable it in the Developer Portal → your application → Bot → Privileged Gateway Intents, or leave ASK_CHANNELS empty\.$/m,
    )
  })
})

describe('SIGTERM', () => {
  it('lets the reply in flight finish, then exits 0', async () => {
    const s = await standin()
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl })
    await child.waitFor(/Discord: ready as/)
    // Hold the reply in flight: its first attempt is rate limited for a second.
    s.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 1 })
    const question = s.userSays(newUser(), 'who did Xi send?')
    await s.waitForCall((c) => c.status === 429)
    child.kill('SIGTERM')
    const reply = await replyOf(s, question)
    expect(plain(embedText(body(reply)))).toContain('Han')
    expect(await child.exited).toBe(0)
    expect(child.stderr()).toContain('Discord: finished replies in flight')
    expect(child.stderr()).not.toContain(FAKE_TOKEN)
  })
})

describe('npm run deploy-commands', () => {
  it('registers the eight commands in DISCORD_GUILD_ID and says so', async () => {
    const s = await standin()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/deployCommands.ts'], {
      env: { PATH: process.env.PATH, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl, DISCORD_GUILD_ID: s.guildId },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0)
    expect(stdout).toBe(`Registered /ask, /search, /sources, /help, /reload, /add, /articles, /remove to guild ${s.guildId}.\n`)
    expect(s.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
      `/applications/${s.applicationId}/guilds/${s.guildId}/commands`,
    ])
  })
})

describe('SHARDS=2', () => {
  it('runs one process per shard under the ShardingManager, each answering its own guilds and DMs', async () => {
    const s = await standin()
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl, SHARDS: '2' })
    await child.waitFor(/"shard":"1".*Discord: ready as/)
    const shards = s.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify).map((e) => e.shard)
    expect(shards).toEqual([[0, 2], [1, 2]])
    const inGuild = s.userSays(newUser(), 'who did Xi send?')
    const inDm = s.userSays(newUser(), 'who did Xi send?', { dm: true })
    for (const question of [inGuild, inDm]) expect(plain(embedText(body(await replyOf(s, question))))).toContain('Han')
    child.kill('SIGTERM')
    expect(await child.exited).toBe(0)
  }, 60_000)
})

describe('SHARDS=auto', () => {
  it('runs as many shards as Discord recommends (GET /gateway/bot)', async () => {
    const s = await standin({ recommendedShards: 2 })
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl, SHARDS: 'auto' })
    await child.waitFor(/"shard":"1".*Discord: ready as/)
    const shards = s.gatewayLog.filter((e) => e.op === GatewayOpcodes.Identify).map((e) => e.shard)
    expect(shards).toEqual([[0, 2], [1, 2]])
    expect(s.calls.some((c) => c.method === 'GET' && c.path === '/gateway/bot')).toBe(true)
    child.kill('SIGTERM')
    expect(await child.exited).toBe(0)
  }, 60_000)
})
