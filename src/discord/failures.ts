// When a reply fails: log it with context, and apologise to the user where that can still reach them.
import type { Message, RepliableInteraction } from 'discord.js'
import { renderApology } from '../format/discord.js'
import type { BotContext } from './context.js'
import { classify, directMessage, replyTo, respond } from './respond.js'

export interface FailureSite {
  message?: Message
  interaction?: RepliableInteraction
}

/** Never throws: a handler error must not take the process down. */
export async function reportFailure(ctx: BotContext, error: unknown, site: FailureSite, context: Record<string, unknown>): Promise<void> {
  const { kind, status, code } = classify(error)
  ctx.logger.error({ err: error, kind, status, code, ...context }, `reply failed (${kind})`)
  // An expired interaction or a closed DM leaves no way to reach the user.
  if (kind === 'unknown_interaction' || kind === 'dm_closed') return
  try {
    if (site.interaction) {
      await respond(site.interaction, renderApology(), true)
    } else if (site.message && kind === 'missing_permissions') {
      // The channel refused us, so say why where the user can read it: a direct message.
      await directMessage(site.message.author, renderApology('missing_permissions'))
    } else if (site.message) {
      await replyTo(site.message, renderApology())
    }
  } catch (apologyError) {
    ctx.logger.warn({ err: apologyError, ...context, ...classify(apologyError) }, 'could not apologise either')
  }
}
