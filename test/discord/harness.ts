// Starts the real bot (real engine, real discord.js client) against the Discord stand-in, and helps tests wait
// for what a user would see.
import { jsonLineSink } from '../support/logSink.js'
import type { APIEmbed, APIInteraction, APIMessage, APIUser } from 'discord.js'
import { loadConfig } from '../../src/config.js'
import { Engine } from '../../src/engine.js'
import { createLogger } from '../../src/logger.js'
import { startBot } from '../../src/discord/bot.js'
import type { Bot } from '../../src/discord/bot.js'
import { DiscordStandin, FAKE_TOKEN, makeUser } from '../support/discordStandin.js'
import type { RecordedCall, StandinOptions } from '../support/discordStandin.js'

let engine: Promise<Engine> | null = null
/**
 * One engine per test file (each file runs in its own process): the seeds, indexed in memory. It has answered once
 * already, as a running bot's engine has (the tagger loads in idle time after start-up): a first answer that loads
 * it (~0.3 s, more on a busy machine) would make the bot's pace estimate defer the replies the tests expect.
 */
export function seedsEngine(): Promise<Engine> {
  engine ??= Engine.open({ seedsDir: 'seeds', indexDir: null }).then((opened) => {
    opened.ask('who did Xi send?')
    return opened
  })
  return engine
}

export interface Harness {
  standin: DiscordStandin
  bot: Bot
  /** Every log line, as an object. */
  logs: Record<string, unknown>[]
  /** Everything the logger wrote, as text (to check the token never appears). */
  logText: () => string
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Extra environment for the bot's config; a function gets the stand-in (for its channel ids). */
  env?: Record<string, string> | ((standin: DiscordStandin) => Record<string, string>)
  standin?: StandinOptions
  /** The engine to answer from; default the bundled seeds (seedsEngine()). */
  engine?: Engine
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standin = await DiscordStandin.start(options.standin)
  const { stream: sink, lines: logs, text: logText } = jsonLineSink()
  const env = typeof options.env === 'function' ? options.env(standin) : options.env
  const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: standin.apiUrl, ...env })
  const logger = createLogger({ level: 'debug', destination: sink })
  const bot = await startBot({ engine: options.engine ?? (await seedsEngine()), config, logger })
  return {
    standin,
    bot,
    logs,
    logText,
    async close() {
      await bot.stop(1000)
      await standin.close()
    },
  }
}

/** Resolves once the bot has logged a line matching `match` (e.g. it finished handling a reply). */
export async function waitForLog(h: Harness, match: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const line = h.logs.find(match)
    if (line) return line
    if (Date.now() > deadline) throw new Error('no matching log line')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

let users = 0
/** A new user, so that cooldowns and follow-up context never leak between tests. */
export function newUser(): APIUser {
  users += 1
  return makeUser(`reader${users}`)
}

const isMessagePost = (call: RecordedCall) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path)

/** The bot's reply to `message` (a POST to the channel that references it). */
export function replyOf(standin: DiscordStandin, message: APIMessage, timeoutMs?: number): Promise<RecordedCall> {
  return standin.waitForCall(
    (call) => isMessagePost(call) && call.status === 200 && body(call).message_reference?.message_id === message.id,
    timeoutMs,
  )
}

/** Every POST the bot made replying to `message`, failed attempts included. */
export function repliesOf(standin: DiscordStandin, message: APIMessage): RecordedCall[] {
  return standin.calls.filter((call) => isMessagePost(call) && body(call).message_reference?.message_id === message.id)
}

/** The callback the bot sent for `interaction`. */
export function callbackOf(standin: DiscordStandin, interaction: APIInteraction, timeoutMs?: number): Promise<RecordedCall> {
  return standin.waitForCall((call) => call.path === `/interactions/${interaction.id}/${interaction.token}/callback`, timeoutMs)
}

/** The final message content of an interaction: its callback's data, or the edit of a deferred reply. */
export async function interactionReply(standin: DiscordStandin, interaction: APIInteraction): Promise<SentBody> {
  const callback = await callbackOf(standin, interaction)
  const { type, data } = callback.body as { type: number; data?: SentBody }
  if (type !== 5) return data ?? {}
  const edit = await standin.waitForCall(
    (call) =>
      call.method === 'PATCH' &&
      call.status === 200 &&
      call.path.startsWith(`/webhooks/${standin.applicationId}/${interaction.token}/messages/`),
  )
  return edit.body as SentBody
}

/** What the bot sent: the subset of a message body the tests look at. */
export interface SentBody {
  content?: string
  embeds?: APIEmbed[]
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[]
  allowed_mentions?: { parse?: string[]; replied_user?: boolean }
  flags?: number
  message_reference?: { message_id?: string }
}

export function body(call: RecordedCall): SentBody {
  return (call.body ?? {}) as SentBody
}

/** All the text of a message's embeds, for `toContain` checks. */
export function embedText(sent: SentBody): string {
  return (sent.embeds ?? [])
    .map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n'))
    .join('\n')
}

/** Markdown and zero-width characters removed, so assertions read like what a user sees. */
export function plain(text: string): string {
  return text.replace(/\\([^\w\s])/g, '$1').replace(/\*\*|__/g, '').replace(/\u200b/g, '')
}

export function buttons(sent: SentBody): { custom_id: string; label: string; disabled?: boolean }[] {
  return (sent.components ?? []).flatMap((row) => row.components)
}

export { FAKE_TOKEN }

/** The message an interaction's reply created (in the stand-in), as a button click would carry it. */
export function originalMessage(standin: DiscordStandin, interaction: APIInteraction): APIMessage {
  const id = standin.originals.get(interaction.token)
  const message = id ? standin.messages.get(id) : undefined
  if (!message) throw new Error('no original response for this interaction')
  return message
}
