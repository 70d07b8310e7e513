// Bytes → text, deciding what counts as a text file. Pure: the caller does the IO and the logging.
//
// Invalid UTF-8 is read, not skipped: the undecodable byte sequences become U+FFFD and the file is loaded
// with one warning. A stray Windows-1252 quote should not cost a whole article, and the rest of the text is
// still shown exactly as written. When undecodable bytes and control characters make up more than
// MAX_NON_TEXT_RATIO of the text, it is not text (a binary or a file in another encoding) and is skipped.

export type Decoded =
  | { ok: true; text: string; warning: string | null }
  | { ok: false; reason: string }

/** Above this share of control characters plus replacement characters, a file is not treated as text. */
export const MAX_NON_TEXT_RATIO = 0.2

const REPLACEMENT = 0xfffd

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' }

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'
  let body = bytes
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3)
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, body] = ['utf-16le', bytes.subarray(2)]
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, body] = ['utf-16be', bytes.subarray(2)]

  // NUL never occurs in UTF-8 text; it is the cheapest and surest sign of a binary file.
  if (encoding === 'utf-8' && body.indexOf(0) !== -1) return { ok: false, reason: 'binary file (contains NUL bytes)' }

  let text: string
  let invalid = false
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    invalid = true
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body)
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
  const warning = invalid
    ? `invalid ${encoding.toUpperCase()}: ${replaced} undecodable byte sequence(s) shown as U+FFFD; loaded anyway`
    : null
  return { ok: true, text, warning }
}
