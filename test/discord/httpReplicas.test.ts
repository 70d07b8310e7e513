// Two replicas of the endpoint over the same articles: A in this process, B a separate `npm start`-like process.
// Neither keeps anything between requests, so one conversation's clicks can land on either: pages, "More sources"
// and 👍 / 👎 come out the same. Then SIGTERM on B while it is finishing a request.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { APIInteraction } from 'discord.js'
import type { Engine } from '../../src/engine.js'
import { readFeedback } from '../../src/feedback/log.js'
import { buttons, newUser, seedsEngine } from './harness.js'
import type { SentBody } from './harness.js'
import { startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

const FIXTURE = 'test/discord/fixtures/runDiscord.ts'
const dir = mkdtempSync(join(tmpdir(), 'replicas-'))
const SALT = 'one-salt-for-every-replica'

interface Replica {
  url: string
  origin: string
  stderr: () => string
  exited: Promise<number | null>
  kill: (signal: NodeJS.Signals) => void
}

/** Replica B: the endpoint alone (no DISCORD_TOKEN), as `npm start` runs it, in its own process. */
async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { PATH: process.env.PATH, SEEDS_DIR: 'seeds', INDEX_DIR: join(dir, 'index-b'), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
      const listening = /"port":(\d+)[^\n]*interactions endpoint listening/.exec(stderr)
      if (listening && stderr.includes('interactions endpoint ready')) resolve(Number(listening[1]))
    })
    void exited.then((code) => reject(new Error(`replica exited (${code}): ${stderr}`)))
  })
  const origin = `http://127.0.0.1:${port}`
  return { url: `${origin}/interactions`, origin, stderr: () => stderr, exited, kill: (signal) => child.kill(signal) }
}

