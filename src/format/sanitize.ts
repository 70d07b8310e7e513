// One sanitiser per sink for untrusted text (article passages, titles, outlets, file names, URLs, answers): what
// an article's author or a file's name can put there must never drive the reader's terminal or break a line.
//   terminal: escape sequences and control characters out; tab and the formatter's own newlines kept
//   JSON:     every control character escaped as a \uXXXX code point (JSON.stringify leaves DEL and C1 raw)
//   Discord:  control characters out, then discord.js's markdown escaping (format/discordText.ts)
import { CONTROLS } from '../controls.js'

const LINE_BREAKS = /\r\n?|[\n\u2028\u2029]/g
const JSON_RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029]/g

/**
 * Text for a terminal. `multiline` keeps the text's line breaks (as \n: a lone CR would return to the start of
 * the line and print over it); otherwise each becomes a space, so a field never splits the line it sits on.
 */
export function forTerminal(text: string, options: { multiline?: boolean } = {}): string {
  const cleaned = text.replace(CONTROLS, '')
  return cleaned.replace(LINE_BREAKS, options.multiline ? '\n' : ' ')
}

/**
 * A field that is shown on one line (a title, an outlet, a file name): `forTerminal` without line breaks, and
 * runs of spaces (left where the corpus blanked an escape sequence) folded to one.
 */
export function oneLine(text: string): string {
  return forTerminal(text).replace(/ {2,}/g, ' ')
}

/** `value` as one line of JSON in which no control character is raw (nor U+2028/U+2029, which end lines in JS). */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
