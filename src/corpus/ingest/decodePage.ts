// Fetched or read bytes → text. UTF-8 (or no stated charset) goes through the corpus's own decoder, which also
// refuses binary data; another charset named by the server or the page's <meta charset> is decoded as named.
import { decodeText } from '../decode.js'
import { IngestError } from './errors.js'
import type { PageKind } from './fetchPage.js'

export function decodePage(bytes: Uint8Array, kind: PageKind, charset: string | null): string {
  const named = (charset ?? (kind === 'html' ? metaCharset(bytes) : null))?.toLowerCase() ?? null
  if (named !== null && !/^(?:utf-?8|us-ascii|ascii)$/.test(named)) {
    try {
      const text = new TextDecoder(named).decode(bytes)
      if (!text.includes('\u0000')) return text
    } catch {
      // An unknown charset name: read it as UTF-8 below.
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
