// Payload factories for the Discord stand-in. Shapes follow Discord's API documentation as typed by
// discord-api-types (re-exported by discord.js), so a missing or misnamed field fails the typecheck
// instead of being silently dropped by the client.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
} from 'discord.js'
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIAttachment,
  APIInteraction,
  ChannelFlags,
  GuildMemberFlags,
  RoleFlags,
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandInteraction,
  APIGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIRole,
  APITextChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
  GatewayMessageCreateDispatchData,
  GatewayThreadCreateDispatchData,
} from 'discord.js'

const DISCORD_EPOCH = 1420070400000n
let increment = 0n

/** A fresh snowflake carrying the current time, as Discord's are (discord.js reads interaction age from it). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString()
}

export function makeUser(username: string, options: { id?: string; bot?: boolean } = {}): APIUser {
  return {
    id: options.id ?? snowflake(),
    username,
    discriminator: '0',
    global_name: username,
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
  }
}

/** Every permission bit: the stand-in's guild grants everything, so the bot is never refused by the client. */
const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString()

function member(user: APIUser): APIGuildMember {
  return {
    user,
    nick: null,
    roles: [],
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  }
}

/** The member behind a guild interaction: every permission, unless `permissions` (a bit field, e.g. "0") says otherwise. */
export function interactionMember(user: APIUser, permissions = ALL_PERMISSIONS, roles: string[] = []): APIInteractionGuildMember {
  return { ...member(user), roles, permissions }
}

export function makeTextChannel(guildId: string, name: string): APITextChannel {
  return {
    id: snowflake(),
    // Without a type, discord.js cannot build the channel and silently drops its messages.
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0 as ChannelFlags,
  }
}

/** The id of the bot's managed role in the stand-in's guild. */
export function botRoleId(guildId: string): string {
  return String(BigInt(guildId) + 1n)
}

