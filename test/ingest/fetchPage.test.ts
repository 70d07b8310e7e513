// The safety rules for fetching a link someone shared, against a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refusedAddress } from '../../src/corpus/ingest/addresses.js'
import { decodePage } from '../../src/corpus/ingest/decodePage.js'
import { fetchPage } from '../../src/corpus/ingest/fetchPage.js'
import type { FetchRules } from '../../src/corpus/ingest/fetchPage.js'
import { startNewsSite } from '../support/newsPages.js'
import type { NewsSite } from '../support/newsPages.js'

let site: NewsSite
beforeAll(async () => {
  site = await startNewsSite()
})
afterAll(() => site?.close())

// The test server, and nothing else private: what the rules refuse is still refused around it.
const rules: FetchRules = { trusted: ['127.0.0.1'] }

describe('addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private (unique local)'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:192.168.0.1]', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('refuses %s (%s)', (address, why) => {
    expect(refusedAddress(address)).toBe(why)
  })

  it.each(['93.184.216.34', '172.32.0.1', '100.128.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeNull()
  })
})

describe('fetchPage', () => {
  it('fetches an HTML page and says what it is', async () => {
    const page = await fetchPage(`${site.origin}/og`, rules)
    expect(page.kind).toBe('html')
    expect(page.charset).toBe('utf-8')
    expect(Buffer.from(page.bytes).toString('utf8')).toContain('Ilse Tangwood')
  })

  it('decodes a page in the charset its server names', async () => {
    const page = await fetchPage(`${site.origin}/latin1`, rules)
    expect(page.charset).toBe('iso-8859-1')
    expect(decodePage(page.bytes, page.kind, page.charset)).toContain('said one café owner')
  })

  it('refuses loopback without ALLOW_PRIVATE_URLS, and fetches it with it', async () => {
    await expect(fetchPage(`${site.origin}/og`)).rejects.toThrow(/127\.0\.0\.1 is a loopback address: links to private networks are refused/)
    await expect(fetchPage(`${site.origin}/og`, { allowPrivate: true })).resolves.toMatchObject({ kind: 'html' })
  })

  it('refuses a name that resolves to a private address, in the lookup the connection itself uses', async () => {
    await expect(fetchPage(`http://localhost:${site.port}/og`)).rejects.toThrow(/^localhost \((?:::1|127\.0\.0\.1)\) is a loopback address/)
    await expect(fetchPage(`http://localhost:${site.port}/og`, { allowPrivate: true })).resolves.toMatchObject({ url: `http://localhost:${site.port}/og` })
  })

  it('follows a redirect chain of up to 5 and refuses a sixth', async () => {
    const page = await fetchPage(`${site.origin}/redirect/4`, rules)
    expect(page.url).toBe(`${site.origin}/og`)
    await expect(fetchPage(`${site.origin}/redirect/5`, rules)).rejects.toThrow('too many redirects (more than 5)')
  })

  it('checks every redirect: to a link-local, an IPv4-mapped private or another loopback address', async () => {
    await expect(fetchPage(`${site.origin}/to-metadata`, rules)).rejects.toThrow('169.254.169.254 is a link-local address')
    await expect(fetchPage(`${site.origin}/to-mapped`, rules)).rejects.toThrow('::ffff:a00:1 is a private address')
    await expect(fetchPage(`${site.origin}/to-loopback`, rules)).rejects.toThrow('127.0.0.2 is a loopback address')
  })

  it('refuses other schemes', async () => {
    await expect(fetchPage('ftp://example.com/a.txt')).rejects.toThrow('only http and https links can be added, not ftp')
    await expect(fetchPage('file:///etc/passwd')).rejects.toThrow('only http and https links can be added, not file')
    await expect(fetchPage('not a link')).rejects.toThrow('is not a link')
  })

  it('gives up on a slow server after its time limit', async () => {
    await expect(fetchPage(`${site.origin}/slow`, { ...rules, timeoutMs: 300 })).rejects.toThrow(/took longer than 0\.3 s/)
  })

  it('refuses a body over 5 MB, declared or not', async () => {
    await expect(fetchPage(`${site.origin}/big`, rules)).rejects.toThrow('the page is larger than 5 MB')
    await expect(fetchPage(`${site.origin}/big-declared`, rules)).rejects.toThrow('the page is larger than 5 MB (50 MB)')
  })

  it('refuses what is not HTML, plain text or Markdown', async () => {
    await expect(fetchPage(`${site.origin}/image.png`, rules)).rejects.toThrow(/image\.png is image\/png: only HTML, plain text and Markdown can be added/)
  })

  it('says what a server error was', async () => {
    await expect(fetchPage(`${site.origin}/missing`, rules)).rejects.toThrow(/the server answered 404 Not Found/)
  })
})
