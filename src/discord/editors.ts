// Who may change the articles from Discord. /add and /remove are registered for Manage Server only
// (default_member_permissions), but a server can open a command to anyone (Server Settings → Integrations), so
// every handler checks again here. EDITOR_ROLE_ID lets a role add articles too; removing stays with managers.
import { PermissionFlagsBits } from 'discord.js'
import type { ChatInputCommandInteraction } from 'discord.js'
import type { BotContext } from './context.js'

export function mayChangeArticles(interaction: ChatInputCommandInteraction, ctx: BotContext, what: 'add' | 'remove'): boolean {
  if (!interaction.inGuild()) return false
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true
  const role = ctx.config.editorRoleId
  if (what !== 'add' || role === null) return false
  // A cached member has a role manager; the HTTP endpoint's (and an uncached one's) is the raw list of ids.
  const roles = interaction.member.roles
  return Array.isArray(roles) ? roles.includes(role) : roles.cache.has(role)
}
