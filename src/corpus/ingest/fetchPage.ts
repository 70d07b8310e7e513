// Fetching a page someone shared, under the rules in docs/adding-articles.md: http and https only, never a
// private, loopback, link-local, CGNAT, multicast or unspecified address (checked for every redirect, at connect
// time, on the address actually connected), at most 5 redirects, 10 seconds and 5 MB in all, HTML / plain text /
// Markdown only. node:http with our own `lookup`: the address the guard checks is the one the socket connects to,
// so a DNS answer cannot change between the check and the use.
import { lookup as dnsLookup } from 'node:dns'
import type { LookupAddress, LookupOptions } from 'node:dns'
import { request as httpRequest } from 'node:http'
import type { IncomingMessage, RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { refusedAddress } from './addresses.js'
import { IngestError } from './errors.js'

export type PageKind = 'html' | 'text' | 'markdown'

export interface FetchedPage {
  /** Where the last redirect led. */
  url: string
  kind: PageKind
  bytes: Uint8Array
  /** The charset the server named, if any. */
  charset: string | null
}

export interface FetchRules {
  /** Allow private and loopback addresses (ALLOW_PRIVATE_URLS=true: tests, intranets). Default false. */
  allowPrivate?: boolean
  /** Addresses allowed although private (tests: the loopback server, and nothing else on loopback). */
  trusted?: readonly string[]
  /** Default 10 000. */
  timeoutMs?: number
  /** Default 5 MB. */
  maxBytes?: number
  /** Default 5. */
  maxRedirects?: number
  /** The kind by the file name when the server says only "application/octet-stream" (Discord attachments). */
  kindFromName?: PageKind | null
}

export const FETCH_LIMITS = Object.freeze({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 })

const KINDS: Record<string, PageKind> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
}

/** Fetches `address` under the rules; throws IngestError saying what was refused or what failed. */
export async function fetchPage(address: string, rules: FetchRules = {}): Promise<FetchedPage> {
  const timeoutMs = rules.timeoutMs ?? FETCH_LIMITS.timeoutMs
  const maxRedirects = rules.maxRedirects ?? FETCH_LIMITS.maxRedirects
  // One clock for the whole fetch, redirects included.
  const signal = AbortSignal.timeout(timeoutMs)
  let url = parseUrl(address)
  for (let redirects = 0; ; redirects++) {
    checkTarget(url, rules)
    const response = await get(url, rules, signal, timeoutMs)
    const status = response.statusCode ?? 0
    if (status >= 300 && status < 400 && response.headers.location) {
      response.destroy()
      if (redirects >= maxRedirects) throw new IngestError(`too many redirects (more than ${maxRedirects}), last to ${url.href}`)
      url = parseUrl(new URL(response.headers.location, url).href)
      continue
    }
    if (status < 200 || status >= 300) {
      response.destroy()
      throw new IngestError(`the server answered ${status} ${response.statusMessage ?? ''}`.trim() + ` for ${url.href}`)
    }
    const { kind, charset } = kindOf(response.headers['content-type'], rules.kindFromName ?? null)
    if (kind === null) {
      response.destroy()
      throw new IngestError(`${url.href} is ${response.headers['content-type'] ?? 'of no stated type'}: only HTML, plain text and Markdown can be added`)
    }
    const bytes = await readBody(response, rules.maxBytes ?? FETCH_LIMITS.maxBytes, signal, timeoutMs)
    return { url: url.href, kind, bytes, charset }
  }
}

function parseUrl(address: string): URL {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new IngestError(`"${address.slice(0, 200)}" is not a link (it should start with https://)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IngestError(`only http and https links can be added, not ${url.protocol.replace(/:$/, '')}`)
  if (url.username || url.password) throw new IngestError('links with a user name or password are not fetched')
  return url
}

function refusal(host: string, address: string, why: string): IngestError {
  const where = host === address ? address : `${host} (${address})`
  return new IngestError(`${where} is a ${why} address: links to private networks are refused (ALLOW_PRIVATE_URLS=true allows them)`)
}

function allowed(address: string, rules: FetchRules): string | null {
  if (rules.allowPrivate || rules.trusted?.includes(address)) return null
  return refusedAddress(address)
}

/** Literal addresses are checked here: Node connects to them without a lookup. Names are checked in guardedLookup. */
function checkTarget(url: URL, rules: FetchRules): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (isIP(host) === 0) return
  const why = allowed(host, rules)
  if (why !== null) throw refusal(host, host, why)
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup that refuses a name when any of its addresses is refused; used by the socket itself when it connects. */
function guardedLookup(rules: FetchRules) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(Object.assign(new IngestError(`cannot find ${hostname}: ${error.code ?? error.message}`), { code: error.code }), [])
      const bad = addresses.map((a) => [a.address, allowed(a.address, rules)] as const).find(([, why]) => why !== null)
      if (bad) return callback(refusal(hostname, bad[0], bad[1]!), [])
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      callback(null, first.address, first.family)
    })
  }
}

function get(url: URL, rules: FetchRules, signal: AbortSignal, timeoutMs: number): Promise<IncomingMessage> {
  const options: RequestOptions = {
    method: 'GET',
    signal,
    // A new connection per request (no shared agent): every connection goes through the lookup above.
    agent: false,
    lookup: guardedLookup(rules) as RequestOptions['lookup'],
    headers: {
      'user-agent': 'newsdesk-qa/0.1 (adds an article someone shared)',
      accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9',
      'accept-encoding': 'identity',
    },
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, options, resolve)
    req.on('error', (error) => reject(describe(error, url, timeoutMs)))
    req.end()
  })
}

function describe(error: unknown, url: URL, timeoutMs: number): IngestError {
  if (error instanceof IngestError) return error
  const cause = error as NodeJS.ErrnoException
  if (cause.name === 'AbortError' || cause.name === 'TimeoutError' || cause.code === 'ABORT_ERR') {
    return new IngestError(`${url.host} took longer than ${timeoutMs / 1000} s`)
  }
  return new IngestError(`cannot fetch ${url.href}: ${cause.code ?? cause.message}`)
}

function kindOf(header: string | undefined, fromName: PageKind | null): { kind: PageKind | null; charset: string | null } {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim())
  const charset = params.map((p) => /^charset=["']?([^"';]+)/i.exec(p)?.[1] ?? null).find((c) => c !== null) ?? null
  const kind = KINDS[type.toLowerCase()] ?? null
  // Discord serves attachments by their extension, or as octet-stream; the name is trusted only then.
  if (kind === null && fromName !== null && (type === '' || type.toLowerCase() === 'application/octet-stream')) return { kind: fromName, charset }
  return { kind, charset }
}

async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const mb = `${Math.round(maxBytes / 1024 / 1024)} MB`
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy()
    throw new IngestError(`the page is larger than ${mb} (${Math.ceil(declared / 1024 / 1024)} MB)`)
  }
  const parts: Buffer[] = []
  let total = 0
  try {
    for await (const part of response) {
      total += (part as Buffer).length
      if (total > maxBytes) {
        response.destroy()
        throw new IngestError(`the page is larger than ${mb}`)
      }
      parts.push(part as Buffer)
    }
  } catch (error) {
    if (error instanceof IngestError) throw error
    if (signal.aborted) throw new IngestError(`the page took longer than ${timeoutMs / 1000} s to arrive`)
    throw new IngestError(`the page could not be read to the end: ${(error as Error).message}`)
  }
  return new Uint8Array(Buffer.concat(parts))
}
