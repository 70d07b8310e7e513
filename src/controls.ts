// Control bytes in untrusted text (articles, their file names and metadata, questions). Pure, used by every layer:
// the corpus blanks them before chunking, the front ends' sinks (format/sanitize.ts) remove or escape them.

/**
 * Terminal escape sequences, whole: CSI (ESC [, parameters, final byte), OSC (ESC ] … up to BEL or ST, e.g. a
 * window title or an OSC 8 hyperlink), DCS/SOS/PM/APC strings (ESC P X ^ _ … ST), and the two-byte ESC sequences.
 * An unterminated string runs to the end of the line. A C1 control (0x9B is CSI on an 8-bit terminal) is removed
 * alone: UTF-8 terminals do not start sequences with it, and what follows it is text ("name\u009b.txt").
 */
const SEQUENCE = '\\x1b\\[[0-?]*[ -/]*[@-~]?|\\x1b[\\]PX^_][^\\x07\\x1b\\x9c\\n]*(?:\\x07|\\x1b\\\\|\\x9c)?|\\x1b[ -/]*[0-~]'
/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = '[\\x00-\\x08\\x0b-\\x0c\\x0e-\\x1f\\x7f-\\x9f]'

/** A sequence or a single control character (tab, LF and CR are not matched). */
export const CONTROLS = new RegExp(`${SEQUENCE}|${CONTROL}`, 'g')

/**
 * Invisible format characters that may sit inside a word: soft hyphen, zero-width space, non-joiner and joiner,
 * word joiner, and the BOM (zero-width no-break space). Removed, never turned into a space: "se\u00adnd" is "send".
 */
export const INVISIBLE_IN_WORDS = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

/** Whether `text` holds a control character other than tab, LF and CR. */
export function hasControls(text: string): boolean {
  CONTROLS.lastIndex = 0
  return CONTROLS.test(text)
}

/**
 * `text` with every escape sequence and control character replaced by spaces of the same length: offsets into
 * the text stay valid (chunks point into their file's text), and "\x1b[31mRED" reads as "RED", not "31mRED".
 */
export function blankControls(text: string): string {
  return text.replace(CONTROLS, (m) => ' '.repeat(m.length))
}

/** `text` without the invisible format characters that may split a word. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE_IN_WORDS, '')
}
