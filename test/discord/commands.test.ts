// Slash commands: /search pages, /sources, /help, autocomplete, and registering the commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { deployCommands } from '../../src/discord/deployCommands.js'
import { Engine } from '../../src/engine.js'
import { FAKE_TOKEN } from '../support/discordStandin.js'
import {
  buttons,
  callbackOf,
  embedText,
  interactionReply,
  newUser,
  originalMessage,
  plain,
  seedsEngine,
  startHarness,
} from './harness.js'
import type { Harness, SentBody } from './harness.js'

let h: Harness
let engine: Engine
beforeAll(async () => {
  h = await startHarness()
  engine = await seedsEngine()
})
afterAll(async () => {
  await h?.close()
})

const EPHEMERAL = 64

describe('/search', () => {
  const query = 'Trump Xi call'

  it('shows five passages per page, and Previous/Next turn the page for the asker', async () => {
    const user = newUser()
    const { total, hits } = engine.search(query, { limit: 10 })
    expect(total).toBeGreaterThan(5)
    const pages = Math.ceil(total / 5)
    const interaction = h.standin.slashCommand(user, 'search', { query })
    const first = await interactionReply(h.standin, interaction)
    const embed = first.embeds![0]!
    expect(embed.title).toBe(`Search: ${query}`)
    expect(embed.fields!.map((f) => f.name.split('.')[0])).toEqual(['1', '2', '3', '4', '5'])
    embed.fields!.forEach((f, i) => expect(f.value).toContain(`${hits[i]!.chunk.file}\` ¶ ${hits[i]!.chunk.paragraph}`))
    expect(embed.footer!.text).toBe(`Page 1 of ${pages} · ${total} passages`)
    const [previous, next] = buttons(first)
    expect([previous!.label, previous!.disabled, next!.label, next!.disabled]).toEqual(['Previous', true, 'Next', false])

    const click = h.standin.clickButton(user, originalMessage(h.standin, interaction), next!.custom_id)
    const update = (await callbackOf(h.standin, click)).body as { type: number; data: SentBody }
    expect(update.type).toBe(7) // UPDATE_MESSAGE: the same message shows page 2
    expect(update.data.embeds![0]!.fields![0]!.name).toMatch(/^6\. /)
    expect(update.data.embeds![0]!.fields![0]!.value).toContain(`${hits[5]!.chunk.file}\` ¶ ${hits[5]!.chunk.paragraph}`)
    expect(update.data.embeds![0]!.footer!.text).toBe(`Page 2 of ${pages} · ${total} passages`)
    expect(buttons(update.data)[0]!.disabled).toBe(false)

    const back = h.standin.clickButton(user, originalMessage(h.standin, interaction), buttons(update.data)[0]!.custom_id)
    const backUpdate = (await callbackOf(h.standin, back)).body as { type: number; data: SentBody }
    expect(backUpdate.data.embeds![0]!.fields![0]!.name).toMatch(/^1\. /)
  })

  it('gives someone else who clicks Next their own private copy, leaving the shared message alone', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'search', { query })
    const first = await interactionReply(h.standin, interaction)
    const next = buttons(first)[1]!
    const click = h.standin.clickButton(newUser(), originalMessage(h.standin, interaction), next.custom_id)
    const reply = (await callbackOf(h.standin, click)).body as { type: number; data: SentBody }
    expect(reply.type).toBe(4)
    expect(reply.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(reply.data.embeds![0]!.fields![0]!.name).toMatch(/^6\. /)
  })

  it('says so when nothing matches', async () => {
    const reply = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'search', { query: 'zyxwvut' }))
    expect(reply.embeds![0]!.description).toBe('No passage in the articles matches that.')
    expect(buttons(reply)).toEqual([])
  })
})

describe('/sources', () => {
  it('lists every article with what is known of it and its paragraph count, privately', async () => {
    const reply = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'sources'))
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const embed = reply.embeds![0]!
    expect(embed.title).toBe(`Articles (${engine.articles.length})`)
    const text = plain(embedText(reply))
    for (const article of engine.articles) {
      expect(text).toContain(`\`${article.file}\``)
      expect(text).toContain(`${article.paragraphs} paragraphs`)
      if (article.title) expect(text).toContain(article.title)
      if (article.date) expect(text).toContain(article.date)
    }
  })
})

describe('the article list buttons', () => {
  it('turn the page of the private list in place', async () => {
    const user = newUser()
    const interaction = h.standin.slashCommand(user, 'sources')
    await interactionReply(h.standin, interaction)
    const click = h.standin.clickButton(user, originalMessage(h.standin, interaction), 'sources:1')
    const update = (await callbackOf(h.standin, click)).body as { type: number; data: SentBody }
    expect(update.type).toBe(7)
    // Three articles fit on one page: page 2 clamps to the last page there is.
    expect(update.data.embeds![0]!.title).toBe(`Articles (${engine.articles.length})`)
  })
})

