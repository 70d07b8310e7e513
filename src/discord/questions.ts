// From a question to a reply: one path for mentions, DMs, question channels and /ask.
import { renderAnswer, renderHelp } from '../format/discord.js'
import type { DiscordReply } from '../format/discord.js'
import type { Answer } from '../types.js'
import type { BotContext } from './context.js'
import { corpusId } from './corpusId.js'

/** Citations asked of the engine: the primary, agreeing and differing articles, and 'more' passages for the button. */
export const CITATIONS = 11

export interface Asker {
  userId: string
  channelId: string
  /** The bot answer this message replies to, if any. */
  replyTo?: string | null
  /** When asked in a thread started on a bot answer: that answer's message id (a thread shares its starter's id). */
  threadOf?: string | null
}

/** Asks the engine, leaning on the previous exchange where there is one, and shapes the reply. Synchronous: CPU only. */
export function answerQuestion(ctx: BotContext, question: string, asker: Asker): { answer: Answer; reply: DiscordReply } {
  const previous = ctx.followups.previous(asker.userId, asker.channelId, asker)
  const answer = ctx.engine.ask(question, { k: CITATIONS, previous })
  ctx.patience.record(answer.elapsedMs)
  if (answer.declineReason === 'empty') return { answer, reply: help(ctx) }
  ctx.logger.debug(
    { user: asker.userId, channel: asker.channelId, outcome: answer.outcome, ms: answer.elapsedMs, followUp: previous !== null },
    'answered',
  )
  return { answer, reply: renderAnswer(answer, { corpus: corpusId(ctx.engine.articles), followUps: ctx.gateway }) }
}

export function help(ctx: BotContext): DiscordReply {
  const id = ctx.botId()
  return renderHelp({
    botMention: id ? `<@${id}>` : null,
    askChannels: ctx.config.askChannels,
    cooldownQuestions: ctx.config.cooldownQuestions,
    cooldownSeconds: ctx.config.cooldownSeconds,
    gateway: ctx.gateway,
  })
}
