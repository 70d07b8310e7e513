// `npm start` with a token and INTERACTIONS_PORT: one process runs the gateway bot and the HTTP endpoint on one engine.
// Messages come over the gateway, interactions over HTTP; SIGTERM stops both. And with SHARDS it refuses to start.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { APIMessage } from 'discord.js'
import { readFeedback } from '../../src/feedback/log.js'
import { DiscordStandin, FAKE_TOKEN } from '../support/discordStandin.js'
import { EndpointDiscord } from '../support/discordEndpoint.js'
import { body, buttons, embedText, newUser, plain, replyOf } from './harness.js'
import type { SentBody } from './harness.js'

const FIXTURE = 'test/discord/fixtures/runDiscord.ts'
const dir = mkdtempSync(join(tmpdir(), 'beside-'))
const standins: DiscordStandin[] = []
afterAll(async () => {
  await Promise.all(standins.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { PATH: process.env.PATH, SEEDS_DIR: 'seeds', INDEX_DIR: join(dir, 'index'), LOG_LEVEL: 'info', WATCH_SEEDS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      const match = pattern.exec(stderr)
      if (match) return match
    }
    throw new Error(`no ${pattern} in: ${stderr}`)
  }
  return { stderr: () => stderr, exited, waitFor, kill: (signal: NodeJS.Signals) => child.kill(signal) }
}

describe('the gateway and the endpoint in one process', () => {
  it('answers a mention over the gateway and /ask over HTTP, rates the mention’s answer over HTTP, and stops on SIGTERM', async () => {
    const standin = await DiscordStandin.start()
    standins.push(standin)
    const discord = new EndpointDiscord(standin)
    const file = join(dir, 'feedback.jsonl')
    const child = run(discord.env({ DISCORD_TOKEN: FAKE_TOKEN, FEEDBACK_FILE: file, FEEDBACK_SALT: 'beside-salt-0123456789' }))
    try {
      const port = Number((await child.waitFor(/"port":(\d+)[^\n]*interactions endpoint listening/))[1])
      await child.waitFor(/Discord: ready as/)
      const url = `http://127.0.0.1:${port}/interactions`

      const user = newUser()
      const mention = await replyOf(standin, standin.userSays(user, 'who did Xi send?'))
      expect(plain(embedText(body(mention)))).toContain('Vice President Han Zheng')

      const ask = discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' })
      const response = await discord.send(url, ask)
      expect((response.json as { type: number; data: SentBody }).data.embeds![0]!.description).toMatch(/^\*\*Vice President Han Zheng\*\*/)
      // Beside the gateway, the help offers mentions too.
      const help = await discord.send(url, discord.slashCommand(newUser(), 'help'))
      expect(embedText((help.json as { data: SentBody }).data)).toContain('Mention me')

      const message = mention.response as APIMessage
      const good = buttons(message as unknown as SentBody).find((b) => b.label === '👍')!
      const rated = await discord.send(url, discord.clickButton(user, message, good.custom_id))
      expect(plain(embedText((rated.json as { data: SentBody }).data))).toContain('Noted as a good answer')
      expect(readFeedback(file).records.at(-1)).toMatchObject({ verdict: 'good', question: 'who did Xi send?', message: message.id })

      child.kill('SIGTERM')
      expect(await child.exited).toBe(0)
      expect(child.stderr()).toContain('Discord: stopped')
      await expect(discord.get(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
    } finally {
      child.kill('SIGKILL')
      discord.close()
    }
  }, 60_000)
})

describe('SHARDS with INTERACTIONS_PORT', () => {
  it('stops at start with a message saying to run the endpoint as its own process', async () => {
    const child = run({ DISCORD_TOKEN: FAKE_TOKEN, SHARDS: '2', INTERACTIONS_PORT: '0', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) })
    expect(await child.exited).toBe(1)
    expect(child.stderr()).toMatch(/^SHARDS and INTERACTIONS_PORT cannot run in one process: run the interactions endpoint as its own process/m)
  })
})
