import type { Command } from '../context.js'
import * as add from './add.js'
import * as articles from './articles.js'
import * as ask from './ask.js'
import * as help from './help.js'
import * as reload from './reload.js'
import * as remove from './remove.js'
import * as search from './search.js'
import * as sources from './sources.js'

/** Every slash command, by name. `npm run deploy-commands` registers these definitions. */
export const commands: ReadonlyMap<string, Command> = new Map(
  ([ask, search, sources, help, reload, add, articles, remove] satisfies Command[]).map((command) => [command.data.name, command]),
)
