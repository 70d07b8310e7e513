// The one module that shapes Discord replies: Answer → embed, declines, help, notices and apologies. Every
// payload leaves through `finish()`, which clamps it to Discord's limits and disables all mentions; no other code
// builds a reply by hand. Search pages, source lists and autocomplete choices live in discordLists.ts.
import { ButtonStyle, ComponentType } from 'discord.js'
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js'
import type { Answer, Citation, Span } from '../types.js'
import { DECLINE_MESSAGES } from './text.js'
import { customIds } from './discordIds.js'
import { clampContent, clampEmbeds, field, LIMITS } from './discordLimits.js'
import { escapeText, excerpt, quote, sourceLine, truncate } from './discordText.js'

/** What every send, reply, follow-up and edit carries: nobody is pinged, not even the person who asked. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false })

export type ButtonRow = APIActionRowComponent<APIButtonComponent>

/** A reply ready for `channel.send`, `message.reply`, `interaction.reply/editReply/followUp/update`. */
export interface DiscordReply {
  content?: string
  embeds: APIEmbed[]
  components: ButtonRow[]
  allowedMentions: typeof NO_MENTIONS
}

export const COLORS = { answer: 0x2f80ed, passages: 0x7f8ea3, declined: 0x99aab5, list: 0x5865f2, notice: 0xf0b232, error: 0xed4245 } as const

/** Characters of quoted passage: the main one, and those in fields (which hold at most 1024 with the source line). */
const PRIMARY_PASSAGE = 1500
const FIELD_PASSAGE = 600
const MAX_EXTRA_CITATIONS = 8

/** Clamps to Discord's limits and disables mentions: the last step of every payload. */
export function finish(reply: Omit<DiscordReply, 'allowedMentions'>): DiscordReply {
  return {
    ...(reply.content === undefined ? {} : { content: clampContent(reply.content) }),
    embeds: clampEmbeds(reply.embeds),
    components: reply.components.slice(0, 5),
    allowedMentions: NO_MENTIONS,
  }
}

// ---- custom ids: what a button click carries back (discordIds.ts) ------------------------------------------

export { customIds, parseCustomId } from './discordIds.js'
export type { ButtonAction, Verdict } from './discordIds.js'

export function button(customId: string, label: string, options: { disabled?: boolean; style?: ButtonStyle } = {}) {
  return {
    type: ComponentType.Button as const,
    custom_id: customId.slice(0, LIMITS.customId),
    label: truncate(label, LIMITS.buttonLabel),
    style: (options.style ?? ButtonStyle.Secondary) as ButtonStyle.Secondary,
    disabled: options.disabled ?? false,
  }
}

export function row(...buttons: APIButtonComponent[]): ButtonRow {
  return { type: ComponentType.ActionRow, components: buttons }
}

// ---- answers ----------------------------------------------------------------------------------------------

export interface AnswerReplyOptions {
  /**
   * Id of the loaded corpus (its chunk ids are only meaningful with it). Given: the answer carries its buttons,
   * "More sources" and 👍 / 👎, their state in their custom ids; null or absent: no buttons.
   */
  corpus?: string | null
  /** Whether replies to the answer reach the bot (a gateway runs); the footer invites them then. Default true. */
  followUps?: boolean
}

/**
 * An answer: the short answer in bold, the supporting passage quoted with matched words in bold (and the short
 * answer underlined), its source line, and further sources as fields. Without a short answer: "Not sure" and the
 * closest passages as fields, no bold. A decline: a short friendly message.
 */