describe('the article list buttons, on 23 articles (three pages)', () => {
  let many: Harness
  const title = (i: number) => `Harbour report number ${String(i).padStart(2, '0')}`
  beforeAll(async () => {
    const texts = Array.from({ length: 23 }, (_, i) => ({
      file: `a${String(i).padStart(2, '0')}.txt`,
      text: `Reuters\n\nThe harbour of town ${i} reopened on Monday after repairs to its pier, officials said.\n`,
      meta: { title: title(i) },
    }))
    many = await startHarness({ engine: Engine.fromTexts(texts) })
  })
  afterAll(async () => {
    await many?.close()
  })

  it('show the page they name: page 2 lists articles 11 to 20, page 3 the last three', async () => {
    const user = newUser()
    const interaction = many.standin.slashCommand(user, 'sources')
    const first = await interactionReply(many.standin, interaction)
    expect(first.embeds![0]!.footer!.text).toBe('23 paragraphs in all · page 1 of 3')
    for (const [page, shown] of [[1, [10, 19]], [2, [20, 22]], [0, [0, 9]]] as const) {
      const click = many.standin.clickButton(user, originalMessage(many.standin, interaction), `sources:${page}`)
      const update = (await callbackOf(many.standin, click)).body as { type: number; data: SentBody }
      const embed = update.data.embeds![0]!
      expect(embed.footer!.text).toBe(`23 paragraphs in all · page ${page + 1} of 3`)
      const listed = [...embed.description!.matchAll(/Harbour report number (\d+)/g)].map((m) => Number(m[1]))
      expect(listed).toEqual(Array.from({ length: shown[1] - shown[0] + 1 }, (_, i) => shown[0] + i))
      expect(embed.description).toMatch(new RegExp(`^${shown[0] + 1}\\. `))
    }
  })
})

describe('/help', () => {
  it('explains how to ask, privately', async () => {
    const reply = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'help'))
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const text = embedText(reply)
    expect(text).toContain(`<@${h.standin.bot.id}> who did Xi send?`)
    expect(text).toContain('/ask')
    expect(text).toContain('/search')
    expect(text).toContain('5 questions every 30 seconds')
  })
})

describe('autocomplete', () => {
  const choicesOf = async (command: string, option: string, typed: string) => {
    const interaction = h.standin.autocomplete(newUser(), command, { [option]: typed }, option)
    const callback = (await callbackOf(h.standin, interaction)).body as { type: number; data: { choices: { name: string; value: string }[] } }
    expect(callback.type).toBe(8) // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    return callback.data.choices
  }

  it.each([
    ['ask', 'question', 'xi'],
    ['ask', 'question', ''],
    ['search', 'query', 'Leavitt'],
    ['ask', 'question', 'who '.repeat(60)],
  ])('/%s %s:"%s" offers at most 25 valid choices from the corpus', async (command, option, typed) => {
    const choices = await choicesOf(command, option, typed)
    expect(choices.length).toBeLessThanOrEqual(25)
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0)
      expect(choice.name.length).toBeLessThanOrEqual(100)
      expect(choice.value).toBe(choice.name)
    }
    expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length)
    const suggested = engine.suggest(typed, 25).map((s) => s.replace(/\s+/g, ' ').trim())
    expect(choices.map((c) => c.name)).toEqual([...new Set(suggested)].filter(Boolean))
  })

  it('suggests from the corpus for a partial question', async () => {
    const choices = await choicesOf('ask', 'question', 'xi')
    expect(choices.length).toBeGreaterThan(0)
    expect(choices.some((c) => /xi/i.test(c.name))).toBe(true)
  })
})

describe('a button from an earlier run of the bot', () => {
  it('says its results expired instead of failing', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'search', { query: 'Trump' })
    await interactionReply(h.standin, interaction)
    const click = h.standin.clickButton(newUser(), originalMessage(h.standin, interaction), 'search:gone123:1')
    const reply = (await callbackOf(h.standin, click)).body as { type: number; data: SentBody }
    expect(reply.data.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(reply.data))).toContain('These results have expired')
  })
})

describe('npm run deploy-commands', () => {
  const logger = createLogger({ level: 'silent' })
  const names = ['ask', 'search', 'sources', 'help', 'reload', 'add', 'articles', 'remove']

  it('registers the commands to DISCORD_GUILD_ID, finding the application id from the API', async () => {
    const since = h.standin.calls.length
    const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: h.standin.apiUrl, DISCORD_GUILD_ID: h.standin.guildId })
    await deployCommands(config, logger)
    const calls = h.standin.callsSince(since)
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'GET /applications/@me 200',
      `PUT /applications/${h.standin.applicationId}/guilds/${h.standin.guildId}/commands 200`,
    ])
    const registered = calls[1]!.body as { name: string; options?: { name: string; autocomplete?: boolean; max_length?: number }[] }[]
    expect(registered.map((c) => c.name)).toEqual(names)
    const question = registered[0]!.options!.find((o) => o.name === 'question')!
    expect(question).toMatchObject({ autocomplete: true, max_length: 500 })
  })

  it('registers globally without a guild, using DISCORD_CLIENT_ID when given', async () => {
    const since = h.standin.calls.length
    const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: h.standin.apiUrl, DISCORD_CLIENT_ID: h.standin.applicationId })
    const result = await deployCommands(config, logger)
    expect(result.names).toEqual(names)
    expect(h.standin.callsSince(since).map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /applications/${h.standin.applicationId}/commands`,
    ])
  })
})

describe('this file', () => {
  it('made the bot log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
