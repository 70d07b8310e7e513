// The HTTP interactions endpoint, over real HTTP: Discord's requests signed with a real Ed25519 key pair and verified
// by the real server; every slash command, autocomplete and button answered as on the gateway; everything else refused
// with a clear status, and logged without its body.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { APIInteraction } from 'discord.js'
import { loadConfig } from '../../src/config.js'
import { commands } from '../../src/discord/commands/index.js'
import type { Command } from '../../src/discord/context.js'
import { corpusId } from '../../src/discord/corpusId.js'
import { listenEndpoint } from '../../src/discord/http/endpoint.js'
import { MAX_BODY_BYTES } from '../../src/discord/http/server.js'
import { respond } from '../../src/discord/respond.js'
import type { Engine } from '../../src/engine.js'
import { renderAnswer } from '../../src/format/discord.js'
import { readFeedback } from '../../src/feedback/log.js'
import { createLogger } from '../../src/logger.js'
import { buttons, embedText, newUser, plain, seedsEngine } from './harness.js'
import type { SentBody } from './harness.js'
import { finalReply, startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

const EPHEMERAL = 64
const NO_PINGS = { parse: [], replied_user: false }
const feedbackDir = mkdtempSync(join(tmpdir(), 'endpoint-feedback-'))
let h: EndpointHarness
let engine: Engine

beforeAll(async () => {
  h = await startEndpointHarness({ env: { FEEDBACK_FILE: join(feedbackDir, 'feedback.jsonl'), FEEDBACK_SALT: 'test-salt-0123456789' } })
  engine = await seedsEngine()
})
afterAll(async () => {
  await h?.close()
  rmSync(feedbackDir, { recursive: true, force: true })
})

/** Sends and expects a 200 with an interaction response. */
async function ok(interaction: APIInteraction): Promise<{ type: number; data: SentBody }> {
  const response = await h.send(interaction)
  expect(response.status).toBe(200)
  return response.json as { type: number; data: SentBody }
}

describe('a PING from Discord (the Developer Portal checks the URL with one)', () => {
  it('gets a PONG', async () => {
    const ping = { id: '1', type: 1, application_id: h.standin.applicationId, token: 'ping', version: 1 }
    const response = await h.send(ping as unknown as APIInteraction)
    expect(response.status).toBe(200)
    expect(response.json).toEqual({ type: 1 })
    expect(response.headers['content-type']).toBe('application/json')
  })
})

describe('/ask', () => {
  it('answers in the HTTP response with the payload the gateway sends (one reply shaper)', async () => {
    const interaction = h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' })
    const { type, data } = await ok(interaction)
    expect(type).toBe(4)
    const expected = renderAnswer(engine.ask('who did Xi send?', { k: 11 }), { corpus: corpusId(engine.articles), followUps: false })
    expect(data.embeds).toEqual(expected.embeds)
    expect(data.components).toEqual(expected.components)
    expect(data.allowed_mentions).toEqual(NO_PINGS)
    expect(data.embeds![0]!.description).toMatch(/^\*\*Vice President Han Zheng\*\*/)
    expect(buttons(data).map((b) => b.label)).toEqual(['More sources', '👍', '👎'])
    // Without a gateway, a reply to the answer never reaches the bot: the footer does not invite one.
    expect(data.embeds![0]!.footer!.text).toBe('From the loaded articles only')
  })

  it('shows the closest passages as such, and declines what the articles are not about, as the gateway does', async () => {
    for (const [question, outcome, description] of [
      ['what did trump and xi discuss on the phone', 'passages', 'Not sure — these passages are closest:'],
      ['Who directed the movie Titanic?', 'declined', "The articles don't cover that."],
    ] as const) {
      const { data } = await ok(h.discord.slashCommand(newUser(), 'ask', { question }))
      const answer = engine.ask(question, { k: 11 })
      expect(answer.outcome).toBe(outcome)
      const expected = renderAnswer(answer, { corpus: corpusId(engine.articles), followUps: false })
      expect(data.embeds).toEqual(expected.embeds)
      expect(data.components).toEqual(expected.components)
      expect(data.embeds![0]!.description).toBe(description)
      if (outcome === 'passages') expect(data.embeds![0]!.fields!.length).toBe(3)
      else expect(data.embeds![0]!.fields ?? []).toEqual([])
      expect(buttons(data).map((b) => b.label)).toEqual(outcome === 'passages' ? ['More sources', '👍', '👎'] : ['👍', '👎'])
    }
  })

  it('answers privately when asked to', async () => {
    const { data } = await ok(h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?', private: true }))
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL)
  })

  it('defers when the interaction already waited, then edits @original through the REST API', async () => {
    const late = h.discord.slashCommand(newUser(), 'ask', { question: 'who is Xi Jinping?' }, { createdAt: Date.now() - 2000 })
    const response = await h.send(late)
    expect(response.json).toEqual({ type: 5, data: { flags: 0 } })
    const edit = await finalReply(h, late, response)
    expect(edit.embeds![0]!.title).toBe('who is Xi Jinping?')
    expect(edit.allowed_mentions).toEqual(NO_PINGS)
    expect(h.standin.messages.get(h.standin.originals.get(late.token)!)!.embeds[0]!.title).toBe('who is Xi Jinping?')
  })
})

describe('/search, /sources, /help', () => {
  it('/search shows the first page with Previous/Next', async () => {
    const { total } = engine.search('Trump Xi call', { limit: 5 })
    const { type, data } = await ok(h.discord.slashCommand(newUser(), 'search', { query: 'Trump Xi call' }))
    expect(type).toBe(4)
    expect(data.embeds![0]!.title).toBe('Search: Trump Xi call')
    expect(data.embeds![0]!.footer!.text).toBe(`Page 1 of ${Math.ceil(total / 5)} · ${total} passages`)
    expect(buttons(data).map((b) => [b.label, b.disabled])).toEqual([['Previous', true], ['Next', false]])
  })

  it('/sources lists the articles privately', async () => {
    const { data } = await ok(h.discord.slashCommand(newUser(), 'sources'))
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(data.embeds![0]!.title).toBe(`Articles (${engine.articles.length})`)
  })

  it('/help offers only what reaches an endpoint without a gateway: slash commands, not mentions', async () => {
    const { data } = await ok(h.discord.slashCommand(newUser(), 'help'))
    expect(data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const text = embedText(data)
    expect(text).toContain('/ask')
    expect(text).not.toContain('Mention me')
    expect(text).not.toContain('Reply to my answer')
  })

  it('an unknown command gets the help, as on the gateway', async () => {
    const { data } = await ok(h.discord.slashCommand(newUser(), 'nosuchcommand'))
    expect(embedText(data)).toContain('Ask the news')
  })
})

describe('autocomplete', () => {
  it.each([
    ['ask', 'question', 'xi'],
    ['search', 'query', 'Leavitt'],
  ])('/%s %s:"%s" suggests from the corpus', async (command, option, typed) => {
    const response = (await ok(h.discord.autocomplete(newUser(), command, { [option]: typed }, option))) as unknown as {
      type: number
      data: { choices: { name: string; value: string }[] }
    }
    expect(response.type).toBe(8)
    const suggested = [...new Set(engine.suggest(typed, 25).map((s) => s.replace(/\s+/g, ' ').trim()))].filter(Boolean)
    expect(response.data.choices.map((c) => c.name)).toEqual(suggested)
    expect(response.data.choices.length).toBeGreaterThan(0)
  })
})

describe('buttons', () => {
  it('Next turns the asker’s page in place; someone else gets a private copy', async () => {
    const asker = newUser()
    const search = h.discord.slashCommand(asker, 'search', { query: 'Trump Xi call' })
    const first = (await ok(search)).data
    const next = buttons(first)[1]!.custom_id
    const turned = await ok(h.discord.clickButton(asker, h.discord.message(search), next))
    expect(turned.type).toBe(7)
    expect(turned.data.embeds![0]!.fields![0]!.name).toMatch(/^6\. /)
    const copy = await ok(h.discord.clickButton(newUser(), h.discord.message(search), next))
    expect(copy.type).toBe(4)
    expect(copy.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(copy.data.embeds![0]!.fields![0]!.name).toMatch(/^6\. /)
  })

  it('"More sources" shows the answer’s further passages privately, and pages them', async () => {
    const user = newUser()
    const ask = h.discord.slashCommand(user, 'ask', { question: 'who did Xi send?' })
    const answer = (await ok(ask)).data
    const more = buttons(answer).find((b) => b.label === 'More sources')!
    const click = h.discord.clickButton(user, h.discord.message(ask), more.custom_id)
    const list = await ok(click)
    expect(list.type).toBe(4)
    expect(list.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(list.data.embeds![0]!.title).toBe('More sources: who did Xi send?')
    const cited = engine.ask('who did Xi send?', { k: 11 }).citations.filter((c) => c.role === 'more')
    expect(list.data.embeds![0]!.fields!.map((f) => f.value.split('\n— ')[1])).toEqual(
      cited.slice(0, 5).map((c) => expect.stringContaining(`\`${c.chunk.file}\` ¶ ${c.chunk.paragraph}`)),
    )
    // Quoted as the answer cited them: the question's words in bold.
    expect(list.data.embeds![0]!.fields![0]!.value).toContain('**')
    if (cited.length > 5) {
      const page2 = await ok(h.discord.clickButton(user, h.discord.message(click), buttons(list.data)[1]!.custom_id))
      expect(page2.type).toBe(7)
      expect(page2.data.embeds![0]!.fields![0]!.name).toMatch(/^6\. /)
    }
  })

  it('the article list turns its page', async () => {
    const user = newUser()
    const sources = h.discord.slashCommand(user, 'sources')
    await ok(sources)
    const update = await ok(h.discord.clickButton(user, h.discord.message(sources), 'sources:1'))
    expect(update.type).toBe(7)
    expect(update.data.embeds![0]!.title).toBe(`Articles (${engine.articles.length})`)
  })

  it('👎 records the rating with a hashed user id and thanks privately', async () => {
    const user = newUser()
    const ask = h.discord.slashCommand(user, 'ask', { question: 'who did Xi send?' })
    await ok(ask)
    const bad = buttons(h.discord.message(ask) as unknown as SentBody).find((b) => b.label === '👎')!
    const thanks = await ok(h.discord.clickButton(user, h.discord.message(ask), bad.custom_id))
    expect(thanks.type).toBe(4)
    expect(thanks.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(thanks.data))).toContain('Noted as a bad answer')
    const { records } = readFeedback(join(feedbackDir, 'feedback.jsonl'))
    const record = records.at(-1)!
    expect(record).toMatchObject({ verdict: 'bad', from: 'discord', question: 'who did Xi send?', answer: 'Vice President Han Zheng', answered: true })
    expect(record.citations![0]!.text).toContain('sending Vice President Han Zheng')
    expect(record.user).toMatch(/^[0-9a-f]{32}$/)
    expect(record.user).not.toContain(user.id)
    expect(readFileSync(join(feedbackDir, 'feedback.jsonl'), 'utf8')).not.toContain(user.id)
  })

  it('one from an earlier version of the bot says its results expired', async () => {
    const search = h.discord.slashCommand(newUser(), 'search', { query: 'Trump' })
    await ok(search)
    const reply = await ok(h.discord.clickButton(newUser(), h.discord.message(search), 'search:gone123:1'))
    expect(reply.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(reply.data))).toContain('These results have expired')
  })
})

describe('a command added to the commands map', () => {
  it('is served without any change to the endpoint, and when slow, deferred first and its reply sent as an edit', async () => {
    const slow: Command = {
      data: new SlashCommandBuilder().setName('slowpoke').setDescription('test').setContexts(InteractionContextType.Guild),
      async execute(interaction, ctx) {
        await new Promise((resolve) => setTimeout(resolve, 300))
        await respond(interaction, { embeds: [{ description: `articles: ${ctx.engine.articles.length}` }], components: [], allowedMentions: { parse: [], repliedUser: false } })
      },
    }
    const registry = commands as Map<string, Command>
    registry.set('slowpoke', slow)
    const quick = await startEndpointHarness({ discord: h.discord, deferAfterMs: 100 })
    try {
      const interaction = h.discord.slashCommand(newUser(), 'slowpoke')
      const response = await quick.send(interaction)
      expect(response.json).toEqual({ type: 5, data: { flags: 0 } })
      expect(response.ms).toBeLessThan(300)
      const edit = await finalReply(quick, interaction, response)
      expect(edit.embeds![0]!.description).toBe(`articles: ${engine.articles.length}`)
    } finally {
      registry.delete('slowpoke')
      await quick.close()
    }
  })
})

describe('requests the endpoint refuses', () => {
  const ask = () => h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' })
  const SECRET = 'do-not-log-this-body'
  const refusals = () => h.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('interactions: refused'))

  it('a bad signature: 401, logged without the body', async () => {
    const interaction = { ...ask(), data: { name: SECRET } } as unknown as APIInteraction
    const response = await h.send(interaction, { signature: h.discord.sign('1', 'something else') })
    expect(response.status).toBe(401)
    expect(response.json).toEqual({ error: 'bad signature' })
    expect(refusals().at(-1)).toMatchObject({ status: 401, reason: 'bad signature' })
    expect(h.logText()).not.toContain(SECRET)
  })

  it('a body changed after signing: 401', async () => {
    const body = JSON.stringify(ask())
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = h.discord.sign(timestamp, body)
    const response = await h.discord.post(h.url, body.replace('who did Xi send?', 'who did Xi snub?'), {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    })
    expect(response.status).toBe(401)
  })

  it('no signature: 401', async () => {
    const response = await h.send(ask(), { signature: null })
    expect(response.status).toBe(401)
    expect(response.json).toEqual({ error: 'missing signature' })
  })

  it('a stale timestamp (signed, but older than 5 minutes: a replay): 401', async () => {
    const response = await h.send(ask(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })
    expect(response.status).toBe(401)
    expect(response.json).toEqual({ error: 'stale timestamp' })
  })

  it('a timestamp from the future (signed, more than 5 minutes ahead): 401', async () => {
    const response = await h.send(ask(), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })
    expect(response.status).toBe(401)
    expect(response.json).toEqual({ error: 'stale timestamp' })
  })

  it('a body over the limit: 413, by its Content-Length or once read past it', async () => {
    const huge = JSON.stringify({ ...ask(), padding: 'x'.repeat(MAX_BODY_BYTES) })
    const declared = await h.send(ask(), { body: huge })
    expect(declared.status).toBe(413)
    // Chunked: no Content-Length to go by.
    const timestamp = String(Math.floor(Date.now() / 1000))
    const streamed = await h.discord.post(h.url, huge, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
      'x-signature-ed25519': h.discord.sign(timestamp, huge),
      'x-signature-timestamp': timestamp,
    })
    expect(streamed.status).toBe(413)
  })

  it('a wrong content type: 415', async () => {
    const response = await h.send(ask(), { headers: { 'content-type': 'text/plain' } })
    expect(response.status).toBe(415)
  })

  it('malformed JSON (signed): 400', async () => {
    const response = await h.send(ask(), { body: '{"type": 2, "id": ' })
    expect(response.status).toBe(400)
    expect(response.json).toEqual({ error: 'malformed JSON' })
  })

  it('an unknown interaction type: 400', async () => {
    const response = await h.send({ ...ask(), type: 99 } as unknown as APIInteraction)
    expect(response.status).toBe(400)
    expect(response.json).toEqual({ error: 'unknown interaction type 99' })
  })

  it('an interaction discord.js cannot build (a command without its data): 400', async () => {
    const { data: _data, ...broken } = ask() as APIInteraction & { data: unknown }
    const response = await h.send(broken as unknown as APIInteraction)
    expect(response.status).toBe(400)
  })

  it('another method or path: 405 and 404', async () => {
    expect((await h.discord.get(h.url)).status).toBe(405)
    expect((await h.discord.get(`${h.origin}/nope`)).status).toBe(404)
  })
})

describe('GET /healthz', () => {
  it('is 200 once the articles are loaded', async () => {
    const response = await h.discord.get(`${h.origin}/healthz`)
    expect(response.status).toBe(200)
    expect(response.json).toEqual({ status: 'ready', articles: engine.articles.length, paragraphs: engine.chunks.length })
  })

  it('is 503 while they load, and interactions get 503 too', async () => {
    const config = loadConfig(h.discord.env({ INTERACTIONS_HOST: '127.0.0.1' }))
    const endpoint = await listenEndpoint({ config, logger: createLogger({ level: 'silent' }) })
    try {
      const origin = `http://127.0.0.1:${endpoint.port}`
      const health = await h.discord.get(`${origin}/healthz`)
      expect(health.status).toBe(503)
      expect(health.json).toEqual({ status: 'starting' })
      const interaction = h.discord.slashCommand(newUser(), 'ask', { question: 'who did Xi send?' })
      expect((await h.discord.send(`${origin}/interactions`, interaction)).status).toBe(503)
    } finally {
      await endpoint.close(100)
    }
  })
})

describe('this file', () => {
  it('made the endpoint log no errors, and never a token', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
    expect(h.logText()).not.toMatch(/itoken-\d+/)
  })
})