export function makeGuild(id: string, bot: APIUser, channels: APITextChannel[], roleIds: readonly string[] = []): GatewayGuildCreateDispatchData {
  const role = (roleId: string, name: string, position: number, permissions: string): APIRole => ({
    id: roleId,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  })
  const everyone = role(id, '@everyone', 0, ALL_PERMISSIONS)
  // The role Discord makes for a bot when it joins: managed, tagged with the bot's id (mentioned as <@&id>).
  const botRole: APIRole = { ...everyone, id: botRoleId(id), name: bot.username, position: 1, managed: true, mentionable: true, tags: { bot_id: bot.id } }
  // Further roles (e.g. EDITOR_ROLE_ID) grant nothing themselves: what they allow is the bot's to decide.
  const others = roleIds.map((roleId, i) => role(roleId, `role ${i + 1}`, i + 2, '0'))
  return {
    id,
    name: 'Stand-in Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [everyone, botRole, ...others],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: GuildHubType.Default as GuildHubType | null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(bot)],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  }
}

/** A public thread started on `starter` (a thread started on a message shares its id). */
export function makeThread(guildId: string, starter: APIMessage, owner: APIUser): GatewayThreadCreateDispatchData {
  return {
    id: starter.id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: starter.channel_id,
    owner_id: owner.id,
    name: 'Follow-up',
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
    newly_created: true,
  }
}

export interface MessageInput {
  channelId: string
  guildId: string | null
  author: APIUser
  content: string
  /** Users mentioned in the content (Discord resolves `<@id>` into this list). */
  mentions?: APIUser[]
  mentionEveryone?: boolean
  /** The message this one replies to. */
  replyTo?: APIMessage | null
  /** Default: a guild text channel (or a DM without guildId). */
  channelType?: ChannelType.PublicThread
  /** Roles mentioned in the content (`<@&id>`). */
  mentionRoles?: string[]
  /** Posted by a webhook with this id. */
  webhookId?: string
  /** A system message of this type (a member joined, a message pinned…) rather than a default one. */
  type?: MessageType
  /** When it was sent (the id's timestamp); default now. */
  createdAt?: number
}

export function makeMessage(input: MessageInput): GatewayMessageCreateDispatchData {
  const reply = input.replyTo ?? null
  const { user: _user, ...memberNoUser } = member(input.author)
  return {
    id: snowflake(input.createdAt),
    channel_id: input.channelId,
    // Gateway extra fields: without channel_type, discord.js cannot build an uncached DM channel and drops the message.
    channel_type: input.channelType ?? (input.guildId ? ChannelType.GuildText : ChannelType.DM),
    ...(input.guildId ? { guild_id: input.guildId, member: memberNoUser } : {}),
    author: input.author,
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: input.mentionEveryone ?? false,
    mentions: input.mentions ?? [],
    mention_roles: input.mentionRoles ?? [],
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    attachments: [],
    embeds: [],
    pinned: false,
    type: input.type ?? (reply ? MessageType.Reply : MessageType.Default),
    ...(reply
      ? {
          message_reference: {
            message_id: reply.id,
            channel_id: reply.channel_id,
            ...(input.guildId ? { guild_id: input.guildId } : {}),
          },
          referenced_message: reply,
        }
      : {}),
  }
}

/** Where and by whom a command is run: a DM, when, the member's permissions (a bit field) and role ids. */
export interface CommandWhere {
  dm?: boolean
  createdAt?: number
  permissions?: string
  roles?: string[]
}

/** What every interaction shares: Discord refuses none of these, and discord.js throws without the last two. */
interface InteractionBase {
  applicationId: string
  guildId: string | null
  channel: InteractionChannel
  user: APIUser
  /** When the user acted (the id's timestamp); default now. Older means it waited in a queue on the way. */
  createdAt?: number
  /** The member's permissions in the channel, as a bit field; default all of them. */
  permissions?: string
  /** The member's role ids; default none. */
  roles?: string[]
}

/** The partial channel an interaction carries (id and type are required). */
export type InteractionChannel = NonNullable<APIInteraction['channel']>

function interactionCommon(base: InteractionBase) {
  const where = base.guildId
    ? { guild_id: base.guildId, member: interactionMember(base.user, base.permissions, base.roles), context: InteractionContextType.Guild }
    : { user: base.user, context: InteractionContextType.BotDM }
  return {
    id: snowflake(base.createdAt),
    application_id: base.applicationId,
    channel: base.channel,
    channel_id: base.channel.id,
    token: `itoken-${snowflake()}`,
    version: 1 as const,
    app_permissions: ALL_PERMISSIONS,
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: base.guildId
      ? { [ApplicationIntegrationType.GuildInstall]: base.guildId }
      : { [ApplicationIntegrationType.UserInstall]: base.user.id },
    attachment_size_limit: 8 * 1024 * 1024,
    ...where,
  }
}

/** A file a user attaches to a command option; the stand-in serves its bytes at `url`. */
export interface UploadedFile {
  id: string
  filename: string
  contentType: string
  bytes: Buffer
  url: string
}

export type StringOptions = Record<string, string | boolean | number | UploadedFile>

function commandOptions(options: StringOptions, focused?: string): APIApplicationCommandInteractionDataBasicOption[] {
  return Object.entries(options).map(([name, value]) =>
    typeof value === 'boolean'
      ? { name, type: ApplicationCommandOptionType.Boolean, value }
      : typeof value === 'number'
        ? { name, type: ApplicationCommandOptionType.Integer, value }
        : typeof value === 'object'
          ? { name, type: ApplicationCommandOptionType.Attachment, value: value.id }
          : { name, type: ApplicationCommandOptionType.String, value, ...(name === focused ? { focused: true } : {}) },
  )
}

/** `resolved.attachments` for the files among `options`, as Discord sends them with the command. */
function resolvedAttachments(options: StringOptions): APIAttachment[] {
  return Object.values(options)
    .filter((value): value is UploadedFile => typeof value === 'object')
    .map((file) => ({
      id: file.id,
      filename: file.filename,
      size: file.bytes.length,
      url: file.url,
      proxy_url: file.url,
      content_type: file.contentType,
    }))
}

export function makeSlashCommand(
  base: InteractionBase,
  name: string,
  commandId: string,
  options: StringOptions,
): APIChatInputApplicationCommandInteraction {
  return {
    ...interactionCommon(base),
    type: InteractionType.ApplicationCommand,
    data: {
      id: commandId,
      name,
      type: ApplicationCommandType.ChatInput,
      options: commandOptions(options),
      ...(resolvedAttachments(options).length > 0
        ? { resolved: { attachments: Object.fromEntries(resolvedAttachments(options).map((a) => [a.id, a])) } }
        : {}),
    },
  }
}

export function makeAutocomplete(
  base: InteractionBase,
  name: string,
  commandId: string,
  options: StringOptions,
  focused: string,
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...interactionCommon(base),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: commandId, name, type: ApplicationCommandType.ChatInput, options: commandOptions(options, focused) },
  }
}

export function makeButtonClick(
  base: InteractionBase,
  message: APIMessage,
  customId: string,
): APIMessageComponentButtonInteraction {
  return {
    ...interactionCommon(base),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  }
}