let a: EndpointHarness
let b: Replica
let engine: Engine
beforeAll(async () => {
  a = await startEndpointHarness({ env: { FEEDBACK_FILE: join(dir, 'a.jsonl'), FEEDBACK_SALT: SALT } })
  b = await startReplica(a.discord.env({ INTERACTIONS_HOST: '127.0.0.1', FEEDBACK_FILE: join(dir, 'b.jsonl'), FEEDBACK_SALT: SALT }))
  engine = await seedsEngine()
}, 60_000)
afterAll(async () => {
  b?.kill('SIGKILL')
  await a?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const onA = (interaction: APIInteraction) => a.send(interaction)
const onB = (interaction: APIInteraction) => a.discord.send(b.url, interaction)
async function ok(sent: ReturnType<typeof onA>): Promise<{ type: number; data: SentBody }> {
  const response = await sent
  expect(response.status).toBe(200)
  return response.json as { type: number; data: SentBody }
}
/** "file ¶ n" of each passage a page lists. */
const sourcesOf = (data: SentBody) => data.embeds![0]!.fields!.map((f) => /`([^`]+)` ¶ (\d+)$/.exec(f.value)!.slice(1).join(' ¶ '))

describe('one conversation across two replicas', () => {
  it('pages a search: page 2 on A, page 3 on B, back to page 2 on B, each the right passages', async () => {
    const query = 'Trump'
    const { total } = engine.search(query, { limit: 5 })
    expect(total).toBeGreaterThan(15)
    const expected = (page: number) => engine.search(query, { limit: 5, offset: page * 5 }).hits.map((h) => `${h.chunk.file} ¶ ${h.chunk.paragraph}`)
    const user = newUser()
    const search = a.discord.slashCommand(user, 'search', { query })
    const first = await ok(onA(search))
    expect(sourcesOf(first.data)).toEqual(expected(0))

    const clickNext = async (send: typeof onA, page: number) => {
      const message = a.discord.message(search)
      const [previous, next] = buttons(message as unknown as SentBody)
      const reply = await ok(send(a.discord.clickButton(user, message, (page === -1 ? previous : next)!.custom_id)))
      expect(reply.type).toBe(7)
      return reply.data
    }
    const page2 = await clickNext(onA, 1)
    expect(sourcesOf(page2)).toEqual(expected(1))
    expect(page2.embeds![0]!.footer!.text).toMatch(/^Page 2 of/)
    const page3 = await clickNext(onB, 1)
    expect(sourcesOf(page3)).toEqual(expected(2))
    expect(page3.embeds![0]!.footer!.text).toMatch(/^Page 3 of/)
    const back = await clickNext(onB, -1)
    expect(sourcesOf(back)).toEqual(expected(1))
  })

  it('opens "More sources" of A’s answer on B and turns its page on A', async () => {
    const user = newUser()
    const ask = a.discord.slashCommand(user, 'ask', { question: 'who did Xi send?' })
    const answer = await ok(onA(ask))
    const more = buttons(answer.data).find((x) => x.label === 'More sources')!
    const click = a.discord.clickButton(user, a.discord.message(ask), more.custom_id)
    const list = await ok(onB(click))
    const cited = engine.ask('who did Xi send?', { k: 11 }).citations.filter((c) => c.role === 'more')
    expect(sourcesOf(list.data)).toEqual(cited.slice(0, 5).map((c) => `${c.chunk.file} ¶ ${c.chunk.paragraph}`))
    const next = buttons(list.data)[1]!
    const page2 = await ok(onA(a.discord.clickButton(user, a.discord.message(click), next.custom_id)))
    expect(sourcesOf(page2.data)).toEqual(cited.slice(5, 10).map((c) => `${c.chunk.file} ¶ ${c.chunk.paragraph}`))
  })

  it('records a 👎 on B for A’s answer, with the same hashed user as A would write', async () => {
    const user = newUser()
    const ask = a.discord.slashCommand(user, 'ask', { question: 'Which countries did Trump threaten with 25% tariffs?' })
    await ok(onA(ask))
    const message = a.discord.message(ask)
    const [good, bad] = buttons(message as unknown as SentBody).filter((x) => x.label === '👍' || x.label === '👎')
    await ok(onB(a.discord.clickButton(user, message, bad!.custom_id)))
    await ok(onA(a.discord.clickButton(user, message, good!.custom_id)))
    const [onB_] = readFeedback(join(dir, 'b.jsonl')).records
    const [onA_] = readFeedback(join(dir, 'a.jsonl')).records
    expect(onB_).toMatchObject({ verdict: 'bad', question: 'Which countries did Trump threaten with 25% tariffs?', answer: 'Mexico and Canada', message: message.id })
    expect(onB_!.citations![0]!.text).toContain('threatening Mexico and Canada with 25% tariffs')
    expect(onA_!.user).toBe(onB_!.user)
    expect(onB_!.user).not.toContain(user.id)
  })
})

describe('SIGTERM', () => {
  it('lets B finish the request in flight, refuses new ones, and exits 0', async () => {
    const s = a.standin
    // The answer's edit of @original is rate limited for a second: the request is still in flight when SIGTERM comes.
    s.failNext({ method: 'PATCH', path: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, status: 429, retryAfter: 1 })
    const late = a.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' }, { createdAt: Date.now() - 2000 })
    const first = await onB(late)
    expect(first.json).toEqual({ type: 5, data: { flags: 0 } })
    await s.waitForCall((c) => c.status === 429 && c.path.includes(late.token))
    b.kill('SIGTERM')
    await waitFor(() => b.stderr().includes('interactions: shutting down'))
    // A new request now: refused, whether it comes on a new connection or on an open one.
    const refused = await onB(a.discord.slashCommand(newUser(), 'ask', { question: 'who is Xi Jinping?' })).then(
      (response) => response.status,
      (error: NodeJS.ErrnoException) => error.code,
    )
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(refused)
    const edit = await s.waitForCall((c) => c.method === 'PATCH' && c.status === 200 && c.path.includes(late.token))
    expect((edit.body as SentBody).embeds![0]!.description).toMatch(/Han Zheng/)
    expect(await b.exited).toBe(0)
    expect(b.stderr()).toContain('interactions: finished requests in flight')
    expect(b.stderr()).toContain('interactions endpoint stopped')
    await expect(a.discord.get(`${b.origin}/healthz`)).rejects.toThrow()
  })
})
