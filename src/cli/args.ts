// One flag parser for every command (`npm start`, `npm run ask`, `npm run index`), so that a flag means the same
// everywhere and every command rejects what it does not know in the same words.
import { parseArgs } from 'node:util'

/** A command line that cannot be run as written: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Most citations `--k` / `:k` accepts; the engine's default is 3. */
export const MAX_K = 50

const FLAGS = {
  seeds: { type: 'string', value: 'DIR', help: 'folder of .txt/.md articles (overrides SEEDS_DIR; default seeds/)' },
  index: { type: 'string', value: 'DIR', help: 'folder for the search index (overrides INDEX_DIR; default index/)' },
  repl: { type: 'boolean', help: 'open the local REPL even when DISCORD_TOKEN is set' },
  json: { type: 'boolean', help: 'print one JSON object per question, one per line' },
  k: { type: 'string', value: 'N', help: `cite at most N passages per answer (1–${MAX_K}; default 3)` },
  out: { type: 'string', value: 'FILE', help: 'write the question file here (default: feedback-questions.jsonl beside the feedback)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const

export type FlagName = keyof typeof FLAGS

/** What a command accepts. */
export interface CommandSpec {
  /** How the user runs it, e.g. `npm run ask --`. */
  name: string
  /** What follows the flags in the usage line, e.g. `"question"`; absent: no positional arguments. */
  operands?: string
  /** One or two sentences on what the command does. */
  summary: string
  flags: readonly FlagName[]
}

/** The parsed command line. */
export interface ParsedArgs {
  seeds: string | undefined
  index: string | undefined
  repl: boolean
  json: boolean
  k: number | undefined
  out: string | undefined
  help: boolean
  positionals: string[]
}

/** Parses `argv` (without node and the script) against `spec`; throws `UsageError` for anything it does not accept. */
export function parseCommandLine(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const options = Object.fromEntries(
    spec.flags.map((name) => {
      const flag: { type: 'string' | 'boolean'; short?: string } = FLAGS[name]
      return [name, flag.short ? { type: flag.type, short: flag.short } : { type: flag.type }]
    }),
  )
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: spec.operands !== undefined })
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
  const { values, positionals } = parsed
  return {
    seeds: nonEmpty(values.seeds, '--seeds'),
    index: nonEmpty(values.index, '--index'),
    repl: values.repl === true,
    json: values.json === true,
    k: values.k === undefined ? undefined : parseK(String(values.k)),
    out: nonEmpty(values.out, '--out', 'a file'),
    help: values.help === true,
    positionals,
  }
}

/** Parses the N of `--k N` and `:k N`. */
export function parseK(text: string): number {
  const k = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new UsageError(`k must be a whole number from 1 to ${MAX_K}, not "${text}".`)
  }
  return k
}

/** The usage text of a command, listing only its flags. */
export function usage(spec: CommandSpec): string {
  const rows = spec.flags.map((name) => {
    const flag: { value?: string; short?: string; help: string } = FLAGS[name]
    const left = `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`
    return [left, flag.help] as const
  })
  const width = Math.max(...rows.map(([left]) => left.length))
  return [
    `Usage: ${spec.name} [options]${spec.operands ? ` ${spec.operands}` : ''}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`),
  ].join('\n')
}

function nonEmpty(value: string | boolean | undefined, flag: string, what = 'a folder'): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs ${what}.`)
  return value
}

// node:util's messages are written for programmers ("To specify a positional argument starting with a '-', …");
// name the offending option plainly instead.
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const quoted = /'([^']+)'/.exec(message)?.[1]
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? message}`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ? `"${quoted}"` : message}: this command takes no arguments`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.replace(/^Option /, 'option ')
    default:
      return message
  }
}
