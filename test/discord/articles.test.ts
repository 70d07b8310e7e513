// /add (by link and by attachment), /articles (paged), /remove (with autocomplete) over the gateway: the real
// discord.js client against the stand-in, the real engine on a temporary articles folder, pages from a loopback
// news site. The live index answers /ask from an added article at once.
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InteractionContextType, PermissionFlagsBits } from 'discord.js'
import { commands } from '../../src/discord/commands/index.js'
import { Engine } from '../../src/engine.js'
import { snowflake } from '../support/discordStandinPayloads.js'
import { BRIDGE_PARAGRAPHS, OG_ARTICLE, startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'
import { tempSeeds } from '../support/tempSeeds.js'
import { buttons, callbackOf, embedText, interactionReply, newUser, originalMessage, plain, startHarness } from './harness.js'
import type { Harness, SentBody } from './harness.js'

/** What a user reads in the reply's embeds. */
const text = (sent: SentBody) => plain(embedText(sent)).trim()

const EPHEMERAL = 64
const MANAGER = String(PermissionFlagsBits.ManageGuild)
const ORDINARY = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands)
const EDITOR_ROLE = snowflake()
const QUESTION = 'Which engineer designed the footbridge?'
const HARBOUR_MD = '---\ntitle: Harbour wall repaired\nsource: Coast Weekly\ndate: 2026-10-02\n---\n\nThe harbour wall at Penwick was repaired by the stonemason Aldous Brightwater after the October storms broke it in two places.\n'

let h: Harness
let site: NewsSite
let engine: Engine
let seeds: Awaited<ReturnType<typeof tempSeeds>>
beforeAll(async () => {
  seeds = await tempSeeds()
  // Enough articles for two pages of /articles.
  for (let i = 1; i <= 9; i++) {
    await writeFile(join(seeds.seedsDir, `brief-${i}.txt`), `Brief number ${i}\n\nThe parish council of Upper Wending met for the ${i}th time this year and approved a new bench for the green.\n`)
  }
  engine = await Engine.open({ seedsDir: seeds.seedsDir, indexDir: null })
  site = await startNewsSite()
  // The news site and the stand-in's attachments are on loopback: allowed, as on an intranet.
  h = await startHarness({ engine, standin: { roles: [EDITOR_ROLE] }, env: { SEEDS_DIR: seeds.seedsDir, ALLOW_PRIVATE_URLS: 'true', EDITOR_ROLE_ID: EDITOR_ROLE } })
})
afterAll(async () => {
  await h?.close()
  await site?.close()
  await seeds?.cleanup()
})

const listing = () => readdir(seeds.seedsDir)

async function run(name: string, options: Parameters<Harness['standin']['slashCommand']>[2], where: Parameters<Harness['standin']['slashCommand']>[3] = { permissions: MANAGER }): Promise<SentBody> {
  return interactionReply(h.standin, h.standin.slashCommand(newUser(), name, options, where))
}

describe('the definitions', () => {
  it('registers /add and /remove for Manage Server, in servers only; /articles for everyone', () => {
    for (const name of ['add', 'remove']) {
      const definition = commands.get(name)!.data.toJSON()
      expect(definition.default_member_permissions).toBe(MANAGER)
      expect(definition.contexts).toEqual([InteractionContextType.Guild])
    }
    expect(commands.get('add')!.data.toJSON().options!.map((o) => [o.name, o.type])).toEqual([['url', 3], ['file', 11]])
    expect(commands.get('articles')!.data.toJSON().default_member_permissions).toBeUndefined()
  })

  it('/help says who can add articles and how', async () => {
    expect(text(await run('help', {}, {}))).toContain('Add articles\nServer managers (and the editor role, if set) can `/add` a news link or file')
  })
})

