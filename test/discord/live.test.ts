// The bot as a process (`npm start` with a token) answers from a file added to SEEDS_DIR while it runs, and still
// stops cleanly on SIGTERM with its folder watch open.
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DiscordStandin, FAKE_TOKEN } from '../support/discordStandin.js'
import { tempSeeds } from '../support/tempSeeds.js'
import { body, embedText, newUser, plain, replyOf } from './harness.js'

const FIXTURE = 'test/discord/fixtures/runDiscord.ts'
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
})

describe('the bot with WATCH_SEEDS on (the default)', () => {
  it('answers from a file added while it runs', async () => {
    const seeds = await tempSeeds()
    const s = await DiscordStandin.start()
    cleanups.push(() => s.close(), seeds.cleanup)
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { PATH: process.env.PATH, SEEDS_DIR: seeds.seedsDir, INDEX_DIR: seeds.indexDir, LOG_LEVEL: 'info', DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: s.apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const deadline = (ms: number) => Date.now() + ms
    for (const until = deadline(20_000); !/Discord: ready as/.test(stderr); ) {
      if (Date.now() > until) throw new Error(`the bot did not start:\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(stderr).toContain('watching the articles folder for changes')

    await writeFile(join(seeds.seedsDir, 'bridge.txt'), 'The Quillon Bridge was designed by Ottoline Farthingale in 1911.\n')
    // Ask until the answer comes (a new user each time: the cooldown is per user).
    let text = ''
    for (const until = deadline(10_000); !text.includes('Ottoline Farthingale') && Date.now() < until; ) {
      const question = s.userSays(newUser(), 'Who designed the Quillon Bridge?')
      text = plain(embedText(body(await replyOf(s, question))))
    }
    expect(text).toContain('Ottoline Farthingale')
    expect(text).toContain('bridge.txt')
    expect(stderr).toMatch(/"module":"live".*"trigger":"watch".*"added":1/)

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 60_000)
})
