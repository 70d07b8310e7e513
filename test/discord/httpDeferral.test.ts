// Discord's 3 seconds, when a handler is slow: the endpoint acknowledges for it, and what the handler sends later
// becomes what Discord takes after an acknowledgement. Real discord.js interactions, real HTTP; only the handler is
// one made slow on purpose (the bot's own are fast, but a command may wait on I/O, as /reload does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MessageFlags } from 'discord.js'
import type { Interaction } from 'discord.js'
import type { BotContext } from '../../src/discord/context.js'
import { handleInteraction } from '../../src/discord/events/interactionCreate.js'
import { NO_MENTIONS } from '../../src/format/discord.js'
import { buttons, newUser } from './harness.js'
import type { SentBody } from './harness.js'
import { startEndpointHarness } from './httpHarness.js'
import type { EndpointHarness } from './httpHarness.js'

const DEFER_AFTER_MS = 100
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The bot's own handler, made slow for the custom ids `slow-update` and `slow-reply`, and for autocomplete. */
async function slowWhereAsked(ctx: BotContext, interaction: Interaction): Promise<void> {
  if (interaction.isButton() && interaction.customId === 'slow-update') {
    await sleep(300)
    await interaction.update({ content: 'updated late', embeds: [], components: [], allowedMentions: NO_MENTIONS })
  } else if (interaction.isButton() && interaction.customId === 'slow-reply') {
    await sleep(300)
    await interaction.reply({ content: 'private, late', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
  } else if (interaction.isAutocomplete()) {
    await sleep(300)
    await interaction.respond([{ name: 'too late', value: 'too late' }])
  } else {
    await handleInteraction(ctx, interaction)
  }
}

let h: EndpointHarness
beforeAll(async () => {
  h = await startEndpointHarness({ deferAfterMs: DEFER_AFTER_MS, handle: slowWhereAsked })
})
afterAll(async () => {
  await h?.close()
})

/** An answer on which to click, with its message in the stand-in. */
async function answered() {
  const user = newUser()
  const ask = h.discord.slashCommand(user, 'ask', { question: 'who did Xi send?' })
  expect(((await h.send(ask)).json as { type: number }).type).toBe(4)
  return { user, message: h.discord.message(ask) }
}

describe('a slow button handler', () => {
  it('is acknowledged silently in time; its update then edits the clicked message', async () => {
    const { user, message } = await answered()
    const click = h.discord.clickButton(user, message, 'slow-update')
    const response = await h.send(click)
    expect(response.json).toEqual({ type: 6 })
    expect(response.ms).toBeLessThan(300)
    const edit = await h.standin.waitForCall((c) => c.method === 'PATCH' && c.path.includes(click.token) && c.status === 200)
    expect(edit.path).toBe(`/webhooks/${click.application_id}/${click.token}/messages/@original`)
    expect(edit.body).toMatchObject({ content: 'updated late', allowed_mentions: { parse: [], replied_user: false } })
    expect(h.standin.messages.get(message.id)!.content).toBe('updated late')
  })

  it('is acknowledged silently in time; its private reply then comes as a follow-up', async () => {
    const { user, message } = await answered()
    const click = h.discord.clickButton(user, message, 'slow-reply')
    expect((await h.send(click)).json).toEqual({ type: 6 })
    const followUp = await h.standin.waitForCall((c) => c.method === 'POST' && c.path === `/webhooks/${click.application_id}/${click.token}`)
    expect(followUp.body).toMatchObject({ content: 'private, late', flags: 64 })
    expect(buttons(message as unknown as SentBody).length).toBeGreaterThan(0)
  })
})

describe('a slow autocomplete', () => {
  it('gets no suggestions rather than none at all, and the late ones are dropped quietly', async () => {
    const response = await h.send(h.discord.autocomplete(newUser(), 'ask', { question: 'xi' }, 'question'))
    expect(response.json).toEqual({ type: 8, data: { choices: [] } })
    await sleep(400)
    expect(h.logs.some((l) => l.msg === 'interactions: response too late to send')).toBe(true)
    expect(h.logs.filter((l) => (l.level as number) >= 50)).toEqual([])
  })
})