export function renderAnswer(answer: Answer, options: AnswerReplyOptions = {}): DiscordReply {
  if (!answer.answered) return renderDecline(answer, options.corpus ?? null)
  const [primary, ...others] = answer.citations
  const parts: string[] = []
  if (answer.answer) parts.push(`**${escapeText(answer.answer)}**`)
  if (primary) {
    const underline = answer.answerSpan ? [answer.answerSpan] : []
    const anchor = spanUnion(primary.sentenceSpan, answer.answerSpan)
    const passage = excerpt(primary.chunk.text, anchor, { bold: primary.highlights, underline }, PRIMARY_PASSAGE)
    parts.push(`${quote(passage)}\n— ${sourceLine(primary.chunk, primary.chunk.paragraph)}`)
  }
  const embed: APIEmbed = {
    color: COLORS.answer,
    title: titleOf(answer.question),
    description: parts.join('\n\n') || DECLINE_MESSAGES.not_found,
    // 'more' passages wait behind the "More sources" button; agreeing and differing articles show here.
    fields: others
      .filter((c) => c.role === 'supports' || c.role === 'differs')
      .slice(0, MAX_EXTRA_CITATIONS)
      .map(citationField),
    footer: { text: options.followUps === false ? 'From the loaded articles only' : 'From the loaded articles only · reply to ask a follow-up' },
  }
  const corpus = options.corpus ?? null
  const more = others.filter((c) => c.role === 'more').map((c) => c.chunk.id)
  const shown = [primary, ...others.filter((c) => c.role === 'supports' || c.role === 'differs').slice(0, MAX_EXTRA_CITATIONS)]
  const buttons = corpus
    ? [
        ...(more.length > 0 ? [button(customIds.moreSources(corpus, more), 'More sources')] : []),
        ...feedbackButtons('answer', corpus, shown.flatMap((c) => (c ? [c.chunk.id] : []))),
      ]
    : []
  return finish({ embeds: [embed], components: buttons.length > 0 ? [row(...buttons)] : [] })
}

/** 👍 / 👎: what the click records is in their ids (the passages shown) and on the message (question, answer). */
function feedbackButtons(outcome: Answer['outcome'], corpus: string, chunks: number[]): APIButtonComponent[] {
  return [
    button(customIds.feedback('good', outcome, corpus, chunks), '👍'),
    button(customIds.feedback('bad', outcome, corpus, chunks), '👎'),
  ]
}

/** Declines worth rating: the articles were searched (not an empty, overlong or wordless question). */
const RATED_DECLINES: ReadonlySet<string> = new Set(['not_found'])

/** Closest passages shown as fields; the rest wait behind "More sources", as under an answer. */
const SHOWN_PASSAGES = 3

/** No short answer: the closest passages, said to be such, with the same buttons; or a decline's message alone. */
function renderDecline(answer: Answer, corpus: string | null): DiscordReply {
  const reason = answer.declineReason ?? 'not_found'
  const passages = answer.outcome === 'passages' ? answer.citations : []
  const shown = passages.slice(0, SHOWN_PASSAGES)
  const embed: APIEmbed = {
    color: passages.length > 0 ? COLORS.passages : COLORS.declined,
    ...(answer.question ? { title: titleOf(answer.question) } : {}),
    description: DECLINE_MESSAGES[reason],
    ...(shown.length > 0 ? { fields: shown.map(citationField) } : {}),
    ...(passages.length > 0 ? { footer: { text: 'No short answer claimed: read the passages' } } : {}),
  }
  if (corpus === null || answer.question === '') return finish({ embeds: [embed], components: [] })
  // A decline can be rated too (a 👎 there is a question the articles may cover after all); an unusable question not.
  if (shown.length === 0) {
    const rated = RATED_DECLINES.has(reason)
    return finish({ embeds: [embed], components: rated ? [row(...feedbackButtons('declined', corpus, []))] : [] })
  }
  const more = passages.slice(SHOWN_PASSAGES).map((c) => c.chunk.id)
  const buttons = [
    ...(more.length > 0 ? [button(customIds.moreSources(corpus, more), 'More sources')] : []),
    ...feedbackButtons('passages', corpus, shown.map((c) => c.chunk.id)),
  ]
  return finish({ embeds: [embed], components: [row(...buttons)] })
}

const ROLE_NAMES: Record<Citation['role'], string> = {
  primary: 'Source',
  supports: 'Also reported',
  differs: 'Reported differently',
  more: 'More',
  related: 'Closest passage',
}

