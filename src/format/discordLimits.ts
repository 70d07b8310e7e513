// Discord's size limits, and the last step before anything is sent: clamp a payload so that a send never fails
// for length. The builders in discord.ts already aim well inside these; this is the guarantee.
import type { APIEmbed, APIEmbedField } from 'discord.js'
import { truncate } from './discordText.js'

/** Discord's documented limits (characters unless stated). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** All titles, descriptions, field names and values, footers and author names of a message's embeds together. */
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const

/** A field that Discord accepts: name and value non-empty and within their limits. */
export function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: truncate(name.trim() || '\u200b', LIMITS.fieldName),
    value: truncate(value.trim() || '\u200b', LIMITS.fieldValue),
    inline,
  }
}

/** Characters of an embed that count towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  )
}

/**
 * Every embed within its own limits, and all of them together within the 6000 total: fields are shed from the
 * last embed backwards, then embeds after the first are dropped, then the first one's text is shortened.
 */
export function clampEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const clamped = embeds.slice(0, LIMITS.embedsPerMessage).map(clampEmbed)
  const total = () => clamped.reduce((sum, e) => sum + embedLength(e), 0)
  for (let i = clamped.length - 1; i >= 0 && total() > LIMITS.embedTotal; i--) {
    const fields = clamped[i]!.fields
    while (fields && fields.length > 0 && total() > LIMITS.embedTotal) fields.pop()
  }
  while (clamped.length > 1 && total() > LIMITS.embedTotal) clamped.pop()
  const first = clamped[0]
  if (first && total() > LIMITS.embedTotal && first.footer) {
    first.footer = { ...first.footer, text: truncate(first.footer.text, Math.max(1, first.footer.text.length - (total() - LIMITS.embedTotal))) }
  }
  if (first && total() > LIMITS.embedTotal && first.description) {
    first.description = truncate(first.description, Math.max(1, first.description.length - (total() - LIMITS.embedTotal)))
  }
  return clamped
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed }
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title)
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.description)
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) }
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) }
  if (out.fields) out.fields = out.fields.slice(0, LIMITS.fields).map((f) => field(f.name, f.value, f.inline))
  return out
}

/** Message content within 2000 characters. */
export function clampContent(content: string): string {
  return truncate(content, LIMITS.content)
}
