// A reload's report → the `/reload` reply (through finish(), like every Discord reply); the wording it shares
// with the REPL's `:reload` is in reloadText.ts.
import type { APIEmbed, APIEmbedField } from 'discord.js'
import type { ReloadReport } from '../engine.js'
import { COLORS, finish } from './discord.js'
import type { DiscordReply } from './discord.js'
import { field, LIMITS } from './discordLimits.js'
import { escapeText } from './discordText.js'
import { counts, groups, isUnchanged, size } from './reloadText.js'
import type { Group } from './reloadText.js'

/** The `/reload` reply: the counts, then a field per group that has files, each listed as far as the field allows. */
export function renderReload(report: ReloadReport): DiscordReply {
  const ms = Math.round(report.ms)
  const embed: APIEmbed = {
    color: COLORS.list,
    title: isUnchanged(report) ? 'Articles checked: no changes' : 'Articles reloaded',
    description: `${counts(report)}.\nNow ${size(report)} · ${ms} ms.`,
    fields: groups(report)
      .filter((group) => group.files.length > 0)
      .map((group) => listField(`${group.heading} (${group.files.length})`, group.files)),
  }
  return finish({ embeds: [embed], components: [] })
}

/** `/reload` from someone without Manage Server. */
export function renderReloadRefused(): DiscordReply {
  const description = 'Only members with the **Manage Server** permission can reload the articles.'
  return finish({ embeds: [{ color: COLORS.notice, description }], components: [] })
}

/** `/reload` when the folder could not be read. */
export function renderReloadFailed(reason: string): DiscordReply {
  const description =
    `Couldn't reload the articles: ${escapeText(reason)}\n` + 'Answers still come from the articles loaded before.'
  return finish({ embeds: [{ color: COLORS.error, description }], components: [] })
}

/** One file per line (as code, so names show as they are), as many as fit in a field, then "… and N more". */
function listField(name: string, files: Group['files']): APIEmbedField {
  const shown: string[] = []
  let length = 0
  for (const [i, { file, reason }] of files.entries()) {
    const text = `\`${file.replace(/`/g, "'")}\`${reason ? ` — ${escapeText(reason)}` : ''}`
    const rest = files.length - i - 1
    const reserve = rest > 0 ? `\n… and ${rest} more`.length : 0
    if (length + text.length + 1 + reserve > LIMITS.fieldValue) {
      shown.push(`… and ${files.length - i} more`)
      break
    }
    shown.push(text)
    length += text.length + 1
  }
  return field(name, shown.join('\n'))
}