/** A cited passage as a field: the quoted sentence (grown to fit) and its source line. */
function citationField(citation: Citation): APIEmbedField {
  const source = sourceLine(citation.chunk, citation.chunk.paragraph)
  const budget = Math.max(200, Math.min(FIELD_PASSAGE, LIMITS.fieldValue - source.length - 8))
  const marks = { bold: citation.highlights, underline: [] }
  const passage = excerpt(citation.chunk.text, citation.sentenceSpan, marks, budget)
  return field(ROLE_NAMES[citation.role], `${quote(passage)}\n— ${source}`)
}

function spanUnion(a: Span, b: Span | null): Span {
  return b ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : [a[0], a[1]]
}

function titleOf(question: string): string {
  return truncate(escapeText(question.replace(/\s+/g, ' ').trim()), LIMITS.title)
}

// ---- help, notices, apologies -----------------------------------------------------------------------------

export interface HelpOptions {
  /** How to mention the bot, e.g. `<@123>` (mentions inside embeds never ping). */
  botMention: string | null
  askChannels: readonly string[]
  cooldownQuestions: number
  cooldownSeconds: number
  /** False when only slash commands reach the bot (the HTTP endpoint without a gateway). Default true. */
  gateway?: boolean
}

export function renderHelp(options: HelpOptions): DiscordReply {
  const mention = options.botMention ?? '@me'
  const gateway = options.gateway ?? true
  const ways = [
    ...(gateway ? [`• Mention me: ${mention} who did Xi send?`, '• Send me a direct message.'] : []),
    '• `/ask question:…`; add `private:True` to see the answer on your own.',
  ]
  if (gateway && options.askChannels.length > 0) {
    const channels = options.askChannels.map((id) => `<#${id}>`).join(', ')
    ways.push(`• Post in ${channels}: every message there is a question.`)
  }
  const description = [
    'I answer questions from the loaded news articles: a short answer where there is one, the passage it comes ' +
      "from and its source. I never make anything up: when the articles don't say, I say so.",
    `**Ask**\n${ways.join('\n')}`,
    ...(gateway
      ? ['**Follow up**\nReply to my answer, e.g. "and when was that?"; I remember your last question here for a few minutes.']
      : []),
    '**Explore**\n`/search query:…` finds passages, five per page. `/sources` or `/articles` lists the articles.',
    '**Add articles**\nServer managers (and the editor role, if set) can `/add` a news link or file; it is answered from at once. `/remove` takes one out.',
    `You can ask ${options.cooldownQuestions} questions every ${options.cooldownSeconds} seconds.`,
  ].join('\n\n')
  return finish({ embeds: [{ color: COLORS.list, title: 'Ask the news', description }], components: [] })
}

/** Past the per-user limit: said once, then silence until the window has room again. */
export function renderCooldown(retryAfterSeconds: number, questions: number, seconds: number): DiscordReply {
  const wait = Math.max(1, Math.ceil(retryAfterSeconds))
  const description =
    `You're asking faster than I can keep up with: up to ${questions} questions every ${seconds} seconds. ` +
    `Please try again in ${wait} second${wait === 1 ? '' : 's'}.`
  return finish({ embeds: [{ color: COLORS.notice, description }], components: [] })
}

export function renderApology(reason: 'error' | 'missing_permissions' = 'error'): DiscordReply {
  const description =
    reason === 'missing_permissions'
      ? "Sorry, I couldn't answer you there: I'm missing permissions in that channel. A server admin can let me " +
        'View Channel, Send Messages, Embed Links and Read Message History.'
      : 'Sorry, something went wrong while answering. Please try again in a moment.'
  return finish({ embeds: [{ color: COLORS.error, description }], components: [] })
}

/** The private acknowledgement of a 👍 / 👎. */
export function renderFeedbackThanks(verdict: 'good' | 'bad'): DiscordReply {
  const description =
    verdict === 'good'
      ? 'Thanks! Noted as a good answer 👍'
      : "Thanks! Noted as a bad answer 👎: it goes to the maintainers' list of questions to do better on."
  return finish({ embeds: [{ color: COLORS.list, description }], components: [] })
}

export function renderExpired(): DiscordReply {
  const description = 'These results have expired. Run `/search` again, or ask your question again.'
  return finish({ embeds: [{ color: COLORS.declined, description }], components: [] })
}
