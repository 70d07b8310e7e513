// /add, /articles and /remove over the HTTP interactions endpoint: the same handlers as over the gateway, the
// attachment's bytes served by the loopback stand-in, the engine answering from the added article at once.
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PermissionFlagsBits } from 'discord.js'
import type { APIInteraction } from 'discord.js'
import { Engine } from '../../src/engine.js'
import { snowflake } from '../support/discordStandinPayloads.js'
import { BRIDGE_PARAGRAPHS, OG_ARTICLE, PAGES, startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'
import { tempSeeds } from '../support/tempSeeds.js'
import { embedText, newUser, plain } from './harness.js'
import type { SentBody } from './harness.js'
import { finalReply, startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

const MANAGER = String(PermissionFlagsBits.ManageGuild)
const ORDINARY = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands)
const EDITOR_ROLE = snowflake()

let h: EndpointHarness
let site: NewsSite
let engine: Engine
let seeds: Awaited<ReturnType<typeof tempSeeds>>
beforeAll(async () => {
  seeds = await tempSeeds()
  engine = await Engine.open({ seedsDir: seeds.seedsDir, indexDir: null })
  site = await startNewsSite()
  h = await startEndpointHarness({ engine, env: { SEEDS_DIR: seeds.seedsDir, ALLOW_PRIVATE_URLS: 'true', EDITOR_ROLE_ID: EDITOR_ROLE } })
})
afterAll(async () => {
  await h?.close()
  await site?.close()
  await seeds?.cleanup()
})

const text = (sent: SentBody) => plain(embedText(sent)).trim()

async function run(interaction: APIInteraction): Promise<SentBody> {
  return finalReply(h, interaction, await h.send(interaction))
}

describe('over the HTTP endpoint', () => {
  it('/add with an attached HTML page, for the editor role: added, and answered from', async () => {
    const file = h.standin.upload('footbridge.html', PAGES['/og']!, 'text/html; charset=utf-8')
    const reply = await run(h.discord.slashCommand(newUser(), 'add', { file }, { permissions: ORDINARY, roles: [EDITOR_ROLE] }))
    expect(reply.embeds![0]!.title).toBe('Article added')
    expect(reply.embeds![0]!.fields![0]!.value).toBe(`> ${BRIDGE_PARAGRAPHS[0]}`)
    expect(text(reply)).toContain(`Quell Valley News · 2026-11-14 · 6 paragraphs\n\`${OG_ARTICLE.file}\``)
    const answer = await run(h.discord.slashCommand(newUser(), 'ask', { question: 'Which engineer designed the footbridge?' }))
    expect(text(answer)).toContain('Ilse Tangwood')
  })

  it('/add with a link to the same article names the one already there', async () => {
    const reply = await run(h.discord.slashCommand(newUser(), 'add', { url: `${site.origin}/redirect/1` }, { permissions: MANAGER }))
    expect(text(reply)).toBe(`Already there: Marrowby footbridge opens early \`${OG_ARTICLE.file}\`. Nothing was added.`)
  })

  it('/add with a link to another page adds it', async () => {
    const reply = await run(h.discord.slashCommand(newUser(), 'add', { url: `${site.origin}/plain` }, { permissions: MANAGER }))
    expect(reply.embeds![0]!.title).toBe('Article added')
  })

  it('refuses /add and /remove to a member without Manage Server, and writes nothing', async () => {
    const before = await readdir(seeds.seedsDir)
    const add = await run(h.discord.slashCommand(newUser(), 'add', { url: `${site.origin}/time` }, { permissions: ORDINARY }))
    expect(text(add)).toBe('Only members with the Manage Server permission or the editor role can add articles.')
    const remove = await run(h.discord.slashCommand(newUser(), 'remove', { article: OG_ARTICLE.file }, { permissions: ORDINARY, roles: [EDITOR_ROLE] }))
    expect(text(remove)).toBe('Only members with the Manage Server permission can remove articles.')
    expect(await readdir(seeds.seedsDir)).toEqual(before)
  })

  it('/articles lists what was added; /remove takes it out', async () => {
    const list = await run(h.discord.slashCommand(newUser(), 'articles', {}))
    expect(text(list)).toContain('Marrowby footbridge opens early\nQuell Valley News · 2026-11-14 · 6 paragraphs')
    const reply = await run(h.discord.slashCommand(newUser(), 'remove', { article: OG_ARTICLE.file }, { permissions: MANAGER }))
    expect(reply.embeds![0]!.title).toBe('Article removed')
    expect(engine.articles.map((a) => a.file)).not.toContain(OG_ARTICLE.file)
  })

  it('made the endpoint log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
