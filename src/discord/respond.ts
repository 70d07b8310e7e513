// Sending what src/format/discord*.ts shaped. Every send, reply, follow-up and edit goes through here and carries
// `allowedMentions: { parse: [] }` (the client default says the same, as a second guard).
import { DiscordAPIError, HTTPError, MessageFlags, RESTJSONErrorCodes } from 'discord.js'
import type { ButtonInteraction, Message, RepliableInteraction, User } from 'discord.js'
import { NO_MENTIONS } from '../format/discord.js'
import type { DiscordReply } from '../format/discord.js'

/** Replies to a user's message; still posts when that message was deleted meanwhile. */
export function replyTo(message: Message, reply: DiscordReply): Promise<Message> {
  return message.reply({ ...reply, allowedMentions: NO_MENTIONS, failIfNotExists: false })
}

/** A direct message to `user` (fails with 50007 when they do not accept DMs). */
export function directMessage(user: User, reply: DiscordReply): Promise<Message> {
  return user.send({ ...reply, allowedMentions: NO_MENTIONS })
}

/** Answers an interaction however far it got: first reply, edit of a deferred reply, or a follow-up. */
export async function respond(interaction: RepliableInteraction, reply: DiscordReply, ephemeral = false): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS })
  } else if (interaction.replied) {
    await interaction.followUp({ ...reply, allowedMentions: NO_MENTIONS, ...(flags ? { flags } : {}) })
  } else {
    await interaction.reply({ ...reply, allowedMentions: NO_MENTIONS, ...(flags ? { flags } : {}) })
  }
}

/** Acknowledges an interaction now ("thinking…"), when the answer may take longer than Discord's 3 seconds. */
export async function defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})
}

/** Replaces the message a button sits on. */
export async function update(interaction: ButtonInteraction, reply: DiscordReply): Promise<void> {
  await interaction.update({ ...reply, allowedMentions: NO_MENTIONS })
}

/** What went wrong talking to Discord, for logs and for deciding whether an apology can still reach the user. */
export type FailureKind = 'missing_permissions' | 'unknown_interaction' | 'dm_closed' | 'server_error' | 'other'

export function classify(error: unknown): { kind: FailureKind; status: number | null; code: number | string | null } {
  if (error instanceof DiscordAPIError) {
    const kind: FailureKind =
      error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess
        ? 'missing_permissions'
        : error.code === RESTJSONErrorCodes.UnknownInteraction
          ? 'unknown_interaction'
          : error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
            ? 'dm_closed'
            : error.status >= 500
              ? 'server_error'
              : 'other'
    return { kind, status: error.status, code: error.code }
  }
  if (error instanceof HTTPError) return { kind: error.status >= 500 ? 'server_error' : 'other', status: error.status, code: null }
  return { kind: 'other', status: null, code: null }
}
