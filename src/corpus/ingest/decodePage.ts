// Fetched or read bytes → text. UTF-8 (or no stated charset) goes through the corpus's own decoder, which also
// refuses binary data; another charset named by the server or the page's <meta charset> is decoded as named.
import { decodeText, MAX_NON_TEXT_RATIO } from '../decode.js'
import { IngestError } from './errors.js'
import type { PageKind } from './fetchPage.js'

export function decodePage(bytes: Uint8Array, kind: PageKind, charset: string | null): string {
  const named = (charset ?? (kind === 'html' ? metaCharset(bytes) : null))?.toLowerCase() ?? null
  if (named !== null && !/^(?:utf-?8|us-ascii|ascii)$/.test(named)) {
    let text: string | null = null
    try {
      text = new TextDecoder(named).decode(bytes)
    } catch {
      // An unknown charset name: read it as UTF-8 below.
    }
    if (text !== null) {
      // A binary file with a text type and a charset: mostly control characters once decoded.
      // eslint-disable-next-line no-control-regex
      const control = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0
      if (control > text.length * MAX_NON_TEXT_RATIO) throw new IngestError(`not a text or HTML file (mostly control characters as ${named})`)
      return text
    }
  }
  const decoded = decodeText(bytes)
  if (!decoded.ok) throw new IngestError(`not a text or HTML file (${decoded.reason})`)
  return decoded.text
}

/** The charset a page declares in its first kilobytes (`<meta charset=…>` or the http-equiv form). */
function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null
}