describe('/add', () => {
  it('adds by link, says what was added, privately, and /ask answers from it with its link', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'add', { url: `${site.origin}/og` }, { permissions: MANAGER })
    const deferred = (await callbackOf(h.standin, interaction)).body as { type: number; data?: SentBody }
    expect(deferred.type).toBe(5)
    expect(deferred.data!.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const reply = await interactionReply(h.standin, interaction)
    const embed = reply.embeds![0]!
    expect(embed.title).toBe('Article added')
    expect(embed.description).toBe(`**[Marrowby footbridge opens early](${OG_ARTICLE.url})**\nQuell Valley News · 2026-11-14 · 6 paragraphs\n\`${OG_ARTICLE.file}\``)
    expect(embed.fields).toEqual([{ name: 'First paragraph', value: `> ${BRIDGE_PARAGRAPHS[0]}`, inline: false }])
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })

    const answer = await run('ask', { question: QUESTION }, {})
    expect(text(answer)).toContain('Ilse Tangwood')
    expect(embedText(answer)).toContain(`](${OG_ARTICLE.url})`)
  })

  it('names the article already there', async () => {
    const reply = await run('add', { url: `${site.origin}/jsonld` })
    expect(text(reply)).toBe(`Already there: Marrowby footbridge opens early \`${OG_ARTICLE.file}\`. Nothing was added.`)
  })

  it('adds an attached Markdown file, for a member with the editor role', async () => {
    const file = h.standin.upload('harbour.md', HARBOUR_MD)
    const reply = await run('add', { file }, { permissions: ORDINARY, roles: [EDITOR_ROLE] })
    expect(text(reply)).toContain('Article added')
    expect(text(reply)).toContain('Harbour wall repaired\nCoast Weekly · 2026-10-02 · 1 paragraph\n`seeds/harbour-wall-repaired_')
    // The attachment's address expires: it is not recorded as the article's URL.
    expect(engine.articles.find((a) => a.title === 'Harbour wall repaired')!.url).toBeNull()
    const answer = await run('ask', { question: 'Who repaired the harbour wall at Penwick?' }, {})
    expect(text(answer)).toContain('Aldous Brightwater')
  })

  it('refuses, saying why and writing nothing: no permission, a page without an article, a wrong file type, neither option', async () => {
    const before = await listing()
    expect(text(await run('add', { url: `${site.origin}/time` }, { permissions: ORDINARY }))).toBe(
      'Only members with the Manage Server permission or the editor role can add articles.',
    )
    expect(text(await run('add', { url: `${site.origin}/og` }, { dm: true }))).toContain('Only members with the Manage Server permission')
    expect(text(await run('add', { url: `${site.origin}/no-article` }))).toContain("Couldn't add that: no readable article on that page")
    expect(text(await run('add', { file: h.standin.upload('scan.pdf', '%PDF-1.7') }))).toBe("Couldn't add that: scan.pdf is not a .html, .htm, .txt or .md file")
    // url: takes links only: a path typed there never reads the bot's own files.
    expect(text(await run('add', { url: join(seeds.seedsDir, '000_5a00534109fa55da.txt') }))).toMatch(/^Couldn't add that: ".*000\\?_5a00534109fa55da\.txt" is not a link/)
    expect(text(await run('add', {}))).toBe("Couldn't add that: give either url: (a link) or file: (an attachment), one of them")
    expect(await listing()).toEqual(before)
  })

  it('limits how many articles one member adds at a time', async () => {
    const user = newUser()
    const replies: string[] = []
    for (let i = 0; i < 6; i++) {
      const reply = await interactionReply(h.standin, h.standin.slashCommand(user, 'add', { url: OG_ARTICLE.url }, { permissions: MANAGER }))
      replies.push(text(reply))
    }
    expect(replies.slice(0, 5).every((r) => r.startsWith('Already there'))).toBe(true)
    expect(replies[5]).toMatch(/^You can add 5 articles every 10 minutes\. Try again in \d+ s\.$/)
  })
})

describe('/articles', () => {
  it('lists title, outlet, date and paragraphs, ten a page, with Next to the rest', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'articles', {})
    const reply = await interactionReply(h.standin, interaction)
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const count = engine.articles.length
    expect(count).toBeGreaterThan(10)
    expect(reply.embeds![0]!.title).toBe(`Articles (${count})`)
    expect(reply.embeds![0]!.footer!.text).toMatch(/ · page 1 of 2$/)
    const next = buttons(reply).find((b) => b.label === 'Next')!
    const click = h.standin.clickButton(newUser(), originalMessage(h.standin, interaction), next.custom_id)
    const page2 = ((await callbackOf(h.standin, click)).body as { data: SentBody }).data
    expect(page2.embeds![0]!.footer!.text).toMatch(/ · page 2 of 2$/)
    expect(text(page2)).toContain(`Marrowby footbridge opens early\nQuell Valley News · 2026-11-14 · 6 paragraphs · \`${OG_ARTICLE.file}\``)
    expect(text(await run('articles', { page: 2 }, {}))).toBe(text(page2))
  })
})

describe('/remove', () => {
  it('suggests articles by title', async () => {
    const interaction = h.standin.autocomplete(newUser(), 'remove', { article: 'marrowby' }, 'article')
    const callback = (await callbackOf(h.standin, interaction)).body as { data: { choices: { name: string; value: string }[] } }
    expect(callback.data.choices).toEqual([{ name: `Marrowby footbridge opens early — ${OG_ARTICLE.file}`, value: OG_ARTICLE.file }])
  })

  it('is refused to the editor role and to members without Manage Server', async () => {
    for (const where of [{ permissions: ORDINARY, roles: [EDITOR_ROLE] }, { permissions: ORDINARY }]) {
      expect(text(await run('remove', { article: OG_ARTICLE.file }, where))).toBe('Only members with the Manage Server permission can remove articles.')
    }
    expect(engine.articles.map((a) => a.file)).toContain(OG_ARTICLE.file)
  })

  it('takes the article out: no longer answered from, its file kept aside', async () => {
    const reply = await run('remove', { article: OG_ARTICLE.file })
    expect(reply.embeds![0]!.title).toBe('Article removed')
    expect(text(reply)).toContain(`\`${OG_ARTICLE.file}\`: answers no longer come from it.\nThe file was moved to \`seeds/.removed/\`, not deleted.`)
    expect(engine.articles.map((a) => a.file)).not.toContain(OG_ARTICLE.file)
    expect(text(await run('ask', { question: QUESTION }, {}))).not.toContain('Tangwood')
    expect(await readdir(join(seeds.seedsDir, '.removed'))).toHaveLength(1)
    expect(text(await run('remove', { article: OG_ARTICLE.file }))).toMatch(/^Couldn't remove that: no article "seeds\/marrowby-footbridge-opens-early\\?_[0-9a-f]{8}\.txt" is loaded/)
  })
})

describe('this file', () => {
  it('made the bot log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
