// /reload: only for members with Manage Server, in servers; says privately what changed in the articles folder.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InteractionContextType, PermissionFlagsBits } from 'discord.js'
import { commands } from '../../src/discord/commands/index.js'
import { Engine } from '../../src/engine.js'
import { tempSeeds } from '../support/tempSeeds.js'
import { callbackOf, embedText, interactionReply, newUser, plain, startHarness } from './harness.js'
import type { Harness, SentBody } from './harness.js'

const EPHEMERAL = 64
const BRIDGE = 'Who designed the Quillon Bridge?'

let h: Harness
let engine: Engine
let seeds: Awaited<ReturnType<typeof tempSeeds>>
beforeAll(async () => {
  seeds = await tempSeeds()
  engine = await Engine.open({ seedsDir: seeds.seedsDir, indexDir: null })
  h = await startHarness({ engine })
  // Added after the engine opened: only a reload brings it in (the harness bot does not watch the folder).
  await writeFile(join(seeds.seedsDir, 'bridge.txt'), 'The Quillon Bridge was designed by Ottoline Farthingale in 1911.\n')
  // An editor's backup is passed over silently; a file of another kind is listed as skipped.
  await writeFile(join(seeds.seedsDir, 'bridge.txt~'), 'An editor backup.\n')
  await writeFile(join(seeds.seedsDir, 'bridge.pdf'), 'Not an article.\n')
})
afterAll(async () => {
  await h?.close()
  await seeds?.cleanup()
})

const files = () => engine.articles.map((a) => a.file)
const ordinary = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands)

describe('/reload', () => {
  it('is registered for members with Manage Server, in servers only', () => {
    const definition = commands.get('reload')!.data.toJSON()
    expect(definition.default_member_permissions).toBe('32')
    expect(definition.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild))
    expect(definition.contexts).toEqual([InteractionContextType.Guild])
  })

  it('refuses a member without Manage Server, privately, and reloads nothing', async () => {
    const reply = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'reload', {}, { permissions: ordinary }))
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(reply)).trim()).toBe('Only members with the Manage Server permission can reload the articles.')
    expect(files()).not.toContain('seeds/bridge.txt')
  })

  it('refuses in a direct message, where there is no server to manage', async () => {
    const reply = await interactionReply(h.standin, h.standin.slashCommand(newUser(), 'reload', {}, { dm: true }))
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL)
    expect(plain(embedText(reply))).toContain('Only members with the Manage Server permission')
    expect(files()).not.toContain('seeds/bridge.txt')
  })

  it('tells a member with Manage Server, privately, what was added, changed, removed and skipped', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'reload', {}, { permissions: String(PermissionFlagsBits.ManageGuild) })
    const deferred = (await callbackOf(h.standin, interaction)).body as { type: number; data?: SentBody }
    expect(deferred.type).toBe(5) // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "thinking…" while the folder is read
    expect(deferred.data!.flags! & EPHEMERAL).toBe(EPHEMERAL)
    const reply = await interactionReply(h.standin, interaction)
    const embed = reply.embeds![0]!
    expect(embed.title).toBe('Articles reloaded')
    expect(embed.description).toMatch(/^1 added, 0 changed, 0 removed, 1 skipped\.\nNow 4 articles, \d+ paragraphs · \d+ ms\.$/)
    expect(embed.fields!.map((f) => [f.name, f.value])).toEqual([
      ['Added (1)', '`seeds/bridge.txt`'],
      ['Skipped (1)', '`seeds/bridge.pdf` — not a .txt or .md file'],
    ])
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false })
    // Answered from at once.
    expect(engine.ask(BRIDGE).answer).toContain('Ottoline Farthingale')
  })

  it('says so when nothing changed', async () => {
    const interaction = h.standin.slashCommand(newUser(), 'reload', {}, { permissions: String(PermissionFlagsBits.Administrator) })
    const reply = await interactionReply(h.standin, interaction)
    expect(reply.embeds![0]!.title).toBe('Articles checked: no changes')
    expect(reply.embeds![0]!.description).toMatch(/^0 added, 0 changed, 0 removed, 1 skipped\./)
  })

  it('made the bot log no errors', () => {
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
