// Bytes → text, deciding what counts as a text file. Pure: the caller does the IO and the logging.
//
// UTF-8 first. A file that is not valid UTF-8 but reads as Windows-1252 text (windowsText below) is decoded as
// Windows-1252, with one warning: older wire copy and anything saved by an old Windows editor is Latin-1 or
// Windows-1252, and "café" and “quotes” should read as written, not as U+FFFD. (Latin-1 files decode the same
// way, as browsers do: real Latin-1 text has no bytes 0x80–0x9F, where the two differ.)
//
// Otherwise invalid UTF-8 is read, not skipped: the undecodable byte sequences become U+FFFD and the file is
// loaded with one warning. That is the right call for a UTF-8 file with a few damaged bytes, where guessing
// another encoding would garble its correct characters. When undecodable bytes and control characters make up
// more than MAX_NON_TEXT_RATIO of the text, it is not text (a binary or a file in another encoding) and is skipped.

export type Decoded =
  | { ok: true; text: string; warning: string | null }
  | { ok: false; reason: string }

/** Above this share of control characters plus replacement characters, a file is not treated as text. */
export const MAX_NON_TEXT_RATIO = 0.2

/** Windows-1252 text in a Latin-script language is mostly ASCII; above this share of bytes ≥ 0x80 it is not. */
export const MAX_WINDOWS_1252_HIGH_SHARE = 0.3

const REPLACEMENT = 0xfffd

/** The five bytes Windows-1252 leaves undefined: decoded, they become C1 control characters. */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * WHATWG's index-windows-1252 for bytes 0x80–0x9F; every other byte is the code point of the same number. Written
 * out because Node 20.18.3 and later decode `new TextDecoder('windows-1252')` as ISO-8859-1, turning “ into
 * U+0093 (nodejs/node#60888).
 */
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' }

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'
  let body = bytes
  let bom = false
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [body, bom] = [bytes.subarray(3), true]
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, body] = ['utf-16le', bytes.subarray(2)]
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, body] = ['utf-16be', bytes.subarray(2)]

  // NUL never occurs in UTF-8 or Windows-1252 text; it is the cheapest and surest sign of a binary file.
  if (encoding === 'utf-8' && body.indexOf(0) !== -1) return { ok: false, reason: 'binary file (contains NUL bytes)' }

  let text: string
  let invalid = false
  let windows1252 = false
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    invalid = true
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body)
    // A UTF-8 byte-order mark says UTF-8: such a file is damaged UTF-8, whatever its other bytes look like.
    if (encoding === 'utf-8' && !bom && windowsText(body, text)) {
      text = decodeWindows1252(body)
      invalid = false
      windows1252 = true
    }
  }

  let replaced = 0
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === REPLACEMENT) replaced++
    else if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f)) control++
  }
  if (text.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' }
  // A valid file may hold U+FFFD as a character; only replacements made by the decoder count against it.
  const undecodable = invalid ? replaced : 0
  const nonText = (undecodable + control) / text.length
  if (nonText > MAX_NON_TEXT_RATIO) {
    const percent = Math.round(nonText * 100)
    return { ok: false, reason: `not a text file: ${percent}% of it is control characters or invalid ${encoding.toUpperCase()}` }
  }
  let warning: string | null = null
  if (windows1252) warning = `not UTF-8: decoded as Windows-1252 (Latin-1), ${countHighBytes(body)} byte(s) above ASCII`
  else if (invalid) warning = `invalid ${encoding.toUpperCase()}: ${replaced} undecodable byte sequence(s) shown as U+FFFD; loaded anyway`
  return { ok: true, text, warning }
}

/**
 * Whether invalid UTF-8 is better read as Windows-1252: every byte ≥ 0x80 is a character Windows-1252 defines,
 * they are a minority of the bytes (Latin-script text, not binary noise), and the bytes that fail as UTF-8
 * outnumber the multi-byte sequences that decode. A UTF-8 article with one stray Windows-1252 quote keeps its
 * UTF-8 characters (and shows the quote as U+FFFD); a Windows-1252 article in which a capital letter and a
 * closing quote happen to form a valid UTF-8 pair ("JOSÉ’s") is still read as Windows-1252.
 *
 * `utf8` is the lossy UTF-8 decoding of `body`.
 */
function windowsText(body: Uint8Array, utf8: string): boolean {
  const high = countHighBytes(body)
  if (high > body.length * MAX_WINDOWS_1252_HIGH_SHARE) return false
  for (const byte of body) if (UNDEFINED_IN_WINDOWS_1252.has(byte)) return false
  let failed = 0
  let decoded = 0
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8.charCodeAt(i)
    if (c === REPLACEMENT) failed++
    else if (c >= 0x80 && !(c >= 0xdc00 && c <= 0xdfff)) decoded++ // a surrogate pair counts once
  }
  return failed > decoded
}

function decodeWindows1252(body: Uint8Array): string {
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')
  return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]!)
}

function countHighBytes(body: Uint8Array): number {
  let n = 0
  for (const byte of body) if (byte >= 0x80) n++
  return n
}
