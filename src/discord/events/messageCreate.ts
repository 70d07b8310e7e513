// Messages: mentions of the bot, direct messages, question channels (ASK_CHANNELS), replies to the bot's answers
// and messages in threads started on them.
import { cleanContent, Events } from 'discord.js'
import type { Message } from 'discord.js'
import { renderCooldown } from '../../format/discord.js'
import type { BotContext } from '../context.js'
import { reportFailure } from '../failures.js'
import { answerQuestion, help } from '../questions.js'
import { replyTo } from '../respond.js'
import { defineEvent } from './types.js'

export const messageCreate = defineEvent({
  name: Events.MessageCreate,
  execute(ctx, message) {
    if (ctx.inflight.closing) return
    // Bots (this one included), webhooks and system messages never ask questions.
    if (message.author.bot || message.webhookId || message.system) return
    const found = questionIn(message, ctx)
    if (!found) return
    ctx.inflight.track(handle(ctx, message, found))
  },
})

interface FoundQuestion {
  text: string
  /** Addressed to the bot directly (mention, DM, reply): an empty text then gets the help. */
  addressed: boolean
  replyTo: string | null
  threadOf: string | null
}

/** The question a message asks the bot, or null when it is not for the bot. */
export function questionIn(message: Message, ctx: BotContext): FoundQuestion | null {
  const botId = ctx.botId()
  if (!botId) return null
  const channel = message.channel
  const threadOf =
    channel.isThread() && (channel.ownerId === botId || ctx.followups.isAnswer(channel.id)) ? channel.id : null
  const reference = message.reference?.messageId ?? null
  const replyToBot = reference !== null && (message.mentions.repliedUser?.id === botId || ctx.followups.isAnswer(reference))
  const mentioned =
    message.mentions.users.has(botId) || message.mentions.roles.some((role) => role.tags?.botId === botId)
  const direct = !message.inGuild()
  const askChannel =
    ctx.config.askChannels.includes(message.channelId) ||
    (channel.isThread() && channel.parentId !== null && ctx.config.askChannels.includes(channel.parentId))
  if (!(direct || mentioned || replyToBot || threadOf || askChannel)) return null
  const withoutBot = message.content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/<@&(\d+)>/g, (whole, id: string) => (message.mentions.roles.get(id)?.tags?.botId === botId ? ' ' : whole))
  // Other mentions become readable names (@someone, #channel), as the user saw them, not ids to search for.
  const text = cleanContent(withoutBot, channel).trim()
  return { text, addressed: direct || mentioned || replyToBot, replyTo: replyToBot ? reference : null, threadOf }
}

async function handle(ctx: BotContext, message: Message, found: FoundQuestion): Promise<void> {
  const context = { user: message.author.id, channel: message.channelId, guild: message.guildId, message: message.id }
  try {
    // Without the Message Content intent, un-addressed messages arrive blank: nothing to answer, nothing to say.
    if (!found.text && !found.addressed) return
    if (!found.text) {
      await replyTo(message, help(ctx))
      return
    }
    const verdict = ctx.cooldown.take(message.author.id)
    if (!verdict.allowed) {
      const { cooldownQuestions, cooldownSeconds } = ctx.config
      if (verdict.notify) await replyTo(message, renderCooldown(verdict.retryAfterMs / 1000, cooldownQuestions, cooldownSeconds))
      return
    }
    // Only when answering itself is slow: time already spent in a queue is not helped by an indicator, and under a
    // burst every typing call would spend the rate limit that the answers need.
    if (ctx.patience.expectSlow() && message.channel.isSendable()) {
      // Awaited: the answer is computed synchronously next, so the indicator must be out before it starts.
      await message.channel.sendTyping().catch(() => undefined)
    }
    const { answer, reply } = answerQuestion(ctx, found.text, {
      userId: message.author.id,
      channelId: message.channelId,
      replyTo: found.replyTo,
      threadOf: found.threadOf,
    })
    ctx.followups.remember(message.author.id, message.channelId, answer)
    const sent = await replyTo(message, reply)
    ctx.followups.rememberMessage(sent.id, answer)
    ctx.logger.debug({ ...context, reply: sent.id }, 'replied')
  } catch (error) {
    await reportFailure(ctx, error, { message }, context)
  }
}
