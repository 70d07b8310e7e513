// A 👍 / 👎 click: recorded to the feedback file, acknowledged privately. The question and the short answer are read
// from the message the buttons sit on, the passages it showed from the buttons' ids.
import type { ButtonInteraction } from 'discord.js'
import { renderFeedbackThanks } from '../format/discord.js'
import type { ButtonAction } from '../format/discord.js'
import { questionOf, shortAnswerOf } from '../format/discordRead.js'
import type { FeedbackRecord } from '../feedback/record.js'
import type { BotContext } from './context.js'
import { corpusId } from './corpusId.js'
import { respond } from './respond.js'

export async function recordFeedback(
  interaction: ButtonInteraction,
  ctx: BotContext,
  action: Extract<ButtonAction, { kind: 'feedback' }>,
): Promise<void> {
  const embed = interaction.message.embeds[0]
  const sameArticles = action.corpus === corpusId(ctx.engine.articles)
  const chunks = sameArticles ? action.chunks.map((id) => ctx.engine.chunks[id]) : []
  const record: FeedbackRecord = {
    v: 1,
    at: new Date().toISOString(),
    verdict: action.verdict,
    from: 'discord',
    question: questionOf(embed) ?? '',
    answer: action.outcome === 'answer' ? shortAnswerOf(embed) : null,
    outcome: action.outcome,
    answered: action.outcome === 'answer',
    citations:
      sameArticles && chunks.every((c) => c !== undefined)
        ? chunks.map((c) => ({ file: c!.file, paragraph: c!.paragraph, text: c!.text }))
        : null,
    user: ctx.feedback.hashUser(interaction.user.id),
    message: interaction.message.id,
  }
  ctx.feedback.append(record)
  ctx.logger.info({ verdict: record.verdict, outcome: record.outcome, message: record.message }, 'feedback recorded')
  await respond(interaction, renderFeedbackThanks(action.verdict), true)
}
